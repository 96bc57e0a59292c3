#include "analyzers/analyzer.h"

#include <algorithm>
#include <cstdlib>

#include "analyzers/danish_filters.h"
#include "analyzers/lexicon.h"
#include "analyzers/tokenizer.h"
#include "analyzers/word_lists.h"
#include "core/errors.h"
#include "core/files.h"
#include "core/hash.h"

namespace socialsoeg::analysis {
namespace {

// Bumped whenever a change to the rules changes the terms of any text
// (4: compound splits from the lexicon's word classes and compound starts;
// concept terms read negation scope, hypotheticals and children by age).
// (5: function words and abbreviations carry their lemma: "var" = være,
// "kl." = klokke.)
constexpr std::string_view kAnalyzerVersion = "5";

// BLAKE2b over the dictionary files (in name order) and the lexicon's record
// of its own sources: 16 hex digits are plenty to tell two builds apart.
std::string dictionary_hash(const std::filesystem::path& dir, const Lexicon& lexicon) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    all += f.filename().string();
    all += '\0';
    all += read_file_or_empty(f);
  }
  all += lexicon.source();
  return blake2b_hex(all, 16).substr(0, 16);
}

}  // namespace

AnalyzerOptions AnalyzerOptions::of(const Installation& installation) {
  return {installation.dictionaries, installation.lexicon};
}

AnalyzerOptions AnalyzerOptions::defaults() { return of(Installation::built_in()); }

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

Analyzer::Analyzer(const AnalyzerOptions& options) {
  auto lexicon = Lexicon::open(options.lexicon);
  WordSet stopwords = read_word_list(options.dictionaries / "stopwords.da.txt");
  auto sections = read_word_sections(options.dictionaries / "compounds.txt");
  CompoundRules rules{sections["no-split"], sections["not-head"], sections["not-first"], sections["short-head"],
                      sections["adjective-suffix"]};
  morphology_ = std::make_shared<Morphology>(lexicon, std::move(rules), stopwords);

  filters_.push_back(std::make_unique<NormalizeFilter>());
  filters_.push_back(std::make_unique<StopwordFilter>(std::move(stopwords)));
  filters_.push_back(
      std::make_unique<LemmaFilter>(morphology_, read_word_pairs(options.dictionaries / "fixed_lemmas.tsv")));
  filters_.push_back(std::make_unique<StemFilter>());
  filters_.push_back(std::make_unique<LengthFilter>());

  // Members are analysed by this analyzer itself, query side, stopwords out.
  synonyms_ = Synonyms::load(options.dictionaries / "synonyms.da.txt", [this](const std::string& text) {
    std::vector<std::vector<std::string>> words;
    uint32_t position = 0;
    for (const Token& t : analyze(text, Side::kQuery)) {
      if (t.stopword) continue;
      if (words.empty() || t.position != position) words.emplace_back();
      position = t.position;
      words.back().push_back(t.term);
    }
    return words;
  });

  concepts_ = ConceptDictionary::load(
      options.dictionaries / "concepts.da.txt", options.dictionaries / "negation.da.txt",
      [this](const std::string& word) {
        std::vector<std::string> terms;
        for (const Token& t : analyze(word, Side::kQuery))
          if (t.position == 1 && t.extra == Token::Extra::kNone) terms.push_back(t.term);
        return terms;
      });

  identity_ = "socialsoeg-danish/";
  identity_ += kAnalyzerVersion;
  char separator = ' ';
  for (const auto& f : filters_) {
    identity_ += separator;
    identity_ += f->name();
    separator = '+';
  }
  identity_ += " dict:" + dictionary_hash(options.dictionaries, *lexicon);
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
