// UTF-8 validity, for input records: the index stores only valid UTF-8, and a
// record with broken bytes is rejected with the byte offset rather than
// having its bytes replaced silently.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace socialsoeg {

// The byte offset of the first ill-formed sequence (overlong forms,
// surrogates and code points above U+10FFFF included), or nullopt when all of
// `text` is well-formed UTF-8.
std::optional<size_t> first_invalid_utf8(std::string_view text);

}  // namespace socialsoeg
