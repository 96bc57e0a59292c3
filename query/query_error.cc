#include "query/query_error.h"

namespace socialsoeg::query {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string describe(size_t position, const std::string& problem, const std::string& suggestion) {
  (void)position;  // the caller knows the query and reports the column (column())
  std::string out = problem;
  if (!suggestion.empty()) out += " (" + suggestion + ")";
  return out;
}

}  // namespace

QueryError::QueryError(size_t position, std::string problem, std::string suggestion)
    : UsageError(describe(position, problem, suggestion)),
      position_(position),
      problem_(std::move(problem)),
      suggestion_(std::move(suggestion)) {}

size_t QueryError::column(std::string_view query, size_t position) {
  size_t column = 1;
  for (size_t i = 0; i < position && i < query.size(); ++i)
    if (!is_continuation(static_cast<unsigned char>(query[i]))) ++column;
  return column;
}

std::string QueryError::caret_line(std::string_view query, size_t position) {
  return "  " + std::string(query) + "\n  " + std::string(column(query, position) - 1, ' ') + "^";
}

}  // namespace socialsoeg::query
