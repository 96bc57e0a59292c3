#include "index/report_values.h"

#include <cstdio>

#include <algorithm>

#include <xapian.h>

#include "core/hash.h"

namespace socialsoeg::index {
namespace {

// Words separated by whitespace, as the slots are written (one space) and as
// they were always read (any whitespace).
std::vector<std::string_view> words(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  std::vector<std::string_view> out;
  size_t i = s.find_first_not_of(kSpace);
  while (i != std::string_view::npos) {
    const size_t end = s.find_first_of(kSpace, i);
    out.push_back(s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    i = end == std::string_view::npos ? end : s.find_first_not_of(kSpace, end);
  }
  return out;
}

}  // namespace

std::string occurred_date_value(Date occurred) { return occurred.compact(); }

std::optional<Date> decode_occurred_date(std::string_view value) { return Date::parse_compact(value); }

uint64_t report_id_hash(std::string_view id) { return fnv1a(id); }

std::string occurred_time_value(uint64_t time_key, uint64_t id_hash) {
  char out[40];
  std::snprintf(out, sizeof out, "%014llu%016llx", static_cast<unsigned long long>(time_key),
                static_cast<unsigned long long>(id_hash));
  return out;
}

std::string occurred_time_value(Date occurred, std::string_view time, std::string_view id) {
  std::string hms(time);
  std::erase(hms, ':');
  return occurred.compact() + (hms.empty() ? "000000" : hms) + occurred_time_value(0, report_id_hash(id)).substr(14);
}

std::string batch_value(uint64_t batch) { return Xapian::sortable_serialise(static_cast<double>(batch)); }

uint64_t decode_batch(std::string_view value) {
  return value.empty() ? 0 : static_cast<uint64_t>(Xapian::sortable_unserialise(std::string(value)));
}

std::string content_hash_value(std::string_view stored_report_bytes) { return blake2b(stored_report_bytes, 16); }

std::string risk_concepts_value(const std::set<std::string>& concept_ids) {
  std::string value;
  for (const auto& c : concept_ids) value += (value.empty() ? "" : " ") + c;
  return value;
}

std::vector<std::string> decode_risk_concepts(std::string_view value) {
  std::vector<std::string> out;
  for (const auto w : words(value)) out.emplace_back(w);
  return out;
}

void append_person(std::string& value, std::string_view cpr, PersonRole role) {
  if (!value.empty()) value += ' ';
  value += cpr;
  value += ':';
  value += to_string(role);
}

std::vector<PersonEntry> decode_persons(std::string_view value) {
  std::vector<PersonEntry> out;
  for (const auto entry : words(value)) {
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos) continue;
    out.push_back({std::string(entry.substr(0, colon)), std::string(entry.substr(colon + 1))});
  }
  return out;
}

}  // namespace socialsoeg::index
