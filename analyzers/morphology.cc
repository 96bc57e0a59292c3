#include "analyzers/morphology.h"

#include "analyzers/lexicon_format.h"

namespace socialsoeg::analysis {
namespace {

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Shortest parts that still carry meaning: "hus", "bil", "sag" are words,
// two letters are mostly particles or inflection endings.
constexpr size_t kMinPartChars = 3;

bool lemma_splits_here(const Lexicon& lex, const Lexicon::Entry& whole, std::string_view prefix,
                       const std::vector<std::string>& head_lemmas) {
  for (size_t i = 0; i < whole.lemma_count; ++i) {
    const std::string_view lemma = lex.lemma(whole, i);
    if (!lemma.starts_with(prefix)) continue;
    for (const auto& h : head_lemmas)
      if (lemma.substr(prefix.size()) == h) return true;
  }
  return false;
}

}  // namespace

Morphology::Morphology(std::shared_ptr<const Lexicon> lexicon, CompoundRules rules, WordSet stopwords)
    : lexicon_(std::move(lexicon)), rules_(std::move(rules)), stopwords_(std::move(stopwords)) {}

std::optional<CompoundSplit> Morphology::split(std::string_view word) const {
  const Lexicon& lex = *lexicon_;
  const Lexicon::Entry whole = lex.find(word);
  if (whole) {
    if (whole.flags & lexicon_format::kProperNoun) return std::nullopt;
    for (size_t i = 0; i < whole.lemma_count; ++i)
      if (rules_.no_split.count(std::string(lex.lemma(whole, i)))) return std::nullopt;
  }
  if (rules_.no_split.count(std::string(word))) return std::nullopt;
  // Longest head first: Danish compounds are right-headed, and the longest
  // known head leaves the shortest, least ambiguous first part.
  for (size_t cut = 1; cut < word.size(); ++cut) {
    if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) continue;  // inside a character
    const std::string_view head = word.substr(cut), prefix = word.substr(0, cut);
    if (chars(head) < kMinPartChars) break;
    if (chars(prefix) < kMinPartChars) continue;
    const Lexicon::Entry h = lex.find(head);
    if (!h || (h.flags & (lexicon_format::kProperNoun | lexicon_format::kCompoundOnly))) continue;
    if (stopwords_.count(std::string(head))) continue;
    bool head_ok = true;
    for (size_t i = 0; i < h.lemma_count && head_ok; ++i)
      head_ok = !rules_.not_head.count(std::string(lex.lemma(h, i)));
    if (!head_ok || rules_.not_head.count(std::string(head))) continue;
    // The first part without a linking -s- / -e- when that is a word in its
    // own right ("døds" -> "død", "volds" -> "vold"), else as written.
    const bool linked = prefix.back() == 's' || prefix.back() == 'e';
    const std::string_view bare = prefix.substr(0, prefix.size() - 1);
    bool bare_is_lemma = false;
    if (linked && chars(bare) >= kMinPartChars) {
      const Lexicon::Entry b = lex.find(bare);
      bare_is_lemma = b && lex.lemma(b, 0) == bare;
    }
    const std::string_view candidates[2] = {bare_is_lemma ? bare : prefix, bare_is_lemma ? prefix : bare};
    for (size_t k = 0; k < 2; ++k) {
      if (k == 1 && !linked) break;
      const std::string_view first = candidates[k];
      if (chars(first) < kMinPartChars || rules_.not_first.count(std::string(first))) continue;
      const Lexicon::Entry f = lex.find(first);
      if (!f || (f.flags & lexicon_format::kProperNoun)) continue;
      const std::string first_lemma(lex.lemma(f, 0));
      if (rules_.not_first.count(first_lemma) || stopwords_.count(first_lemma)) continue;
      // "husene" is "hus" inflected, not "hus" + "ene": a word whose own lemma
      // is its first part is no compound.
      bool inflection_of_first = false;
      for (size_t i = 0; whole && i < whole.lemma_count; ++i) inflection_of_first |= lex.lemma(whole, i) == first_lemma;
      if (inflection_of_first) return std::nullopt;
      CompoundSplit s{first_lemma, {}, cut};
      for (size_t i = 0; i < h.lemma_count; ++i) s.head.emplace_back(lex.lemma(h, i));
      // A word the lexicon knows splits only where its own lemma does:
      // "spritkørslen" (spritkørsel = sprit + kørsel) but not "voldsomme"
      // (voldsom is not "volds" + "omme").
      if (whole && !lemma_splits_here(lex, whole, prefix, s.head)) break;
      return s;
    }
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
