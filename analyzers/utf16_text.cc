#include "analyzers/utf16_text.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace socialsoeg::analysis {

void Utf16Text::assign(std::string_view utf8) {
  units_.clear();
  offsets_.clear();
  invalid_ = false;
  units_.reserve(utf8.size());
  offsets_.reserve(utf8.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      c = 0xFFFD;
      invalid_ = true;
    } else if (c == 0) {
      // NUL has no business in report text and would confuse C APIs downstream.
      c = 0xFFFD;
      invalid_ = true;
    }
    if (c <= 0xFFFF) {
      units_.push_back(static_cast<char16_t>(c));
      offsets_.push_back(static_cast<uint32_t>(start));
    } else {
      units_.push_back(static_cast<char16_t>(U16_LEAD(c)));
      units_.push_back(static_cast<char16_t>(U16_TRAIL(c)));
      offsets_.push_back(static_cast<uint32_t>(start));
      offsets_.push_back(static_cast<uint32_t>(start));
    }
  }
  offsets_.push_back(static_cast<uint32_t>(length));
}

void append_utf8(std::u16string_view text, std::string& out) {
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U16_NEXT(text.data(), i, n, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;  // unpaired surrogate
    uint8_t buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);  // 4 bytes always suffice
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
  }
}

}  // namespace socialsoeg::analysis
