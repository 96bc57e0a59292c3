#include "analyzers/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <algorithm>

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
// Abbreviations whose full stop ends no sentence: "kl. 21.30", "jf. § 53",
// "§ 244, stk. 2", "pgl. blev anholdt".
bool is_abbreviation(std::u16string_view w) {
  static constexpr std::u16string_view kAbbreviations[] = {
      u"kl", u"jf", u"stk", u"nr", u"ca", u"pgl", u"sigt", u"anm", u"ptl", u"forurett", u"evt", u"bl", u"mv",
      u"mht", u"pga", u"dvs", u"ift", u"hhv", u"tlf", u"st", u"tv", u"th", u"mf", u"f", u"eks", u"a", u"ang", u"iflg"};
  std::u16string lower(w);
  for (auto& c : lower) c = static_cast<char16_t>(u_tolower(c));
  for (auto a : kAbbreviations)
    if (a == lower) return true;
  return false;
}

bool ends_clause(std::u16string_view s) { return ends_sentence(s) || s == u";" || s == u"(" || s == u")"; }

}  // namespace

void tokenize(const Utf16Text& text, const std::vector<Segment>& segments, TokenList& out) {
  uint32_t position = out.empty() ? 0 : out.back().position;
  const std::span<const Segment> all(segments);
  bool sentence_start = true;
  Token::Break pending = Token::Break::kNone;
  auto note_break = [&](Token::Break b) { pending = std::max(pending, b); };
  for (size_t i = 0; i < segments.size();) {
    const Segment& seg = segments[i];
    if (seg.kind == SegmentKind::kSpace || seg.kind == SegmentKind::kBreak) {
      sentence_start = sentence_start || seg.kind == SegmentKind::kBreak;
      if (seg.kind == SegmentKind::kBreak) note_break(Token::Break::kClause);
      ++i;
      continue;
    }
    if (seg.kind == SegmentKind::kOther) {
      const auto s = text.view(seg.begin, seg.end);
      const bool after_abbreviation = s == u"." && i > 0 && segments[i - 1].kind == SegmentKind::kLetters &&
                                      is_abbreviation(text.view(segments[i - 1].begin, segments[i - 1].end));
      if (ends_sentence(s) && !after_abbreviation) sentence_start = true;
      if (ends_clause(s) && !after_abbreviation) note_break(Token::Break::kClause);
      if (s == u",") note_break(Token::Break::kComma);
      if (s == u"?" && !out.empty()) out.back().before_question = true;
    }
    if (auto m = match_protected(text, all, i)) {
      const Segment& last = segments[i + m->segment_count - 1];
      out.push_back(Token{std::move(m->term), {}, ++position, text.byte_offset(seg.begin),
                          text.byte_offset(last.end), m->kind});
      out.back().break_before = pending;
      pending = Token::Break::kNone;
      i += m->segment_count;
      sentence_start = false;
      continue;
    }
    if (seg.kind == SegmentKind::kLetters || seg.kind == SegmentKind::kNumber) {
      Token t{{}, {}, ++position, text.byte_offset(seg.begin), text.byte_offset(seg.end), TokenKind::kWord};
      append_utf8(text.view(seg.begin, seg.end), t.term);
      t.suspended_hyphen = seg.kind == SegmentKind::kLetters && hangs_hyphen(text, segments, i);
      t.name = !sentence_start && capitalised(text.view(seg.begin, seg.end));
      t.break_before = pending;
      pending = Token::Break::kNone;
      out.push_back(std::move(t));
      sentence_start = false;
    }
    ++i;
  }
}

}  // namespace socialsoeg::analysis
