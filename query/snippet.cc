#include "query/snippet.h"

#include <algorithm>

namespace socialsoeg::query {
namespace {

constexpr std::string_view kEllipsis = "…";

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Moves `i` back to the start of a UTF-8 character.
size_t char_start(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && is_continuation(s[i])) --i;
  return i;
}

}  // namespace

std::vector<Span> matched_spans(const analysis::Analyzer& analyzer, std::string_view text, const MatchSet& matches,
                                std::vector<Span> spans) {
  if (!matches.terms.empty()) {
    for (const auto& t : analyzer.analyze(text, analysis::Side::kIndex))
      if (matches.terms.count(t.term)) spans.push_back({t.start, t.end});
  }
  return merge_spans(std::move(spans), text.size());
}

std::vector<Span> merge_spans(std::vector<Span> spans, size_t text_size) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Span> merged;
  for (const auto& s : spans) {
    if (s.end > text_size || s.start >= s.end) continue;
    if (!merged.empty() && s.start < merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

Snippet make_snippet(std::string_view text, const std::vector<Span>& spans, size_t max_bytes) {
  // The window that starts at some match and holds the most distinct matched
  // words (ties: the earliest).
  size_t best_first = 0, best_score = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    std::vector<std::string_view> distinct;
    for (size_t j = i; j < spans.size() && spans[j].end <= spans[i].start + max_bytes; ++j) {
      const auto word = text.substr(spans[j].start, spans[j].end - spans[j].start);
      if (std::find(distinct.begin(), distinct.end(), word) == distinct.end()) distinct.push_back(word);
    }
    // Distinct words count most; then how many matches in all.
    const size_t score = distinct.size() * 1000 + (spans.size() - i);
    if (score > best_score) best_score = score, best_first = i;
  }
  size_t begin = 0;
  if (!spans.empty()) {
    // Some words of context before the first match, from a word start.
    const size_t anchor = spans[best_first].start;
    begin = anchor > max_bytes / 4 ? anchor - max_bytes / 4 : 0;
    if (begin > 0) {
      while (begin < anchor && !is_space(text[begin - 1])) ++begin;
    }
  }
  size_t end = std::min(text.size(), begin + max_bytes);
  if (end < text.size()) {
    size_t cut = end;
    while (cut > begin && !is_space(text[cut])) --cut;
    end = cut > begin ? cut : char_start(text, end);
  }
  // Never cut inside a match.
  for (const auto& s : spans)
    if (s.start < end && s.end > end) end = s.start;
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;

  Snippet out;
  const bool cut_start = begin > 0, cut_end = end < text.size();
  if (cut_start) out.text += kEllipsis;
  const auto offset = static_cast<uint32_t>(out.text.size());
  std::string body(text.substr(begin, end - begin));
  for (char& c : body)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  out.text += body;
  if (cut_end) out.text += kEllipsis;
  for (const auto& s : spans)
    if (s.start >= begin && s.end <= end)
      out.matches.push_back({static_cast<uint32_t>(s.start - begin) + offset, static_cast<uint32_t>(s.end - begin) + offset});
  return out;
}

std::string highlight(const Snippet& snippet, std::string_view open, std::string_view close) {
  std::string out;
  size_t at = 0;
  for (const auto& m : snippet.matches) {
    out.append(snippet.text, at, m.start - at);
    out += open;
    out.append(snippet.text, m.start, m.end - m.start);
    out += close;
    at = m.end;
  }
  out.append(snippet.text, at, std::string::npos);
  return out;
}

}  // namespace socialsoeg::query
