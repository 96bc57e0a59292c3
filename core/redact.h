// Keeps CPR numbers out of logs: every log line that may echo input (a
// rejected field's value, a JSON parser's message) passes through here. Only
// the audit log may hold CPR numbers.
#pragma once

#include <string>
#include <string_view>

namespace socialsoeg {

// Replaces each run of 10 digits, or 6 digits '-' 4 digits, with "XXXXXX-XXXX".
std::string redact_cpr(std::string_view text);

}  // namespace socialsoeg
