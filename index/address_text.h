// Danish addresses as officers and reports write them (as in DAR): street,
// house number (1-999, maybe a letter), floor (st, kl, k1-k9, 1-99) and door
// (tv, th, mf, or a number), postcode. "Vestergade 12, 2. tv, 4100 Ringsted",
// "vestergade 12 2.tv.", "Vestergade 12, 2 th.", "st. mf", "1. sal til
// venstre" all come apart the same way, so that an address typed at the door
// finds the unit address id the reports carry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace socialsoeg::index {

struct AddressParts {
  std::string street;    // folded (fold_place_name): "vestergade", "h-c-andersens-boulevard"
  std::string number;    // "12", "9c"
  std::string floor;     // "st", "kl", "k2", "1".."99"; empty: none given
  std::string door;      // "tv", "th", "mf", or digits; empty: none given
  std::string postcode;  // 4 digits; empty: none given

  // "vestergade 12": the access address, the part every search needs.
  std::string access_key() const { return street + " " + number; }
};

// The parts of `text`; nullopt when it has no street followed by a house number.
std::optional<AddressParts> split_address_text(std::string_view text);

}  // namespace socialsoeg::index
