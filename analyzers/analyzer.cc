#include "analyzers/analyzer.h"

#include "analyzers/tokenizer.h"

namespace socialsoeg::analysis {
namespace {

// Bumped whenever a change to the rules changes the terms of any text.
constexpr std::string_view kAnalyzerVersion = "1";

}  // namespace

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kCpr: return "cpr";
    case TokenKind::kSection: return "section";
    case TokenKind::kDate: return "date";
    case TokenKind::kTime: return "time";
    case TokenKind::kDecimal: return "decimal";
    case TokenKind::kPlate: return "plate";
    case TokenKind::kPhone: return "phone";
  }
  return "?";
}

Analyzer::Analyzer() {
  filters_.push_back(std::make_unique<NormalizeFilter>());
  filters_.push_back(std::make_unique<StemFilter>());
  filters_.push_back(std::make_unique<LengthFilter>());
  identity_ = "socialsoeg-danish/";
  identity_ += kAnalyzerVersion;
  char separator = ' ';
  for (const auto& f : filters_) {
    identity_ += separator;
    identity_ += f->name();
    separator = '+';
  }
}

void Analyzer::analyze(std::string_view text, Side side, Workspace& workspace, TokenList& out) const {
  out.clear();
  workspace.text.assign(text);
  workspace.segmenter.segment(workspace.text, workspace.segments);
  tokenize(workspace.text, workspace.segments, out);
  for (const auto& filter : filters_) filter->apply(out, side, workspace);
}

TokenList Analyzer::analyze(std::string_view text, Side side) const {
  thread_local Workspace workspace;
  TokenList out;
  analyze(text, side, workspace, out);
  return out;
}

std::vector<std::string_view> Analyzer::filter_names() const {
  std::vector<std::string_view> names;
  for (const auto& f : filters_) names.push_back(f->name());
  return names;
}

}  // namespace socialsoeg::analysis
