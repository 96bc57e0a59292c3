#include "saved/saved_runner.h"

#include "core/date.h"
#include "index/batch_records.h"
#include "index/schema.h"
#include "query/query_builder.h"
#include "query/report_page.h"

namespace socialsoeg::saved {

std::string report_id(const Xapian::Document& doc) {
  // Terms are sorted: the first at or after the id prefix is the id term, if any.
  auto t = doc.termlist_begin();
  t.skip_to(std::string(schema::kId));
  if (t == doc.termlist_end()) return {};
  return schema::boolean_term_value(schema::kId, *t).value_or("");
}

SavedRunResult SavedRunner::run(const SavedSearch& search, const RunState& previous, Xapian::Database& db,
                                index::ResidentStore* residents, bool only_new, size_t limit, Date as_of,
                                const DistrictScope& scope) const {
  auto reopen = [&] {
    db.reopen();
    if (residents) residents->reopen();
  };
  return query::read_consistently(reopen, [&] { return run_once(search, previous, db, residents, only_new, limit, as_of, scope); });
}

SavedRunResult SavedRunner::run_once(const SavedSearch& search, const RunState& previous, const Xapian::Database& db,
                                     const index::ResidentStore* residents, bool only_new, size_t limit, Date as_of,
                                     const DistrictScope& scope) const {
  SavedRunResult out;
  out.search = search;
  out.run = previous.runs + 1;
  out.next.runs = out.run;
  out.next.time = utc_timestamp();
  out.next.last_batch = index::last_batch(db);

  if (search.kind == "screen") {
    screening::ScreeningRule rule = screening::ScreeningRule::defaults(analyzer_.concepts());
    for (const auto& [key, value] : search.rule.items()) {
      std::string text;
      if (value.is_array()) {
        for (const auto& v : value) text += (text.empty() ? "" : " ") + v.get<std::string>();
      } else {
        text = value.dump();
      }
      rule.set(key, text, analyzer_.concepts(), "saved search " + search.name + ": ");
    }
    out.screening = screening::Screener(db, *residents, rule, scope).run(as_of, previous.last_batch, only_new);
    return out;
  }

  // Every match, newest first: "new" is against all of them, not a page.
  const auto built = query::QueryBuilder(analyzer_, places_).build(search.query, db);
  query::PageRequest request;
  request.query = built.query;
  request.scope = scope;
  request.count = db.get_doccount();
  const query::ReportPage page = query::read_page(db, request);
  for (size_t i = 0; i < page.size(); ++i) {
    const Xapian::Document doc = page.at(i).get_document();
    std::string id = report_id(doc);
    const bool is_new = !previous.ids.count(id);
    if (is_new) out.new_ids.push_back(id);
    if ((!only_new || is_new) && out.hits.size() < limit) out.hits.push_back(query::read_hit(doc, 0.0, built.matches, true));
    out.next.ids.insert(std::move(id));
  }
  out.matches = page.size();
  return out;
}

}  // namespace socialsoeg::saved
