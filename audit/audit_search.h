// `socialsoeg audit search` (auditor): the records about a user, a person, a
// purpose or a time span. A person is found by the keyed hash of the CPR
// number, in "persons" and in query text alike.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_keys.h"

namespace socialsoeg::audit {

struct AuditFilter {
  std::string user;
  std::string person;   // a CPR number, any spelling
  std::string purpose;  // a substring, any case
  std::string action;
  std::string outcome;
  std::string from, to; // ISO 8601 dates or times, inclusive (a date covers its day)
};

// The matching records (their JSON, "mac" left out), oldest first.
std::vector<nlohmann::json> search_log(const std::filesystem::path& log, const AuditKeys& keys, const AuditFilter& filter);

}  // namespace socialsoeg::audit
