// Keeps CPR numbers out of logs: every log line that may echo input (a
// rejected field's value, a JSON parser's message) passes through here. Only
// the audit log may hold CPR numbers.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace socialsoeg {

// Replaces each run of 10 digits, or 6 digits '-' 4 digits, with "XXXXXX-XXXX".
std::string redact_cpr(std::string_view text);

// Replaces each such run with replacement(run): the audit log writes a keyed
// hash in its place.
std::string replace_cpr(std::string_view text, const std::function<std::string(std::string_view)>& replacement);

// `text` safe for a one-line log record: control characters (a newline that
// would forge a record of its own, an escape sequence) written as \n, \r,
// \t or \xNN. CPR numbers are not touched: redact_cpr() does that.
std::string loggable(std::string_view text);

}  // namespace socialsoeg
