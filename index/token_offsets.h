// Where each indexed position of a report sits in its title and text: the
// byte span of the token(s) at that position, stored in a value slot
// (schema::kSlotTokenOffsets) so that a snippet can mark what matched from
// Xapian's position lists without analysing the text again.
//
// Encoding (compact; about two bytes a token): varint title positions T,
// then per title position varint(start - end of the previous span) and
// varint(length); then the same for the text. A position without a token is
// (0, 0). Positions follow the index: title 1..T, then the text from
// T + kTextPositionGap + 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::index {

// The format's own span type, so that reading offsets needs nothing of the
// analyzer; the loader turns the analyzer's tokens into these
// (indexer/report_document.h: spans_by_position).
struct TokenSpan {
  uint32_t start = 0, end = 0;  // byte offsets in the field; end == start: no token
};

struct TokenOffsets {
  std::vector<TokenSpan> title, text;  // index i: position i + 1 of the field

  // The field (0 title, 1 text) and span of a document position, or nullopt
  // when the position is in neither.
  struct Located {
    int field;
    TokenSpan span;
  };
  std::optional<Located> locate(uint32_t document_position) const;
};

std::string encode_token_offsets(const std::vector<TokenSpan>& title, const std::vector<TokenSpan>& text);
// nullopt when `bytes` is not a valid encoding (every report has one: damage).
std::optional<TokenOffsets> decode_token_offsets(std::string_view bytes);

}  // namespace socialsoeg::index
