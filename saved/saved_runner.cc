#include "saved/saved_runner.h"

#include "core/date.h"
#include "index/batch_records.h"
#include "index/schema.h"
#include "query/query_builder.h"
#include "query/scope_filter.h"

namespace socialsoeg::saved {

std::string report_id(const Xapian::Document& doc) {
  // Terms are sorted: the first at or after the id prefix is the id term, if any.
  auto t = doc.termlist_begin();
  t.skip_to(std::string(schema::kId));
  if (t == doc.termlist_end()) return {};
  return schema::boolean_term_value(schema::kId, *t).value_or("");
}

SavedRunResult SavedRunner::run(const SavedSearch& search, const RunState& previous, Xapian::Database& db,
                                const index::ResidentStore* residents, bool only_new, size_t limit,
                                Date as_of, const DistrictScope& scope) const {
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

  const auto built = query::QueryBuilder(analyzer_, places_).build(search.query, db);
  Xapian::Enquire enquire(db);
  enquire.set_query(query::restrict_to_scope(built.query, scope));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kSlotOccurredTime, true);
  const auto mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    std::string id = report_id(doc);
    out.next.ids.insert(id);
    const bool is_new = !previous.ids.count(id);
    if (is_new) out.new_ids.push_back(id);
    if ((!only_new || is_new) && out.hits.size() < limit)
      out.hits.push_back(query::read_hit(doc, 0.0, built.matches, true));
  }
  out.matches = mset.size();
  return out;
}

}  // namespace socialsoeg::saved
