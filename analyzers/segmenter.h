// Word segmentation with ICU's BreakIterator (Unicode UAX #29 word rules,
// Danish locale). Produces every span between two boundaries — words, numbers,
// spaces and punctuation alike — because the protected-token recogniser needs
// to see the "-" in "010190-1234" and the space in "§ 53".
//
// Not thread-safe: one WordSegmenter per thread (the analyzer's Workspace owns one).
#pragma once

#include <memory>
#include <vector>

#include "analyzers/utf16_text.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace socialsoeg::analysis {

enum class SegmentKind : uint8_t {
  kLetters,  // ICU rule status "letter" (may hold digits too, e.g. "x@y.dk")
  kNumber,   // ICU rule status "number": "44", "1,2", "09.40", "18.04.2024", "AB12345"
  kSpace,    // horizontal white space
  kBreak,    // a line break or paragraph separator
  kOther,    // punctuation and symbols: "-", "§", "/", "+", ...
};

struct Segment {
  int32_t begin;  // UTF-16 index
  int32_t end;
  SegmentKind kind;
};

class WordSegmenter {
 public:
  WordSegmenter();
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;

  void segment(const Utf16Text& text, std::vector<Segment>& out);

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace socialsoeg::analysis
