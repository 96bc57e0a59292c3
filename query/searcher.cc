#include "query/searcher.h"

#include <algorithm>

#include "query/report_page.h"

namespace socialsoeg::query {
namespace {

// Totals are counted, never estimated, up to this many matches (or the end
// of the page asked for, when that is further); beyond it a search says
// "more than N" (report_page.h says why). 100 keeps the matcher's work where
// it was (it looked at page + 100 matches for its estimate).
constexpr Xapian::doccount kCountExactlyUpTo = 100;

}  // namespace

Searcher::Searcher(const analysis::Analyzer& analyzer, const index::Places& places, BuildOptions options)
    : analyzer_(analyzer), places_(places), options_(options) {}

SearchResult Searcher::search(Xapian::Database& db, std::string_view query, const SearchOptions& options) const {
  return read_consistently([&db] { db.reopen(); }, [&] { return run(db, query, options); });
}

SearchResult Searcher::run(const Xapian::Database& db, std::string_view query, const SearchOptions& options) const {
  BuildOptions build_options = options_;
  build_options.include_negated = options.include_negated;
  const BuiltQuery built = QueryBuilder(analyzer_, places_, build_options).build(query, db);

  PageRequest request;
  request.query = built.query;
  request.scope = options.scope;
  // A query of filters only (a CPR number, a case) has no relevance: it is
  // shown newest first whatever was asked.
  request.scored = built.scored;
  request.order = options.sort == SortOrder::kDate || !built.scored ? PageOrder::kNewestFirst : PageOrder::kRelevance;
  request.first = static_cast<Xapian::doccount>(options.offset);
  request.count = static_cast<Xapian::doccount>(options.limit);
  request.count_exactly_up_to = kCountExactlyUpTo;
  const ReportPage page = read_page(db, request);

  SearchResult out;
  out.query = std::string(query);
  out.sort = request.order == PageOrder::kNewestFirst ? SortOrder::kDate : SortOrder::kRelevance;
  out.offset = options.offset;
  out.limit = options.limit;
  out.total = page.total;
  out.total_exact = page.total_exact;
  for (size_t i = 0; i < page.size(); ++i) {
    const auto it = page.at(i);
    out.hits.push_back(read_hit(it.get_document(), built.scored ? it.get_weight() : 0.0, built.matches, options.snippets));
  }
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
