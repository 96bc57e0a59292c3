// The query tree (query_syntax.h) as a Xapian query, through the one Danish
// analyzer (docs/contract.md §4):
//
//   word      its query-side terms (lemmas: every inflection), OR'ed with
//             the dictionaries' synonyms and word family (OP_SYNONYM) at a
//             lower weight, so the word as typed ranks above its relatives.
//             Compounds need nothing here: the index holds a compound's
//             parts at its position, so "vold" meets "partnervolden".
//             Stopwords are left out unless the text is nothing else.
//   "phrase"  the terms in order (OP_PHRASE), every inflection, no synonyms.
//   prefix*   the normalised prefix expanded over the index's terms, up to
//             a limit (then a QueryError, never a silent cut).
//   concept:  the concept's affirmed-mention term (XCA), also the negated
//             one (XCN) with include_negated; weighted by mentions.
//   filters   boolean (OP_FILTER): they restrict and never score. cpr: and
//             role: in one AND group mean "this person in this role" (XPR).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "index/places.h"
#include "query/query_syntax.h"

namespace socialsoeg::query {

struct BuildOptions {
  bool include_negated = false;
  size_t max_wildcard_terms = 500;  // one prefix* may stand for this many index terms
  size_t max_terms = 2000;          // the whole query after expansion
  double expansion_weight = 0.5;    // synonyms and word family, against the word as typed
  SyntaxLimits syntax;
};

// What a hit's snippet highlights: the index terms the query searched for
// (words, their expansions, phrases, prefix expansions — never those under
// NOT) and the concepts.
struct MatchSet {
  std::unordered_set<std::string> terms;
  std::set<std::string> concepts;
  bool include_negated = false;
};

struct BuiltQuery {
  Xapian::Query query;
  MatchSet matches;
  // False when the query is filters only: every hit scores the same, so
  // results are better shown newest first.
  bool scored = true;
};

class QueryBuilder {
 public:
  QueryBuilder(const analysis::Analyzer& analyzer, const index::Places& places, BuildOptions options = {});

  // Parses and builds `query`. `db` expands prefix* queries. Throws
  // QueryError (position, problem, suggestion) on anything it cannot run.
  BuiltQuery build(std::string_view query, const Xapian::Database& db) const;
  // Builds an already parsed tree.
  BuiltQuery build(const QueryNode& root, const Xapian::Database& db) const;

  const BuildOptions& options() const { return options_; }

 private:
  const analysis::Analyzer& analyzer_;
  const index::Places& places_;
  BuildOptions options_;
};

}  // namespace socialsoeg::query
