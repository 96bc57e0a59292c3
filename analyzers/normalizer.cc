#include "analyzers/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <string_view>
#include <vector>

#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

constexpr UChar32 kAring = 0x00E5;   // å
constexpr UChar32 kAelig = 0x00E6;   // æ
constexpr UChar32 kOslash = 0x00F8;  // ø
constexpr UChar32 kAuml = 0x00E4;    // ä
constexpr UChar32 kOuml = 0x00F6;    // ö

bool is_apostrophe(UChar32 c) { return c == 0x27 || c == 0x2019 || c == 0x02BC; }

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw EnvironmentError("ICU NFC normaliser unavailable");
    return n;
  }();
  return *instance;
}

// Decode, fold, and collect code points. Text below U+0300 holds no combining
// marks, so it is already NFC and simple per-character folding is exact for
// it (apart from "ß", which full folding would turn into "ss" — kept as is,
// being as rare in Danish reports as it is harmless).
void fold(std::string_view utf8, std::vector<UChar32>& out) {
  out.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  bool simple = true;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c >= 0x300) simple = false;
    out.push_back(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  if (simple) return;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(n)));
  icu::UnicodeString normal = nfc().normalize(text, status);
  if (U_FAILURE(status)) normal = text;
  normal.foldCase();
  out.clear();
  for (int32_t i = 0; i < normal.length();) {
    const UChar32 c = normal.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
}

// True when the letters from `from` on are a Danish inflection ending that
// begins with "e" (so the preceding vowel and this "e" are not a digraph).
bool inflection_ending_at(const std::vector<UChar32>& cps, size_t from) {
  static constexpr std::array<std::u32string_view, 9> kEndings = {
      U"en", U"et", U"er", U"ene", U"erne", U"ens", U"ets", U"ers", U"ernes"};
  const size_t rest = cps.size() - from;
  for (auto e : kEndings) {
    if (e.size() != rest) continue;
    bool same = true;
    for (size_t i = 0; i < rest && same; ++i) same = static_cast<char32_t>(cps[from + i]) == e[i];
    if (same) return true;
  }
  return false;
}

}  // namespace

void normalize_word(std::string& word) {
  thread_local std::vector<UChar32> cps;
  fold(word, cps);
  word.clear();
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 c = cps[i];
    if (is_apostrophe(c)) continue;
    const UChar32 next = i + 1 < cps.size() ? cps[i + 1] : 0;
    if (c == 'a' && next == 'a') {
      c = kAring;
      ++i;
    } else if ((c == 'a' || c == 'o') && next == 'e' && !inflection_ending_at(cps, i + 1)) {
      c = c == 'a' ? kAelig : kOslash;
      ++i;
    } else if (c == kAuml) {
      c = kAelig;
    } else if (c == kOuml) {
      c = kOslash;
    }
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, c);  // 4 bytes always suffice
    word.append(buf, static_cast<size_t>(len));
  }
}

}  // namespace socialsoeg::analysis
