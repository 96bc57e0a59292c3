// field:value filters (docs/contract.md §4) as boolean Xapian queries on the
// indexer's terms and value slots (index/schema.h). A filter restricts a
// search without changing any score. `concept:` is not a filter (concept
// mentions are weighted, so reports that mention a concept more rank higher):
// query_builder.cc handles it.
#pragma once

#include <string>

#include <xapian.h>

#include "index/places.h"
#include "query/query_syntax.h"

namespace socialsoeg::query {

// The boolean query for a kField node other than concept:. Throws QueryError
// at the value when it is not one the field can hold (unknown district, an
// impossible date, a malformed CPR number), with the closest names.
Xapian::Query filter_query(const QueryNode& field, const index::Places& places);

// The canonical CPR digits of a cpr: value, or QueryError at the value.
std::string filter_cpr(const QueryNode& field);
// The role of a role: value as the index writes it, or QueryError.
std::string filter_role(const QueryNode& field);

}  // namespace socialsoeg::query
