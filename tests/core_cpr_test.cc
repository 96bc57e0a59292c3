#include <catch2/catch.hpp>

#include "core/cpr.h"

using socialsoeg::Cpr;

TEST_CASE("cpr: with and without hyphen are the same person", "[core][cpr]") {
  auto a = Cpr::parse("241288-1457");
  auto b = Cpr::parse("2412881457");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a == *b);
  CHECK(a->canonical() == "2412881457");
  CHECK(a->display() == "241288-1457");
}

TEST_CASE("cpr: century from digit 7 (the CPR office's table)", "[core][cpr]") {
  // digit 7 = 0..3: always 1900s
  CHECK(Cpr::parse("010123-1234")->birth_date().year() == 1923);
  CHECK(Cpr::parse("010150-3234")->birth_date().year() == 1950);
  // digit 7 = 4 or 9: 2000s for YY 00-36, else 1900s
  CHECK(Cpr::parse("010106-4234")->birth_date().year() == 2006);
  CHECK(Cpr::parse("010137-4234")->birth_date().year() == 1937);
  CHECK(Cpr::parse("010112-9234")->birth_date().year() == 2012);
  CHECK(Cpr::parse("010190-9234")->birth_date().year() == 1990);
  // digit 7 = 5..8: 2000s for YY 00-57, 1800s for 58-99
  CHECK(Cpr::parse("010109-5234")->birth_date().year() == 2009);
  CHECK(Cpr::parse("010157-8234")->birth_date().year() == 2057);
  CHECK(Cpr::parse("010158-6234")->birth_date().year() == 1858);
}

TEST_CASE("cpr: the date must exist in the derived century", "[core][cpr]") {
  CHECK(Cpr::parse("290200-4123"));        // 29 Feb 2000
  CHECK_FALSE(Cpr::parse("290200-1123"));  // 29 Feb 1900 never was
  CHECK_FALSE(Cpr::parse("320190-1234"));
  CHECK_FALSE(Cpr::parse("011390-1234"));
  CHECK_FALSE(Cpr::parse("010190+1234"));
  CHECK_FALSE(Cpr::parse("01019-01234"));
  CHECK_FALSE(Cpr::parse("010190123"));
  CHECK_FALSE(Cpr::parse("01019012345"));
  CHECK_FALSE(Cpr::parse("0101901a34"));
}

TEST_CASE("cpr: modulus 11 is a hint, never a reason to reject", "[core][cpr]") {
  auto valid = Cpr::parse("070761-4285");  // weighted sum divisible by 11
  auto fails = Cpr::parse("010180-1235");
  REQUIRE(valid);
  REQUIRE(fails);
  CHECK(valid->passes_modulus11());
  CHECK_FALSE(fails->passes_modulus11());
}

TEST_CASE("cpr: gender from the last digit", "[core][cpr]") {
  CHECK(Cpr::parse("010190-1234")->is_female());
  CHECK_FALSE(Cpr::parse("010190-1235")->is_female());
}
