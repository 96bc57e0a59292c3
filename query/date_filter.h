// The value of a date: filter (contract §4): one period or a range of them.
//
//   2024            a whole year        2024-03         a whole month
//   2024-03-01      one day (also 01.03.2024 and 01-03-2024, as reports write it)
//   A..B            from the first day of period A to the last day of period B
//   ..B   A..       open at one end
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace socialsoeg::query {

struct DateFilter {
  std::optional<Date> from;  // first day, inclusive; nullopt = open
  std::optional<Date> to;    // last day, inclusive; nullopt = open
  // When the filter is exactly one year, month or day, the Y/M/D term that
  // holds the same set ("Y2024"); empty for other ranges.
  std::string period_term;
};

// Parses a date: value. Throws QueryError at `value_offset` (+ the offset
// within the value) when it is malformed, names an impossible date, or ends
// before it begins.
DateFilter parse_date_filter(std::string_view value, size_t value_offset);

// The fewest Y/M/D terms (whole years, then whole months, then days) whose
// union is exactly the days from `from` to `to`, both included:
// 2024-03-30..2024-06-02 -> D20240330 D20240331 M202404 M202405 D20240601 D20240602.
std::vector<std::string> period_terms(Date from, Date to);

}  // namespace socialsoeg::query
