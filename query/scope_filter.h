// A user's district scope as a Xapian filter: the one place where "only the
// reports of your districts" becomes a query, for search, family and saved
// searches alike.
#pragma once

#include <xapian.h>

#include "core/district_scope.h"

namespace socialsoeg::query {

// `q` restricted to reports of the scope's districts (unchanged for all
// districts; MatchNothing for none). A boolean filter: scores do not change.
Xapian::Query restrict_to_scope(const Xapian::Query& q, const DistrictScope& scope);

// For streaming readers (the screening): which docids lie in the scope, as a
// bitmap indexed by docid. Empty when the scope is all districts.
std::vector<bool> scope_docids(const Xapian::Database& db, const DistrictScope& scope);

}  // namespace socialsoeg::query
