#include "analyzers/morphology.h"

#include <algorithm>
#include <array>

#include "analyzers/lexicon_format.h"

namespace socialsoeg::analysis {
namespace {

namespace fmt = lexicon_format;

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Shortest first part that still carries meaning: "hus", "bil", "sag" are
// words, two letters are mostly particles or inflection endings.
constexpr size_t kMinPartChars = 3;
// Shortest head without an entry under [short-head]: most three-letter words
// that end a longer word are endings or fragments ("ere" in "accepteres",
// "tur" in "kultur", "ral" in "central", "kab" in "landskab"), so a
// three-letter head must be one of the listed common nouns.
constexpr size_t kMinHeadChars = 4;

// Shortest bound prefix (hyphen included) taken as a first part.
constexpr size_t kMinBoundPrefixChars = 6;

constexpr uint16_t kNominal = fmt::kNoun | fmt::kAdjective;
constexpr uint16_t kGenders = fmt::kCommonGender | fmt::kNeuterGender;
constexpr uint16_t kPlurals = fmt::kPluralE | fmt::kPluralEr | fmt::kPluralZero;

template <class S>
bool has(const S& set, std::string_view word) {
  return set.find(word) != set.end();
}

// What one of a word's lemmas is as a headword of the lexicon.
struct LemmaClass {
  bool headword = false;  // an entry of hunspell names it (else: a joined plural, or unknown)
  uint16_t classes = 0;
};

LemmaClass class_of(const Lexicon& lex, std::string_view lemma) {
  const Lexicon::Entry e = lex.find(lemma);
  return {e && (e.classes & fmt::kHeadword), e ? e.classes : uint16_t{0}};
}

// Properties that only differ where both sides say something: a class the
// lexicon does not know is no disagreement.
bool agree(uint16_t a, uint16_t b, uint16_t mask) { return !(a & mask) || !(b & mask) || (a & b & mask); }

// A compound is inflected like its head, so a known word and the head it
// would end in must be of one word class: both nouns of one gender and plural
// ("husmor" and "mor"), or both adjectives ("vandkølet" and "kølet").
// "billede" (neuter, -r) does not end in the verb or common noun "lede",
// "kultur" (-er) not in "tur" (-e), "løbende" (a participle) not in "ende".
bool same_class(const LemmaClass& whole, const LemmaClass& head, bool& as_adjective) {
  if (!whole.headword) return true;  // a joined plural's singular ("husspektakel"): only the head says
  const uint16_t w = whole.classes, h = head.classes;
  as_adjective = false;
  // A compound may lack a plural its head has (a mass noun: "erhvervsliv",
  // "musiksmag"), but never have one its head lacks: "sandsynlighed" (plural
  // -er) does not end in "synlighed" (none).
  const bool plural_ok = agree(w, h, kPlurals) && !((h & fmt::kPluralNone) && !(h & kPlurals) && (w & kPlurals));
  if ((w & fmt::kNoun) && (h & fmt::kNoun) && agree(w, h, kGenders) && plural_ok) return true;
  as_adjective = (w & fmt::kAdjective) && (h & fmt::kAdjective);
  return as_adjective;
}

// Nouns made from a verb the lexicon knows ("anerkendelse" from anerkende,
// "aktivering" from aktivere, "begynder" from begynde, "fortsætter" from
// fortsætte): such a word is a derivation, not a compound of what its letters
// happen to spell (ane + kendelse, aktiv + ring, beg + ynder), and verbs are
// never split — unless the verb is a noun + linking -s- + verb itself.
// A verb made of a noun, its linking -s- and a verb ("sags|behandle",
// "skatte|unddrage" has no s and stays whole): its nouns are compounds of
// that noun and the verb's noun ("sagsbehandling" is sag + behandling).
// Prefix verbs have no link ("fortsætte", "anerkende", "begynde").
bool noun_verb_compound(const Lexicon& lex, std::string_view verb) {
  for (size_t cut = 4; cut + 3 <= verb.size(); ++cut) {
    if (verb[cut - 1] != 's' || (static_cast<unsigned char>(verb[cut]) & 0xC0) == 0x80) continue;
    const Lexicon::Entry b = lex.find_begin(verb.substr(0, cut));
    bool linked = false;
    for (size_t i = 0; b && i < b.lemma_count && !linked; ++i) {
      const std::string_view l = lex.lemma(b, i);
      linked = !l.ends_with('-') && l.size() + 1 == cut && (class_of(lex, l).classes & fmt::kNoun);
    }
    if (!linked) continue;
    const LemmaClass rest = class_of(lex, verb.substr(cut));
    if (rest.headword && (rest.classes & fmt::kVerb)) return true;
  }
  return false;
}

bool verb_derivation(const Lexicon& lex, std::string_view lemma) {
  static constexpr std::array<std::string_view, 5> kSuffixes = {"else", "ning", "ing", "ende", "er"};
  for (std::string_view suffix : kSuffixes) {
    if (lemma.size() <= suffix.size() + 3 || !lemma.ends_with(suffix)) continue;
    // anerkend|else, aktiver|ing, begynd|er: the verb is the stem + -e, or
    // the stem itself for the verbs in a vowel ("gå|ende").
    std::string verb(lemma.substr(0, lemma.size() - suffix.size()));
    for (int with_e = 0; with_e < 2; ++with_e) {
      if (with_e) verb += 'e';
      const LemmaClass c = class_of(lex, verb);
      if (c.headword && (c.classes & fmt::kVerb)) return !noun_verb_compound(lex, verb);
    }
  }
  return false;
}

}  // namespace

Morphology::Morphology(std::shared_ptr<const Lexicon> lexicon, CompoundRules rules, WordSet stopwords)
    : lexicon_(std::move(lexicon)) {
  auto to_set = [](const WordSet& words) { return Set(words.begin(), words.end()); };
  rules_ = {to_set(rules.no_split),   to_set(rules.not_head),         to_set(rules.not_first),
            to_set(rules.short_head), to_set(rules.adjective_suffix), to_set(stopwords)};
}

std::string_view Morphology::start_lemma(std::string_view prefix) const {
  const Lexicon& lex = *lexicon_;
  // Only the forms hunspell lets begin a compound, each with its own linking
  // letter: "volds" (vold + s), "børne" (børn + e), "arbejds" (arbejde less
  // e, + s), "læge" (no link). So the first part's own final -e/-s is never
  // taken for a link: "lægehjælp" is læge + hjælp, not læg; "havearbejde"
  // have, not hav; "børsnoterede" børs, not bør. And "fre" (fremad), "hov"
  // (hoved), "tir" (tirsdag) begin nothing.
  const Lexicon::Entry b = lex.find_begin(prefix);
  // Where a form begins compounds as two words, a noun before the rest, and
  // the lexicon's order (the shorter word + link first) among equals:
  // "havne" is havn (havnearbejder), not the verb havne; "lege" leg.
  size_t order[16];
  size_t count = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; b && i < b.lemma_count && count < 16; ++i)
      if (((class_of(lex, lex.lemma(b, i)).classes & fmt::kNoun) != 0) == (pass == 0)) order[count++] = i;
  for (size_t n = 0; n < count; ++n) {
    std::string_view lemma = lex.lemma(b, order[n]);
    // A short bound prefix ("kon-", "tele-", "inter-", "præ-") makes
    // loanwords, not compounds: "kontrakt", "telefon", "interesse". A long
    // one is a word's compound form ("kriminal-": kriminalpolitiet).
    if (lemma.ends_with('-')) {
      if (chars(lemma) <= kMinBoundPrefixChars) continue;
      return lemma;
    }
    // (The start forms come from no name's entry, so a word that is also a
    // name begins compounds all the same: "bane" in "banehalvdel".)
    const Lexicon::Entry f = lex.find(lemma);
    // A plural entry stands for its singular ("børn" -> "barn").
    bool own = false;
    for (size_t k = 0; f && k < f.lemma_count && !own; ++k) own = lex.lemma(f, k) == lemma;
    if (f && !own) lemma = lex.lemma(f, 0);
    return lemma;
  }
  return {};
}

std::string Morphology::first_part_lemma(std::string_view prefix, bool compose) const {
  if (const std::string_view lemma = start_lemma(prefix); !lemma.empty()) return std::string(lemma);
  if (!compose) return {};
  // A first part that is itself a compound the lexicon does not know, joined
  // by a linking -s- as such first parts are ("besættelsestids|historien",
  // "arbejdsmarkeds|politik"): two start forms, the second with its link,
  // make the first part "besættelsestid".
  if (prefix.back() != 's' || chars(prefix) < 2 * kMinPartChars + 1) return {};
  for (size_t cut = prefix.size() - kMinPartChars - 1; cut >= kMinPartChars; --cut) {
    if ((static_cast<unsigned char>(prefix[cut]) & 0xC0) == 0x80) continue;
    const std::string_view front = prefix.substr(0, cut), tail = prefix.substr(cut);
    const std::string_view tail_lemma = start_lemma(tail);
    if (tail_lemma.empty() || tail_lemma.ends_with('-') || tail_lemma == tail || chars(tail_lemma) < kMinPartChars)
      continue;
    const std::string_view front_lemma = start_lemma(front);
    if (chars(front_lemma) < kMinPartChars || has(rules_.not_first, front) || has(rules_.not_first, front_lemma) ||
        has(rules_.stopwords, front_lemma))
      continue;
    return std::string(front) + std::string(tail_lemma);
  }
  return {};
}

std::optional<CompoundSplit> Morphology::split(std::string_view word) const {
  const Lexicon& lex = *lexicon_;
  const Lexicon::Entry whole = lex.find(word);
  // The known word's lemmas that may be compounds, with their classes.
  struct WholeLemma {
    std::string_view lemma;
    LemmaClass cls;
  };
  std::array<WholeLemma, 8> wholes;
  size_t whole_count = 0;
  if (whole) {
    if (whole.flags & fmt::kProperNoun) return std::nullopt;
    for (size_t i = 0; i < whole.lemma_count; ++i)
      if (has(rules_.no_split, lex.lemma(whole, i))) return std::nullopt;
  }
  if (has(rules_.no_split, word)) return std::nullopt;
  // What follows costs lookups, so it is worked out only once a reading has
  // come that far (most words have none).
  bool wholes_known = false;
  auto known_wholes = [&] {
    if (wholes_known) return;
    wholes_known = true;
    for (size_t i = 0; i < whole.lemma_count && whole_count < wholes.size(); ++i) {
      const std::string_view lemma = lex.lemma(whole, i);
      const LemmaClass c = class_of(lex, lemma);
      // Only nouns and adjectives are split. A verb's parts keep no meaning of
      // their own ("foreslå" is not "slå", "fortsætte" not "sætte",
      // "begynde" not "beg" + "ynde"), and a headword without inflection is
      // an adverb, a particle or a fixed participle ("næsten", "nogenlunde",
      // "eksempelvis", "løbende").
      if (c.headword && !(c.classes & kNominal)) continue;
      if (verb_derivation(lex, lemma)) continue;
      wholes[whole_count++] = {lemma, c};
    }
  };

  // A particle or prefix of [not-first] + a known word ("for" + "mand",
  // "for" + "trolig", "sam" + "lejet", "om" + "slaget") is that prefix's
  // derivation: a compound reading must then split the rest where the rest
  // itself splits ("efterforsknings|leder" is efter + forsknings|leder), never
  // across it ("form" + "and", "fort" + "rolig", "samle" + "jet").
  size_t prefix_end = 0;
  bool prefix_known = false;
  auto derivation_prefix = [&] {
    if (prefix_known) return prefix_end;
    prefix_known = true;
    for (size_t cut = 2; cut + 3 <= word.size() && cut <= 7; ++cut) {
      if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) continue;
      if (!has(rules_.not_first, word.substr(0, cut))) continue;
      const Lexicon::Entry rest = lex.find(word.substr(cut));
      if (rest && !(rest.flags & fmt::kProperNoun)) prefix_end = cut;
    }
    return prefix_end;
  };

  // The reading with its head at byte `cut`, if the rules allow one;
  // `compose` lets the first part be two start forms ("besættelsestids"),
  // and `composable` tells that only that could make one.
  bool hopeless = false;
  auto read_at = [&](size_t cut, bool compose, bool& composable) -> std::optional<CompoundSplit> {
    const std::string_view head = word.substr(cut), prefix = word.substr(0, cut);
    const Lexicon::Entry h = lex.find(head);
    if (!h || (h.flags & (fmt::kProperNoun | fmt::kCompoundOnly))) return std::nullopt;
    if (has(rules_.stopwords, head) || has(rules_.not_head, head)) return std::nullopt;
    bool head_ok = true;
    for (size_t i = 0; i < h.lemma_count && head_ok; ++i) head_ok = !has(rules_.not_head, lex.lemma(h, i));
    if (!head_ok) return std::nullopt;
    // A linking -s- must not lend its s to a head the lists forbid: "landskab"
    // is land + -skab, not lands + "kab"; "sportslige" sport + -lig.
    if (prefix.back() == 's') {
      std::string with_s = "s";
      with_s += head;
      if (has(rules_.not_head, with_s)) return std::nullopt;
      const Lexicon::Entry s = lex.find(with_s);
      bool forbidden = false;
      for (size_t i = 0; s && i < s.lemma_count && !forbidden; ++i) forbidden = has(rules_.not_head, lex.lemma(s, i));
      if (forbidden) return std::nullopt;
    }
    const std::string first = first_part_lemma(prefix, compose);
    if (first.empty() && !compose) composable = prefix.back() == 's';
    if (chars(first) < kMinPartChars || has(rules_.not_first, prefix) || has(rules_.not_first, first))
      return std::nullopt;
    // A function word begins no compound, but a noun spelt like one does:
    // "have" is the verb and the garden ("havearbejde", "børnehave").
    if (has(rules_.stopwords, first) && !(class_of(lex, first).classes & fmt::kNoun)) return std::nullopt;

    // "husene" is "hus" inflected, not "hus" + "ene": a word whose own lemma
    // is its first part is no compound.
    // (With the shortest heads tried first, that is an inflection ending read
    // as a head: "politichef|ens"; the cut further left is the compound's.)
    bool inflection = false;
    for (size_t i = 0; whole && i < whole.lemma_count && !inflection; ++i) inflection = lex.lemma(whole, i) == first;
    if (inflection) return std::nullopt;
    if (const size_t p = derivation_prefix();
        p && (cut <= p || chars(prefix.substr(p)) < kMinPartChars || first_part_lemma(prefix.substr(p), true).empty()))
      return std::nullopt;
    if (whole) {
      known_wholes();
      if (whole_count == 0) {  // a verb, an adverb, a derivation: no reading at any cut
        hopeless = true;
        return std::nullopt;
      }
    }

    CompoundSplit s{first, {}, cut};
    for (size_t i = 0; i < h.lemma_count; ++i) {
      const std::string_view lemma = lex.lemma(h, i);
      if (chars(lemma) < kMinHeadChars && !has(rules_.short_head, lemma)) continue;
      // -hed on a suffix is still a suffix: "kærlighed" is kærlig + -hed, not
      // kær + "lighed"; "rastløshed" rastløs + -hed.
      if (lemma.ends_with("hed") && has(rules_.not_head, lemma.substr(0, lemma.size() - 3))) continue;
      const LemmaClass hc = class_of(lex, lemma);
      // A head is a noun or an adjective ("bilisterne", "påvirket" is not);
      // a verb or an uninflected word ends no compound that is searched for
      // by its head ("accepteres" is no "accept" + "ere").
      if (hc.headword && !(hc.classes & kNominal)) continue;
      if (!whole) {
        // Unknown to the lexicon: one head lemma, a noun's if the head has
        // one (compounds are mostly nouns: "målmandsskiftet" ends in skift,
        // not the participle "skiftet"), else the first; an extra lemma
        // would be another word ("tal"/"tale").
        if (has(rules_.adjective_suffix, lemma) && !(hc.classes & fmt::kNoun)) continue;
        if (s.head.empty()) {
          s.head.emplace_back(lemma);
        } else if ((hc.classes & fmt::kNoun) && !(class_of(lex, s.head.front()).classes & fmt::kNoun)) {
          s.head.front() = std::string(lemma);
        }
        continue;
      }
      // A known word splits only where its own lemma does ("spritkørslen":
      // spritkørsel = sprit + kørsel; "voldsomme" is not volds + omme), and
      // keeps only the head lemmas its lemma ends in: "flertal" has "tal",
      // not "tale"; "husmor" "mor", not "more".
      for (size_t w = 0; w < whole_count; ++w) {
        const std::string_view wl = wholes[w].lemma;
        if (!wl.starts_with(prefix) || wl.substr(prefix.size()) != lemma) continue;
        bool as_adjective = false;
        if (!same_class(wholes[w].cls, hc, as_adjective)) continue;
        // -bar, -rig in an adjective are suffixes ("frugtbar", "succesrig").
        if (as_adjective && has(rules_.adjective_suffix, lemma)) continue;
        if (std::find(s.head.begin(), s.head.end(), lemma) == s.head.end()) s.head.emplace_back(lemma);
      }
    }
    if (s.head.empty()) return std::nullopt;
    return s;
  };

  // Longest first part first (shortest head): a three-part compound splits
  // at its main joint, after the longest known first part — "fodbold|spiller",
  // not "fod|boldspiller"; "krigstids|forhold". Every head is checked, so the
  // first part cannot eat into a real head.
  std::array<size_t, 8> composable_cuts;
  size_t composable_count = 0;
  const size_t word_chars = chars(word);
  size_t head_chars = 0;
  for (size_t cut = word.size(); cut-- > 1;) {
    if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) continue;  // inside a character
    if (++head_chars < kMinPartChars) continue;
    if (word_chars - head_chars < kMinPartChars) break;
    bool composable = false;
    if (auto s = read_at(cut, false, composable)) return s;
    if (hopeless) return std::nullopt;
    if (composable && composable_count < composable_cuts.size()) composable_cuts[composable_count++] = cut;
  }
  // Only when no reading has a first part of the lexicon's: one of two start
  // forms ("besættelsestids|historien"), the longest first. Never before a
  // reading of known parts: "gernings|tidspunktet" is gerning + tidspunkt,
  // not "gerningstid" + punkt.
  for (size_t k = 0; k < composable_count; ++k) {
    bool composable = false;
    if (auto s = read_at(composable_cuts[k], true, composable)) return s;
  }
  return std::nullopt;
}

WordAnalysis Morphology::analyze(std::string_view word, bool may_split) const {
  WordAnalysis a;
  const Lexicon::Entry e = lexicon_->find(word);
  for (size_t i = 0; e && i < e.lemma_count; ++i) a.lemmas.emplace_back(lexicon_->lemma(e, i));
  // Unknown words are tried as compounds even on the query side, so that an
  // unknown compound gets the same lemma there as in the index:
  // "narkobilisterne" -> "narko" + lemma("bilisterne") = "narkobilist".
  if (a.lemmas.empty() || may_split) {
    if (auto s = (e && !may_split) ? std::nullopt : split(word)) {
      if (a.lemmas.empty()) {
        for (const auto& h : s->head) a.lemmas.push_back(std::string(word.substr(0, s->head_offset)) + h);
      }
      if (may_split) a.split = std::move(s);
    }
  }
  return a;
}

}  // namespace socialsoeg::analysis
