#include "query/searcher.h"

#include <algorithm>

#include "index/schema.h"
#include "query/newest_first.h"
#include "query/scope_filter.h"

namespace socialsoeg::query {
namespace {

// Totals are counted, never estimated, up to this many matches (or the end
// of the page asked for, when that is further); beyond it a search says
// "more than N". Xapian's estimate and its bounds come from whole-database
// term statistics, so for a user limited to some districts they would
// depend on reports outside them ("is this person a suspect elsewhere?"
// read off whether a total is exact). A count of the matches the matcher
// has actually seen — all of them, when it is told to look at one more than
// the limit — depends on in-scope reports only. 100 keeps the matcher's
// work where it was (it looked at page + 100 matches for its estimate).
constexpr Xapian::doccount kCountExactlyUpTo = 100;

}  // namespace

Searcher::Searcher(const analysis::Analyzer& analyzer, const index::Places& places, BuildOptions options)
    : analyzer_(analyzer), places_(places), options_(options) {}

SearchResult Searcher::search(Xapian::Database& db, std::string_view query, const SearchOptions& options) const {
  for (int attempt = 0;; ++attempt) {
    try {
      return run(db, query, options);
    } catch (const Xapian::DatabaseModifiedError&) {
      // The indexer committed twice while we read: read the newest revision.
      if (attempt == 3) throw;
      db.reopen();
    }
  }
}

SearchResult Searcher::run(const Xapian::Database& db, std::string_view query, const SearchOptions& options) const {
  BuildOptions build_options = options_;
  build_options.include_negated = options.include_negated;
  const BuiltQuery built = QueryBuilder(analyzer_, places_, build_options).build(query, db);

  Xapian::Enquire enquire(db);
  enquire.set_query(restrict_to_scope(built.query, options.scope));
  const bool by_date = options.sort == SortOrder::kDate || !built.scored;
  // A query of filters only (a CPR number, a case) has no relevance to
  // compute: BoolWeight spares reading each match's document length.
  if (built.scored)
    enquire.set_weighting_scheme(Xapian::BM25Weight());
  else
    enquire.set_weighting_scheme(Xapian::BoolWeight());
  const auto first = static_cast<Xapian::doccount>(options.offset);
  const auto page = static_cast<Xapian::doccount>(options.limit);
  const Xapian::doccount count_up_to = std::max(first + page, kCountExactlyUpTo);
  const Xapian::doccount check_at_least = count_up_to + 1;

  SearchResult out;
  out.query = std::string(query);
  out.sort = by_date ? SortOrder::kDate : SortOrder::kRelevance;
  out.offset = options.offset;
  out.limit = options.limit;
  auto take_totals = [&](const Xapian::MSet& mset) {
    // Told to check count_up_to + 1 matches, the matcher has seen every
    // match when there are no more than count_up_to, and then its bounds
    // meet at the count. Otherwise there are more than count_up_to: the
    // bounds still hold, so they cannot meet at or below it.
    const Xapian::doccount lower = mset.get_matches_lower_bound();
    out.total_exact = lower == mset.get_matches_upper_bound() && lower <= count_up_to;
    out.total = out.total_exact ? lower : count_up_to;
  };
  auto hit_of = [&](const Xapian::MSetIterator& it) {
    return read_hit(it.get_document(), built.scored ? it.get_weight() : 0.0, built.matches, options.snippets);
  };

  if (by_date && !built.scored) {
    if (auto page_order = newest_first_page(enquire, index::read_date_order(db), first, page, check_at_least)) {
      take_totals(page_order->mset);
      for (const Xapian::doccount index : page_order->hits) out.hits.push_back(hit_of(page_order->mset[index]));
      return out;
    }
  }
  if (by_date) {
    // Newest first; the same time ranks by score, then the later docid.
    enquire.set_sort_by_value_then_relevance(schema::kSlotOccurredTime, true);
    enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  }
  const auto mset = enquire.get_mset(first, page, check_at_least);
  take_totals(mset);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.hits.push_back(hit_of(it));
  return out;
}

nlohmann::json to_json(const SearchResult& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) hits.push_back(to_json(h));
  return {{"query", r.query},
          {"total", r.total},
          {"total_exact", r.total_exact},
          {"offset", r.offset},
          {"limit", r.limit},
          {"sort", r.sort == SortOrder::kDate ? "date" : "relevance"},
          {"hits", std::move(hits)}};
}

}  // namespace socialsoeg::query
