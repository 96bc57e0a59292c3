// A query the user typed that cannot be run: where and why (contract §4).
//
// A UsageError (exit 1). `position` is a byte offset into the query; people
// read the character column that column() gives, and caret_line() draws a
// caret under it for a terminal.
#pragma once

#include <string>
#include <string_view>

#include "core/errors.h"

namespace socialsoeg::query {

class QueryError : public UsageError {
 public:
  QueryError(size_t position, std::string problem, std::string suggestion = {});

  size_t position() const { return position_; }
  const std::string& problem() const { return problem_; }
  const std::string& suggestion() const { return suggestion_; }

  // 1-based character (code point) column of position() in `query`.
  static size_t column(std::string_view query, size_t position);
  // "  QUERY\n  ^" with the caret under the offending character.
  static std::string caret_line(std::string_view query, size_t position);

 private:
  size_t position_;
  std::string problem_;
  std::string suggestion_;
};

}  // namespace socialsoeg::query
