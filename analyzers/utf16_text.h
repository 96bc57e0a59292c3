// A UTF-8 text decoded once into UTF-16 for ICU, remembering for every UTF-16
// unit the byte offset it came from, so that tokens found by ICU can report
// offsets into the caller's original bytes.
//
// Invalid UTF-8 (stray continuation bytes, overlong forms, surrogates,
// truncated sequences) becomes U+FFFD, one per maximal invalid subpart, as the
// Unicode standard recommends; it is never passed on to ICU or to the index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::analysis {

class Utf16Text {
 public:
  void assign(std::string_view utf8);

  const char16_t* data() const { return units_.data(); }
  int32_t size() const { return static_cast<int32_t>(units_.size()); }
  std::u16string_view view(int32_t begin, int32_t end) const {
    return std::u16string_view(units_).substr(begin, end - begin);
  }
  char16_t at(int32_t i) const { return units_[i]; }

  // Byte offset in the original UTF-8 of UTF-16 unit `index`; index == size()
  // gives the length of the original.
  uint32_t byte_offset(int32_t index) const { return offsets_[index]; }

  bool had_invalid_utf8() const { return invalid_; }

 private:
  std::u16string units_;
  std::vector<uint32_t> offsets_;
  bool invalid_ = false;
};

// UTF-16 -> UTF-8, for turning token text back into terms.
void append_utf8(std::u16string_view text, std::string& out);

}  // namespace socialsoeg::analysis
