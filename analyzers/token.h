// What the analyzer produces: terms with positions and byte offsets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::analysis {

// Which side of the index a text is analysed for. The two sides share every
// rule of segmentation and normalisation; they differ only where the index
// must hold more than a query asks for (compound parts, stopwords).
enum class Side { kIndex, kQuery };

enum class TokenKind : uint8_t {
  kWord,      // letters: normalised, then lemmatised or stemmed
  kNumber,    // digits that are none of the protected kinds below
  kCpr,       // CPR number, canonical DDMMYYSSSS
  kSection,   // law section: "§ 53", "§53", "paragraf 53" -> "§53"
  kDate,      // calendar date in any written form -> YYYY-MM-DD
  kTime,      // clock time "kl. 09.40", "21:35" -> HH:MM
  kDecimal,   // decimal number with a comma: "1,20" -> "1,2"
  kPlate,     // Danish licence plate "AB 12 345" -> "ab12345"
  kPhone,     // Danish phone number "+45 22 33 44 55" -> "22334455"
};

std::string_view to_string(TokenKind kind);

struct Token {
  std::string term;    // the indexed form
  std::string form;    // words: the normalised word as written, before lemmas (for tense-sensitive patterns)
  uint32_t position;   // 1-based; tokens at the same place share a position
  uint32_t start;      // byte offset of the first byte in the analysed text
  uint32_t end;        // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
  // A word written with a hanging hyphen, as in "spiritus-/narkokørsel" or
  // "hash- eller kokainpåvirket": the word is the first half of a compound
  // whose head follows later.
  bool suspended_hyphen = false;
  // Written with a capital initial and not at the start of a sentence: a name
  // ("Voldgade", "Rusland"), never split into parts.
  bool name = false;
  // What separates this token from the one before: nothing, a comma, or the
  // end of a clause (. ! ? ; : or a comma before a new clause). Negation
  // scope stops at clause ends.
  enum class Break : uint8_t { kNone, kComma, kClause } break_before = Break::kNone;
  // The last word before a question mark: a mention in a question is asked
  // about, not reported ("Hvad gør politiet ved spritkørsel?").
  bool before_question = false;
  // One of the most frequent function words (dictionaries/stopwords.da.txt):
  // kept in the index for phrases, left out of plain queries.
  bool stopword = false;
  // The term is a lemma from the lexicon (or a compound of lexicon words),
  // so the stemmer leaves it alone.
  bool lemmatized = false;
  // An extra term at the position of the token before it: another lemma of
  // an ambiguous form, a compound part, or a suspended-hyphen compound.
  enum class Extra : uint8_t { kNone, kLemma, kPart, kJoined } extra = Extra::kNone;
};

using TokenList = std::vector<Token>;

}  // namespace socialsoeg::analysis
