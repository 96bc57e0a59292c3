#include "index/token_offsets.h"

#include <algorithm>

#include "core/varint.h"
#include "index/schema.h"

namespace socialsoeg::index {
namespace {

void put_field(std::string& out, const std::vector<TokenSpan>& spans) {
  put_varint(out, static_cast<uint32_t>(spans.size()));
  uint32_t previous_end = 0;
  for (const auto& s : spans) {
    if (s.end == s.start) {
      put_varint(out, 0);
      put_varint(out, 0);
      continue;
    }
    // Spans of consecutive positions do not go backwards (extras share their position's span).
    const uint32_t start = std::max(s.start, previous_end);
    put_varint(out, start - previous_end);
    put_varint(out, s.end - start);
    previous_end = s.end;
  }
}

bool get_field(std::string_view& in, std::vector<TokenSpan>& spans) {
  uint32_t n = 0;
  if (!get_varint(in, n) || n > in.size()) return false;  // at least one byte per position
  spans.resize(n);
  uint32_t previous_end = 0;
  for (auto& s : spans) {
    uint32_t gap = 0, length = 0;
    if (!get_varint(in, gap) || !get_varint(in, length)) return false;
    if (length == 0) {
      s = {};
      continue;
    }
    s.start = previous_end + gap;
    s.end = s.start + length;
    previous_end = s.end;
  }
  return true;
}

}  // namespace

std::string encode_token_offsets(const std::vector<TokenSpan>& title, const std::vector<TokenSpan>& text) {
  std::string out;
  out.reserve(2 * (title.size() + text.size()) + 4);
  put_field(out, title);
  put_field(out, text);
  return out;
}

std::optional<TokenOffsets> decode_token_offsets(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  TokenOffsets out;
  if (!get_field(bytes, out.title) || !get_field(bytes, out.text) || !bytes.empty()) return std::nullopt;
  return out;
}

std::optional<TokenOffsets::Located> TokenOffsets::locate(uint32_t position) const {
  if (position == 0) return std::nullopt;
  if (position <= title.size()) {
    const auto& s = title[position - 1];
    if (s.end == s.start) return std::nullopt;
    return Located{0, s};
  }
  const uint32_t base = static_cast<uint32_t>(title.size()) + schema::kTextPositionGap;
  if (position <= base || position - base > text.size()) return std::nullopt;
  const auto& s = text[position - base - 1];
  if (s.end == s.start) return std::nullopt;
  return Located{1, s};
}

}  // namespace socialsoeg::index
