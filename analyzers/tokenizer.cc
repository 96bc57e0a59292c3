#include "analyzers/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "analyzers/protected_tokens.h"

namespace socialsoeg::analysis {
namespace {

bool is_hyphen(char16_t c) { return c == u'-' || c == 0x2010 || c == 0x2011; }

// "spiritus-/narkokørsel", "spiritus- og narkokørsel", "hash-, kokain- eller
// amfetaminpåvirket": a hyphen right after the word, and no letter right
// after the hyphen (a letter would make it an ordinary hyphenated word).
bool hangs_hyphen(const Utf16Text& text, const std::vector<Segment>& segs, size_t i) {
  if (i + 1 >= segs.size()) return false;
  const Segment& h = segs[i + 1];
  if (h.kind != SegmentKind::kOther || h.end - h.begin != 1 || !is_hyphen(text.at(h.begin))) return false;
  if (i + 2 >= segs.size()) return true;
  const SegmentKind after = segs[i + 2].kind;
  return after != SegmentKind::kLetters && after != SegmentKind::kNumber;
}

// Capital initial followed by a lower-case letter: "Voldgade", not "VOLD".
bool capitalised(std::u16string_view w) {
  if (w.size() < 2) return false;
  size_t i = 0;
  UChar32 first, second;
  U16_NEXT(w.data(), i, w.size(), first);
  U16_NEXT(w.data(), i, w.size(), second);
  return u_isupper(first) && u_islower(second);
}

bool ends_sentence(std::u16string_view s) { return s == u"." || s == u"!" || s == u"?" || s == u":"; }

}  // namespace

void tokenize(const Utf16Text& text, const std::vector<Segment>& segments, TokenList& out) {
  uint32_t position = out.empty() ? 0 : out.back().position;
  const std::span<const Segment> all(segments);
  bool sentence_start = true;
  for (size_t i = 0; i < segments.size();) {
    const Segment& seg = segments[i];
    if (seg.kind == SegmentKind::kSpace || seg.kind == SegmentKind::kBreak) {
      sentence_start = sentence_start || seg.kind == SegmentKind::kBreak;
      ++i;
      continue;
    }
    if (seg.kind == SegmentKind::kOther && ends_sentence(text.view(seg.begin, seg.end))) sentence_start = true;
    if (auto m = match_protected(text, all, i)) {
      const Segment& last = segments[i + m->segment_count - 1];
      out.push_back(Token{std::move(m->term), ++position, text.byte_offset(seg.begin),
                          text.byte_offset(last.end), m->kind});
      i += m->segment_count;
      sentence_start = false;
      continue;
    }
    if (seg.kind == SegmentKind::kLetters || seg.kind == SegmentKind::kNumber) {
      Token t{{}, ++position, text.byte_offset(seg.begin), text.byte_offset(seg.end), TokenKind::kWord};
      append_utf8(text.view(seg.begin, seg.end), t.term);
      t.suspended_hyphen = seg.kind == SegmentKind::kLetters && hangs_hyphen(text, segments, i);
      t.name = !sentence_start && capitalised(text.view(seg.begin, seg.end));
      out.push_back(std::move(t));
      sentence_start = false;
    }
    ++i;
  }
}

}  // namespace socialsoeg::analysis
