#include "index/schema.h"

#include <cstdio>

namespace socialsoeg::schema {

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (!value.empty() && value.front() >= 'A' && value.front() <= 'Z') term += ':';
  term += value;
  return term;
}

std::optional<std::string> boolean_term_value(std::string_view prefix, std::string_view term) {
  if (!term.starts_with(prefix)) return std::nullopt;
  std::string_view value = term.substr(prefix.size());
  const auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (value.size() >= 2 && value[0] == ':' && capital(value[1])) return std::string(value.substr(1));
  if (!value.empty() && capital(value[0])) return std::nullopt;  // boolean_term would have put ':' first
  return std::string(value);
}

std::string person_role_term(std::string_view canonical_cpr, std::string_view role) {
  std::string term(kPersonRole);
  term += canonical_cpr;
  term += ':';
  term += role;
  return term;
}

std::string batch_key(uint64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%012llu", static_cast<unsigned long long>(number));
  return std::string(kMetaBatchPrefix) + digits;
}

}  // namespace socialsoeg::schema
