// Danish word morphology on top of the lexicon: the lemma(s) of a normalised
// word, and — for the index side — how a closed compound splits into a first
// part and a head (docs/analysis.md has the policy and its limits).
//
//   "husspektaklerne"   lemmas {husspektakel}, split hus + spektakel
//   "selvmordstrusler"  lemmas {selvmordstrussel}, split selvmord + trussel
//   "narkobilisterne"   (unknown to the lexicon) lemma narkobilist, split narko + bilist
//   "voldsomt"          lemmas {voldsom}, no split ("som" is a suffix, not a head)
//   "lægehjælp"         split læge + hjælp (hunspell lets "læge", not "læg", start it)
//   "billeder"          no split: billede is a neuter noun, "lede" no neuter noun
//
// Immutable and thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyzers/lexicon.h"
#include "analyzers/word_lists.h"

namespace socialsoeg::analysis {

struct CompoundSplit {
  std::string first;              // lemma of the first part ("selvmord")
  std::vector<std::string> head;  // lemma(s) of the head ("trussel")
  size_t head_offset;             // byte offset of the head in the word
};

struct WordAnalysis {
  std::vector<std::string> lemmas;  // empty: unknown, left to the stemmer
  std::optional<CompoundSplit> split;
};

// The hand-written lists of dictionaries/compounds.txt (docs/analysis.md).
struct CompoundRules {
  WordSet no_split, not_head, not_first;
  WordSet short_head;        // 3-letter heads allowed ("bil", "hus", "sag"); other heads need 4 letters
  WordSet adjective_suffix;  // heads that are suffixes in an adjective ("frugtbar") but words in a noun ("grillbar")
};

class Morphology {
 public:
  Morphology(std::shared_ptr<const Lexicon> lexicon, CompoundRules rules, WordSet stopwords);

  // `word` is normalised (normalizer.h). `may_split` is false for names and
  // on the query side's whole-word lookups.
  WordAnalysis analyze(std::string_view word, bool may_split) const;

  // The split of `word` into first part and head, if the policy allows one.
  std::optional<CompoundSplit> split(std::string_view word) const;

  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  // The word a compound-start form begins a compound as ("volds" -> "vold"),
  // or empty when it may not begin one.
  std::string_view start_lemma(std::string_view prefix) const;
  // The lemma of a compound's first part: a start form's word, or two start
  // forms joined by a link ("besættelsestids" -> "besættelsestid", only if
  // `compose`); empty when `prefix` is none.
  std::string first_part_lemma(std::string_view prefix, bool compose) const;

  // The word lists, looked up by string_view without building a string (the
  // splitter asks them several times per word).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  struct Lists {
    Set no_split, not_head, not_first, short_head, adjective_suffix, stopwords;
  };

  std::shared_ptr<const Lexicon> lexicon_;
  Lists rules_;
};

}  // namespace socialsoeg::analysis
