// Calendar dates without time zones.
//
// Everything Socialsøg compares by date (report dates, register periods, ages,
// the screening window) is a civil date; times of day never matter for those
// rules. A Date is a day count since 1970-01-01, so "days between" is a
// subtraction and ordering is integer ordering. Thread-safe: a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace socialsoeg {

class Date {
 public:
  constexpr Date() = default;

  // nullopt unless y-m-d is a real calendar date (29 February only in leap years).
  static std::optional<Date> from_ymd(int year, int month, int day);
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }

  // Parses YYYY-MM-DD, or the date part of YYYY-MM-DDTHH:MM[:SS] when
  // allow_time is true (the time part must then be a valid clock time).
  static std::optional<Date> parse_iso(std::string_view text, bool allow_time = false);

  int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;

  std::string iso() const;  // YYYY-MM-DD
  std::string compact() const;  // YYYYMMDD: sortable, what the index's date values and terms hold
  static std::optional<Date> parse_compact(std::string_view text);  // YYYYMMDD

  Date plus_days(int32_t n) const { return Date(days_ + n); }
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Whole years of age on `on` for someone born on `birth` (a person born on
// 29 February turns a year older on 1 March in common years).
int age_on(Date birth, Date on);

// Today's date in UTC.
Date today_utc();

// Now in UTC as YYYY-MM-DDTHH:MM:SSZ, for records of when something happened.
std::string utc_timestamp();

}  // namespace socialsoeg
