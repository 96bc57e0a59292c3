// Addresses as officers and reports write them (index/address_text): the
// variants of Danish address writing (DAR) come apart into the same parts.
#include <catch2/catch.hpp>

#include "index/address_text.h"

using socialsoeg::index::split_address_text;

namespace {

std::string parts(std::string_view text) {
  const auto a = split_address_text(text);
  if (!a) return "-";
  return a->street + "|" + a->number + "|" + a->floor + "|" + a->door + "|" + a->postcode;
}

}  // namespace

TEST_CASE("address text: street, number, floor, door and postcode in every common spelling", "[address]") {
  CHECK(parts("Vestergade 12, 2. tv, 4100 Ringsted") == "vestergade|12|2|tv|4100");
  CHECK(parts("vestergade 12 2.tv.") == "vestergade|12|2|tv|");
  CHECK(parts("Vestergade 12, 2 th.") == "vestergade|12|2|th|");
  CHECK(parts("Vestergade 12, 2. sal til venstre") == "vestergade|12|2|tv|");
  CHECK(parts("Vestergade 12, 1. sal til højre, 4100 Ringsted") == "vestergade|12|1|th|4100");
  CHECK(parts("Vestergade 12, st. mf") == "vestergade|12|st|mf|");
  CHECK(parts("Vestergade 12, stuen midt for") == "vestergade|12|st|mf|");
  CHECK(parts("Vestergade 12, 3. t.v.") == "vestergade|12|3|tv|");
  CHECK(parts("Vestergade 12, kl.") == "vestergade|12|kl||");
  CHECK(parts("Vestergade 12, 3. 14") == "vestergade|12|3|14|");
  CHECK(parts("Lærkevej 9C, 1. tv, 9293 Kongerslev") == "laerkevej|9c|1|tv|9293");
  CHECK(parts("Lærkevej 9 C, 1. tv") == "laerkevej|9c|1|tv|");
  CHECK(parts("LÆRKEVEJ 9c 1 TV") == "laerkevej|9c|1|tv|");
  CHECK(parts("Søndergade 56A, 2. tv, 4700 Næstved") == "soendergade|56a|2|tv|4700");
  CHECK(parts("Lærkevej 106, 4300 Holbæk") == "laerkevej|106|||4300");
  CHECK(parts("H.C. Andersens Boulevard 27") == "h-c-andersens-boulevard|27|||");
  CHECK(parts("Nørre Allé 5") == "noerre-alle|5|||");
  // Not addresses: no street, no house number, or a number that is no house number.
  CHECK(parts("vold") == "-");
  CHECK(parts("12 Vestergade") == "-");
  CHECK(parts("spritkørsel 2024") == "-");
  CHECK(parts("") == "-");
}
