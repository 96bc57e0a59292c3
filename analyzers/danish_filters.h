// The filters of the Danish analysis proper (after normalisation):
//   StopwordFilter  marks function words (kept, with positions)
//   LemmaFilter     lexicon lemmas; on the index side also compound parts
//                   and the compounds a hanging hyphen stands for
// They sit between NormalizeFilter and StemFilter (analyzer.cc).
#pragma once

#include <memory>

#include "analyzers/morphology.h"
#include "analyzers/token_filter.h"
#include "analyzers/word_lists.h"

namespace socialsoeg::analysis {

class StopwordFilter final : public TokenFilter {
 public:
  explicit StopwordFilter(WordSet stopwords) : stopwords_(std::move(stopwords)) {}
  std::string_view name() const override { return "stopwords"; }
  void apply(TokenList& tokens, Side side, Workspace& workspace) const override;

 private:
  WordSet stopwords_;
};

// Replaces each word by its lemma(s). Index side: a compound also yields its
// parts, at the same position, so that "vold" finds "partnervolden" and
// "voldsepisode"; "spiritus-" in "spiritus-/narkokørsel" also yields
// "spirituskørsel". Query side: whole words only, never parts, so
// "spritkørsel" does not find "kørselsgodtgørelse".
class LemmaFilter final : public TokenFilter {
 public:
  // `fixed_lemmas`: words the lexicon cannot lemmatise or that stay as
  // written (function words), with the lemma(s) added beside them.
  LemmaFilter(std::shared_ptr<const Morphology> morphology, WordMap fixed_lemmas)
      : morphology_(std::move(morphology)), fixed_lemmas_(std::move(fixed_lemmas)) {}
  std::string_view name() const override { return "lemmas+compounds"; }
  void apply(TokenList& tokens, Side side, Workspace& workspace) const override;

 private:
  std::shared_ptr<const Morphology> morphology_;
  WordMap fixed_lemmas_;
};

}  // namespace socialsoeg::analysis
