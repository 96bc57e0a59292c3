#include "index/schema.h"

#include <cstdio>

namespace socialsoeg::schema {

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (!value.empty() && value.front() >= 'A' && value.front() <= 'Z') term += ':';
  term += value;
  return term;
}

std::string batch_key(uint64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%012llu", static_cast<unsigned long long>(number));
  return std::string(kMetaBatchPrefix) + digits;
}

}  // namespace socialsoeg::schema
