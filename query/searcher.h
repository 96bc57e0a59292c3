// `socialsoeg search` as a library call (the CLI and the web service share
// it): query text in, ranked reports with snippets out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "core/district_scope.h"
#include "index/places.h"
#include "query/hit.h"
#include "query/query_builder.h"
#include "query/snippet.h"

namespace socialsoeg::query {

enum class SortOrder { kRelevance, kDate };

struct SearchOptions {
  size_t limit = 10;
  size_t offset = 0;
  // kRelevance is BM25; a query of filters only has no relevance and is
  // shown newest first either way.
  SortOrder sort = SortOrder::kRelevance;
  bool include_negated = false;
  bool snippets = true;
  // Only reports of these districts count: hits, total and snippets alike.
  DistrictScope scope = DistrictScope::everywhere();
};

struct SearchResult {
  std::string query;
  SortOrder sort = SortOrder::kRelevance;
  size_t offset = 0, limit = 0;
  // How many reports in scope match: exactly (total_exact), or "more than
  // total" when there are more than the search counts (searcher.cc). Never
  // an estimate: nothing here depends on reports outside the scope.
  Xapian::doccount total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
};

class Searcher {
 public:
  Searcher(const analysis::Analyzer& analyzer, const index::Places& places, BuildOptions options = {});

  // Runs `query` on `db`. Throws QueryError for a bad query; a database that
  // changed under the search (a commit) is reopened and the search run again.
  SearchResult search(Xapian::Database& db, std::string_view query, const SearchOptions& options) const;

  const analysis::Analyzer& analyzer() const { return analyzer_; }

 private:
  SearchResult run(const Xapian::Database& db, std::string_view query, const SearchOptions& options) const;


  const analysis::Analyzer& analyzer_;
  const index::Places& places_;
  BuildOptions options_;
};

// docs/contract.md §7: {"total", "hits": [{"id", "score", "occurred", "source",
// "district", "title", "snippet", "concepts": [{"concept", "polarity"}]}]}
// plus the fields docs/search.md lists (snippet_matches, total_exact, …).
nlohmann::json to_json(const SearchResult& result);

}  // namespace socialsoeg::query
