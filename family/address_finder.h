// From an address as typed at the door to the unit address ids the reports
// carry: "Vestergade 77, 1. th" -> A-D002. The address's parts
// (index/address_text) are matched as index terms; the parts not typed
// (postcode, floor, door) do not narrow the search, so "Vestergade 77" in an
// apartment block lists every unit with reports, for the officer to choose.
// Only reports of the user's districts are read; an address with no report
// there is not found (the register carries ids, not text).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/district_scope.h"

namespace socialsoeg::family {

struct AddressCandidate {
  std::string address_id;
  std::string address_text;  // as the newest report there writes it
  std::string last_report;   // the newest report's date (YYYY-MM-DD)
  size_t reports = 0;        // reports at this unit (of those read)
};

// nullopt: `text` is no address (no street with a house number). Otherwise
// the matching units, newest report first, at most `limit`.
std::optional<std::vector<AddressCandidate>> find_addresses(const Xapian::Database& reports, std::string_view text,
                                                            const DistrictScope& scope, size_t limit = 20);

}  // namespace socialsoeg::family
