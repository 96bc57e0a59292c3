// Why a record was not indexed: the field and the reason, reported as
// "file:line: field: reason" and the record's original line kept in a
// rejects file (rejects_file.h), so nothing is lost silently.
#pragma once

#include <string>

namespace socialsoeg::indexer {

struct Rejection {
  std::string field;   // "id", "persons[1].cpr", or "(record)" for the line as a whole
  std::string reason;  // "missing", "expected a string", "impossible date 2023-02-30", ...
};

}  // namespace socialsoeg::indexer
