// The Danish analyzer: one object, built once, used unchanged by the indexer
// and by the query parser, so index and query see text the same way by
// construction (docs/contract.md §4), as Xapian and Lucene hand one analyzer
// to both sides.
//
//   text -> ICU segmentation -> tokenizer (protected tokens kept whole)
//        -> normalise (NFC, case fold, Danish spelling) -> mark stopwords
//        -> lemmas from the lexicon (index side: + compound parts, hanging
//           hyphens) -> Snowball for unknown words -> length
//
// Thread-safety: an Analyzer is immutable and may be shared by any number of
// threads; each thread passes its own Workspace (or uses the overload that
// keeps one per thread).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/concepts.h"
#include "analyzers/morphology.h"
#include "analyzers/synonyms.h"
#include "analyzers/token.h"
#include "analyzers/token_filter.h"
#include "analyzers/workspace.h"
#include "core/installation.h"

namespace socialsoeg::analysis {

struct AnalyzerOptions {
  std::filesystem::path dictionaries;  // the dictionaries/ folder
  std::filesystem::path lexicon;       // the compiled lemmas.bin
  // The installation's dictionaries and lemma table.
  static AnalyzerOptions of(const Installation& installation);
  // This build's own files (Installation::built_in()). The environment is
  // read by the program's edge only (cli/installation_options.h).
  static AnalyzerOptions defaults();
};

class Analyzer {
 public:
  // Loads the dictionaries; throws EnvironmentError (missing files) or
  // DataError (a malformed line, reported as file:line).
  explicit Analyzer(const AnalyzerOptions& options = AnalyzerOptions::defaults());

  // Analyses `text` (UTF-8; invalid bytes are read as U+FFFD) into `out`,
  // replacing its contents.
  void analyze(std::string_view text, Side side, Workspace& workspace, TokenList& out) const;
  // Convenience: a per-thread Workspace and a fresh list.
  TokenList analyze(std::string_view text, Side side) const;

  // Name, version and a BLAKE2b hash of every dictionary file and of the
  // lemma table's sources; the index records it so that a database analysed
  // differently is noticed, as LevelDB checks its comparator's name on open.
  const std::string& identity() const { return identity_; }

  // The filter names in order, for `socialsoeg analyze` and the docs.
  std::vector<std::string_view> filter_names() const;

  const Morphology& morphology() const { return *morphology_; }

  // Concept mentions with polarity in index-side tokens of a text.
  std::vector<ConceptMention> mentions(const TokenList& index_tokens) const { return concepts_.find(index_tokens); }
  const ConceptDictionary& concepts() const { return concepts_; }

  // Query-time expansions of a query term (dictionaries/synonyms.da.txt).
  std::vector<Expansion> expansions(const std::string& term) const { return synonyms_.expand(term); }

 private:
  Synonyms synonyms_;
  ConceptDictionary concepts_;
  std::shared_ptr<const Morphology> morphology_;
  std::vector<std::unique_ptr<TokenFilter>> filters_;
  std::string identity_;
};

}  // namespace socialsoeg::analysis
