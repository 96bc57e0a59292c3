#include "family/address_finder.h"

#include <map>

#include "index/address_text.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "query/scope_filter.h"

namespace socialsoeg::family {

std::optional<std::vector<AddressCandidate>> find_addresses(const Xapian::Database& reports, std::string_view text,
                                                            const DistrictScope& scope, size_t limit) {
  const auto parts = index::split_address_text(text);
  if (!parts) return std::nullopt;
  std::vector<Xapian::Query> all = {Xapian::Query(schema::boolean_term(schema::kAddressAccess, parts->access_key()))};
  if (!parts->floor.empty()) all.emplace_back(schema::boolean_term(schema::kAddressFloor, parts->floor));
  if (!parts->door.empty()) all.emplace_back(schema::boolean_term(schema::kAddressDoor, parts->door));
  if (!parts->postcode.empty()) all.emplace_back(schema::boolean_term(schema::kAddressPostcode, parts->postcode));
  Xapian::Enquire enquire(reports);
  enquire.set_query(query::restrict_to_scope(Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()), scope));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kSlotOccurredTime, true);
  // Enough reports to find every unit of a large block; each unit's newest comes first.
  const auto mset = enquire.get_mset(0, 5000);
  std::vector<AddressCandidate> out;
  std::map<std::string, size_t> index_of;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto data = index::read_stored_report(it.get_document());
    const std::string& id = data.address_id;
    if (id.empty()) continue;
    const auto [pos, fresh] = index_of.emplace(id, out.size());
    if (fresh) out.push_back({id, data.address_text, data.occurred.substr(0, 10), 0});
    ++out[pos->second].reports;
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace socialsoeg::family
