// The best passage of a report with the words that matched marked — also
// where they matched through an inflection, a compound part, a synonym or a
// concept pattern. Built from the analyzer's own byte offsets:
// Xapian's MSet::snippet re-tokenises with its own rules and cannot see
// compound parts, synonyms or concept patterns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/analyzer.h"
#include "query/query_builder.h"

namespace socialsoeg::query {

struct Span {
  uint32_t start, end;  // byte offsets, end exclusive
  friend bool operator==(const Span&, const Span&) = default;
};

struct Snippet {
  // Plain UTF-8 text: a passage of the field, line breaks as spaces, "…"
  // where it was cut.
  std::string text;
  // What matched, as byte offsets into `text`, in order, not overlapping.
  std::vector<Span> matches;
};

// The spans of `text` that `matches` names: tokens whose index term it
// searched for (found by analysing `text` again), and `concept_spans`
// (mentions of the concepts it searched for, as byte offsets into `text`).
// Sorted, overlapping spans merged. For documents without stored token
// offsets; the searcher reads the spans from position lists otherwise.
std::vector<Span> matched_spans(const analysis::Analyzer& analyzer, std::string_view text, const MatchSet& matches,
                                std::vector<Span> concept_spans);

// `spans` sorted, those outside `text_size` or empty dropped, overlapping ones merged.
std::vector<Span> merge_spans(std::vector<Span> spans, size_t text_size);

// The passage of at most about `max_bytes` with the most distinct matches
// (the start of the text when nothing matched), widened to word boundaries.
Snippet make_snippet(std::string_view text, const std::vector<Span>& spans, size_t max_bytes = 220);

// `snippet` with its matches between `open` and `close` (bold on a terminal).
std::string highlight(const Snippet& snippet, std::string_view open, std::string_view close);

}  // namespace socialsoeg::query
