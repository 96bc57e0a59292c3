#include "core/date.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace socialsoeg {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int y, m, d;
};

Civil civil_from_days(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  // Years outside 1800..9999 never occur in police records or CPR numbers.
  if (year < 1800 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse_iso(std::string_view text, bool allow_time) {
  int y, m, d;
  if (text.size() < 10 || !digits(text, 0, 4, y) || text[4] != '-' || !digits(text, 5, 2, m) ||
      text[7] != '-' || !digits(text, 8, 2, d))
    return std::nullopt;
  if (text.size() > 10) {
    if (!allow_time || text[10] != 'T') return std::nullopt;
    // THH:MM or THH:MM:SS
    int hh, mm, ss = 0;
    const size_t n = text.size();
    if (!(n == 16 || n == 19) || !digits(text, 11, 2, hh) || text[13] != ':' || !digits(text, 14, 2, mm))
      return std::nullopt;
    if (n == 19 && (text[16] != ':' || !digits(text, 17, 2, ss))) return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  }
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

std::string Date::iso() const {
  const Civil c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

int age_on(Date birth, Date on) {
  const Civil b = civil_from_days(birth.days_since_epoch());
  const Civil o = civil_from_days(on.days_since_epoch());
  int age = o.y - b.y;
  if (o.m < b.m || (o.m == b.m && o.d < b.d)) --age;
  return age;
}

std::string Date::compact() const {
  const std::string s = iso();
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::optional<Date> Date::parse_compact(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  const std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                          std::string(text.substr(6, 2));
  return parse_iso(iso);
}

std::string utc_timestamp() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Date today_utc() {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(system_clock::now()).time_since_epoch().count();
  return Date::from_days(static_cast<int32_t>(days));
}

}  // namespace socialsoeg
