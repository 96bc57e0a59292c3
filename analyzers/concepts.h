// Risk-concept_id mentions with polarity (docs/contract.md §3).
//
// dictionaries/concepts.da.txt gives each concept_id its id, English alias and
// the words and multi-word patterns that express it; dictionaries/
// negation.da.txt the cues that negate a mention within its clause
// (NegEx-style: cues before the mention, cues after it, pseudo-negations
// that only look like cues, and words that end a cue's scope).
//
// Matching runs on the analyzer's index-side tokens, so every word and
// pattern matches in any inflection, and words also match as a part of a
// compound ("voldsepisoden" mentions vold) — unless the compound is itself a
// word of some concept_id ("selvmordstrussel" is a suicide threat, not a
// threat). Look-alikes never match: "voldsomt" has the lemma "voldsom",
// "Voldgade" is a name and never split.
//
// Immutable and thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/token.h"

namespace socialsoeg::analysis {

struct ConceptInfo {
  std::string id;      // "spirituskoersel"
  std::string alias;   // "drink-driving"
  std::string label;   // Danish, as people read it on a page: "Spirituskørsel"
  std::string phrase;  // Danish, inside a sentence of a draft: "vold i en nær relation"
  bool risk = true;    // counts towards a screening flag
  std::string parent;  // "vold" for partnervold: a mention of it is one of the parent too
  std::string defers_to;  // its mentions that overlap one of this concept are that concept's
  std::string yields_to;  // its mentions in a sentence (or text) that mentions this concept are that concept's
  bool yields_in_text = false;  // yields_to: every mention, across the whole text
  bool yields_every_mention = false;  // yields_to: every mention in the sentence, not single words only
};

struct ConceptMention {
  std::string concept_id;
  // Reported as having happened. Not affirmed: negated ("ingen tegn på
  // vold", "frifundet for vold") or hypothetical ("Hvis du udsættes for
  // vold", "kampagne mod spritkørsel", a question) — neither counts.
  bool affirmed;
  uint32_t start, end;           // byte offsets of the words that carry it
  uint32_t first_position, last_position;
};

class ConceptDictionary {
 public:
  // `terms_of` turns one pattern word into its terms (the analyzer's lemmas).
  using TermsOf = std::function<std::vector<std::string>(const std::string&)>;
  static ConceptDictionary load(const std::filesystem::path& concepts, const std::filesystem::path& negation,
                                const TermsOf& terms_of);

  // Mentions in an index-side token list, in text order; a concept_id mentioned
  // by a parent relation is listed with the same span.
  std::vector<ConceptMention> find(const TokenList& tokens) const;

  const std::vector<ConceptInfo>& concepts() const { return concepts_; }
  // The concept_id with this id or alias, or nullptr.
  const ConceptInfo* lookup(const std::string& id_or_alias) const;

  // One pattern element: alternatives for one token, or a gap.
  struct Element {
    std::vector<std::string> terms;  // any of these at the position
    std::vector<std::string> forms;  // or any of these exact written forms ("=slog")
    enum class Kind : uint8_t { kTerms, kGap, kDecimal, kNumber, kChildAge, kChildAgeWord, kAdultAge, kName } kind = Kind::kTerms;
    bool optional = false;
    bool gap_crosses_comma = false;  // "~,": a gap that may run past a comma
  };
  using Pattern = std::vector<Element>;

  // Patterns by the terms (and written forms) their first element needs, so
  // a position tries only the patterns that can start there; the rest
  // (starting with a number, a gap or an optional word) are tried everywhere.
  class FirstTermIndex {
   public:
    void add(const Pattern& p, size_t id);
    // The ids of the patterns that may start at a word with these terms and
    // this written form, and of those that start with a class (#number,
    // #age, …) the word is one of — `classes` has bit 1 << Element::Kind set
    // for each — in id order (so in file order), without repeats.
    void candidates(const std::vector<std::string_view>& terms, std::string_view form, unsigned classes,
                    std::vector<size_t>& out) const;

   private:
    // Looked up by string_view: no string is built per word.
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Map = std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>>;
    Map by_term_, by_form_;
    std::vector<size_t> anywhere_;  // patterns whose first element is optional: tried at every word
    // Patterns that start with a class, with the class: tried only at words
    // of that class (a class-first pattern tried everywhere was half of all
    // concept matching).
    std::vector<std::pair<size_t, unsigned>> by_class_;
  };

 private:
  struct Rule {
    Pattern pattern;
    size_t concept_id;
    bool keep = false;  // its mentions never yield ("besiddelse af kokain" stays drugs)
  };
  std::vector<ConceptInfo> concepts_;
  std::vector<Rule> word_rules_;     // single words: compound-part aware
  std::vector<Rule> phrase_rules_;   // patterns of several elements
  FirstTermIndex phrase_index_;
  std::vector<Rule> negated_rules_;  // patterns that are negated mentions in themselves ("ædru")
  std::vector<Rule> not_rules_;      // look-alike uses that cancel a mention
  std::vector<Rule> absent_rules_;   // anywhere in a text: no mention of the concept there
  struct CooccurRule {
    std::string with;  // the concept whose mention it needs
    Pattern pattern;   // a word in the same sentence
    size_t concept_id;
    bool reaches_back = false;  // or in the sentence before ("cooccur-back")
  };
  std::vector<CooccurRule> cooccur_rules_;
  std::unordered_map<std::string, std::vector<size_t>> word_index_;  // term -> concepts
  // A negation or hypothetical cue and its scope (negation.da.txt).
  struct Cue {
    Pattern pattern;
    size_t window = 0;        // words between cue and mention at most; 0: the default
    bool sentence = false;    // reaches anywhere in the mention's sentence
    bool across = false;      // a post cue that reaches back past commas and "men" in its sentence (a verdict)
    std::vector<std::string> stops;  // words between cue and mention that end its scope
    bool stop_at_comma = false;      // and so does a comma
    std::string only;         // applies to this concept only
  };
  std::vector<Cue> pre_cues_, post_cues_, hypothetical_cues_;
  std::vector<Pattern> pseudo_cues_;
  // Concept-finding runs every cue and look-alike pattern at every word of
  // a text once: these say which can start where.
  FirstTermIndex negated_index_, not_index_, absent_index_, pre_index_, post_index_, hypothetical_index_,
      pseudo_index_;
  std::vector<std::string> terminators_;
};

}  // namespace socialsoeg::analysis
