// The query language of contract §4, read into a tree: words, "phrases",
// AND/OR/NOT (and Danish OG/ELLER/IKKE), parentheses, trailing * and
// field:value filters. Pure syntax — nothing here knows the analyzer or the
// index (query_builder.h turns the tree into a Xapian query).
//
//   query   := or
//   or      := and ((OR | ELLER) and)*
//   and     := unary ([AND | OG] unary)*         adjacent parts are ANDed
//   unary   := (NOT | IKKE) unary | primary
//   primary := "(" or ")" | "phrase" | field:value | prefix* | text
//
// Operators count only in capitals ("og", "ikke" are words). Adjacent plain
// words form one text run, analysed together, so "§ 119" or "1,2 promille"
// stay the single tokens the analyzer makes of them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "query/query_fields.h"

namespace socialsoeg::query {

// Limits that keep one query from occupying the server (docs/contract.md §4).
struct SyntaxLimits {
  size_t max_bytes = 1000;    // the query string
  size_t max_depth = 10;      // nested parentheses and NOTs
  size_t max_parts = 64;      // words, phrases, wildcards and filters together
};

struct QueryNode {
  enum class Kind { kAnd, kOr, kNot, kText, kPhrase, kWildcard, kField };
  Kind kind;
  std::vector<QueryNode> children;  // kAnd, kOr: two or more; kNot: one
  std::string text;    // kText: the run as typed; kPhrase: inside the quotes; kWildcard: before '*'; kField: value
  Field field = Field::kConcept;  // kField: which field (query_fields.h); aliases are resolved
  size_t start = 0;    // byte offsets into the query, for messages
  size_t end = 0;
  size_t value_start = 0;  // kField: where the value begins
};

// Parses `query`; throws QueryError naming the position on anything malformed.
QueryNode parse_query(std::string_view query, const SyntaxLimits& limits = {});

// A compact, stable form of the tree for tests: AND(text"a b",NOT(field:cpr=1))
std::string describe(const QueryNode& node);

}  // namespace socialsoeg::query
