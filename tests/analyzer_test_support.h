// Helpers shared by the analyzer tests.
#pragma once

#include <string>

#include "analyzers/analyzer.h"

namespace socialsoeg::test {

inline const analysis::Analyzer& analyzer() {
  static const analysis::Analyzer instance;
  return instance;
}

// "term[position] term[position] ...", the golden-table form (after Xapian's
// TermGenerator tests).
inline std::string describe(const analysis::TokenList& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.term + "[" + std::to_string(t.position) + "]";
  }
  return out;
}

inline std::string index_terms(std::string_view text) {
  return describe(analyzer().analyze(text, analysis::Side::kIndex));
}
inline std::string query_terms(std::string_view text) {
  return describe(analyzer().analyze(text, analysis::Side::kQuery));
}

}  // namespace socialsoeg::test
