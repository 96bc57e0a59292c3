#include "query/date_filter.h"

#include <charconv>

#include "query/query_error.h"

namespace socialsoeg::query {
namespace {

enum class Period { kYear, kMonth, kDay };

struct PeriodValue {
  Period period;
  Date first, last;
};

bool digits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

constexpr const char* kForms = "write 2024, 2024-03, 2024-03-01 or 01.03.2024, or a range such as 2024-01-01..2024-06-30";

PeriodValue parse_period(std::string_view s, size_t offset) {
  auto impossible = [&](std::string_view what) -> PeriodValue {
    std::string problem = "there is no date ";
    problem.append(what);
    throw QueryError(offset, problem);
  };
  if (digits(s, 4)) {
    const int y = number(s);
    if (y < 1900 || y > 2199) impossible(std::string(s).append(" in the reports' range (1900-2199)"));
    return {Period::kYear, *Date::from_ymd(y, 1, 1), *Date::from_ymd(y, 12, 31)};
  }
  if (s.size() == 7 && digits(s.substr(0, 4), 4) && s[4] == '-' && digits(s.substr(5), 2)) {
    const int y = number(s.substr(0, 4)), m = number(s.substr(5));
    const auto first = Date::from_ymd(y, m, 1);
    if (!first || y < 1900) impossible(std::string(s).append(" (the month must be 01-12)"));
    return {Period::kMonth, *first, *Date::from_ymd(y, m, days_in_month(y, m))};
  }
  int y = 0, m = 0, d = 0;
  if (s.size() == 10 && digits(s.substr(0, 4), 4) && s[4] == '-' && digits(s.substr(5, 2), 2) && s[7] == '-' &&
      digits(s.substr(8), 2)) {
    y = number(s.substr(0, 4)), m = number(s.substr(5, 2)), d = number(s.substr(8));
  } else if (s.size() == 10 && digits(s.substr(0, 2), 2) && (s[2] == '.' || s[2] == '-') && digits(s.substr(3, 2), 2) &&
             s[5] == s[2] && digits(s.substr(6), 4)) {
    d = number(s.substr(0, 2)), m = number(s.substr(3, 2)), y = number(s.substr(6));
  } else {
    throw QueryError(offset, std::string("'").append(s).append("' is not a date"), kForms);
  }
  const auto day = Date::from_ymd(y, m, d);
  if (!day || y < 1900) impossible(s);
  return {Period::kDay, *day, *day};
}

std::string term_of(const PeriodValue& p) {
  const std::string day = p.first.compact();
  switch (p.period) {
    case Period::kYear: return std::string("Y").append(day, 0, 4);
    case Period::kMonth: return std::string("M").append(day, 0, 6);
    case Period::kDay: return std::string("D").append(day);
  }
  return {};
}

}  // namespace

DateFilter parse_date_filter(std::string_view value, size_t value_offset) {
  DateFilter out;
  const size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    const auto p = parse_period(value, value_offset);
    out.from = p.first;
    out.to = p.last;
    out.period_term = term_of(p);
    return out;
  }
  const std::string_view a = value.substr(0, dots), b = value.substr(dots + 2);
  if (a.empty() && b.empty()) throw QueryError(value_offset, "a date range needs at least one end", kForms);
  if (b.find("..") != std::string_view::npos)
    throw QueryError(value_offset + dots + 2 + b.find(".."), "a date range has one '..'", kForms);
  if (!a.empty()) out.from = parse_period(a, value_offset).first;
  if (!b.empty()) out.to = parse_period(b, value_offset + dots + 2).last;
  if (out.from && out.to && *out.to < *out.from)
    throw QueryError(value_offset, "the date range ends (" + out.to->iso() + ") before it begins (" + out.from->iso() + ")",
                     "swap the two dates");
  return out;
}

std::vector<std::string> period_terms(Date from, Date to) {
  std::vector<std::string> out;
  Date d = from;
  while (d <= to) {
    const int y = d.year(), m = d.month();
    const Date year_end = *Date::from_ymd(y, 12, 31), month_end = *Date::from_ymd(y, m, days_in_month(y, m));
    if (d.month() == 1 && d.day() == 1 && year_end <= to) {
      out.push_back("Y" + std::to_string(y));
      d = year_end.plus_days(1);
    } else if (d.day() == 1 && month_end <= to) {
      out.push_back(std::string("M").append(d.compact(), 0, 6));
      d = month_end.plus_days(1);
    } else {
      out.push_back(std::string("D").append(d.compact()));
      d = d.plus_days(1);
    }
  }
  return out;
}

}  // namespace socialsoeg::query
