#include <catch2/catch.hpp>

#include "core/date.h"

using socialsoeg::Date;

namespace {
Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }
}  // namespace

TEST_CASE("dates: only real calendar dates exist", "[core][date]") {
  CHECK(Date::from_ymd(2024, 2, 29));
  CHECK_FALSE(Date::from_ymd(2023, 2, 29));
  CHECK_FALSE(Date::from_ymd(1900, 2, 29));  // century rule
  CHECK(Date::from_ymd(2000, 2, 29));        // 400-year rule
  CHECK_FALSE(Date::from_ymd(2024, 4, 31));
  CHECK_FALSE(Date::from_ymd(2024, 13, 1));
  CHECK_FALSE(Date::from_ymd(2024, 0, 1));
  CHECK_FALSE(Date::from_ymd(2024, 1, 0));
}

TEST_CASE("dates: ISO parsing with and without a time", "[core][date]") {
  CHECK(Date::parse_iso("2024-04-18")->iso() == "2024-04-18");
  CHECK_FALSE(Date::parse_iso("2024-04-18T09:40"));
  CHECK(Date::parse_iso("2024-04-18T09:40", true)->iso() == "2024-04-18");
  CHECK(Date::parse_iso("2024-04-18T09:40:59", true));
  CHECK_FALSE(Date::parse_iso("2024-04-18T24:00", true));
  CHECK_FALSE(Date::parse_iso("2024-04-18T09:4", true));
  CHECK_FALSE(Date::parse_iso("2024-4-18"));
  CHECK_FALSE(Date::parse_iso("2024-02-30"));
  CHECK_FALSE(Date::parse_iso("18-04-2024"));
  CHECK_FALSE(Date::parse_iso(""));
}

TEST_CASE("dates: day arithmetic across leap days", "[core][date]") {
  CHECK(d(2024, 3, 1) - d(2024, 2, 28) == 2);
  CHECK(d(2023, 3, 1) - d(2023, 2, 28) == 1);
  CHECK(d(2025, 1, 1) - d(2024, 1, 1) == 366);
  CHECK(d(2024, 1, 1) - d(2023, 1, 1) == 365);
  CHECK(d(1970, 1, 1).days_since_epoch() == 0);
  CHECK(d(1800, 1, 1).iso() == "1800-01-01");
  CHECK(d(2024, 2, 28).plus_days(1).iso() == "2024-02-29");
  CHECK(d(2024, 2, 29) < d(2024, 3, 1));
}

TEST_CASE("dates: age in whole years", "[core][date]") {
  CHECK(socialsoeg::age_on(d(2006, 5, 10), d(2024, 5, 9)) == 17);
  CHECK(socialsoeg::age_on(d(2006, 5, 10), d(2024, 5, 10)) == 18);
  // Born on a leap day: a year older on 1 March in common years.
  CHECK(socialsoeg::age_on(d(2008, 2, 29), d(2026, 2, 28)) == 17);
  CHECK(socialsoeg::age_on(d(2008, 2, 29), d(2026, 3, 1)) == 18);
  CHECK(socialsoeg::age_on(d(2008, 2, 29), d(2028, 2, 29)) == 20);
}

TEST_CASE("date: the compact form YYYYMMDD round-trips and sorts like the date", "[core][date]") {
  const auto leap = *socialsoeg::Date::parse_iso("2024-02-29");
  CHECK(leap.compact() == "20240229");
  CHECK(socialsoeg::Date::parse_compact("20240229") == leap);
  CHECK_FALSE(socialsoeg::Date::parse_compact("20230229").has_value());
  CHECK_FALSE(socialsoeg::Date::parse_compact("2024-02-2").has_value());
  CHECK(socialsoeg::Date::parse_iso("1999-12-31")->compact() < leap.compact());
  CHECK(socialsoeg::utc_timestamp().size() == 20);
}
