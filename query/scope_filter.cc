#include "query/scope_filter.h"

#include <vector>

#include "index/schema.h"

namespace socialsoeg::query {

Xapian::Query restrict_to_scope(const Xapian::Query& q, const DistrictScope& scope) {
  if (scope.all()) return q;
  if (scope.districts().empty()) return Xapian::Query::MatchNothing;
  std::vector<Xapian::Query> districts;
  for (const auto& d : scope.districts()) districts.emplace_back(schema::boolean_term(schema::kDistrict, d));
  return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, districts.begin(), districts.end()));
}

std::vector<bool> scope_docids(const Xapian::Database& db, const DistrictScope& scope) {
  if (scope.all()) return {};
  std::vector<bool> in_scope(db.get_lastdocid() + 1, false);
  for (const auto& d : scope.districts()) {
    const std::string term = schema::boolean_term(schema::kDistrict, d);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      if (*it < in_scope.size()) in_scope[*it] = true;
  }
  return in_scope;
}

}  // namespace socialsoeg::query
