// Recognises the tokens that must be kept whole and written one canonical
// way (contract §4): CPR numbers, law sections, dates, clock times, decimal
// numbers, licence plates and phone numbers.
//
// ICU splits "010190-1234" into three segments and "§ 53" into three; this
// recogniser looks at a short window of segments (words, numbers, spaces and
// punctuation as ICU found them) and decides whether they form one protected
// token. Every rule here serves index and query alike, so "§53" typed in a
// query meets "§ 53" written in a report by construction.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "analyzers/segmenter.h"
#include "analyzers/token.h"
#include "analyzers/utf16_text.h"

namespace socialsoeg::analysis {

struct ProtectedMatch {
  size_t segment_count;  // how many segments, from the first, the token spans
  TokenKind kind;
  std::string term;      // canonical form
};

// Tries to read a protected token starting at segments[first]. Plain numbers
// are returned too (kind kNumber, thousands separators removed), so a caller
// gets one answer for every number segment.
std::optional<ProtectedMatch> match_protected(const Utf16Text& text, std::span<const Segment> segments,
                                              size_t first);

}  // namespace socialsoeg::analysis
