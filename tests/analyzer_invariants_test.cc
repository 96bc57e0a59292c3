// Random-string invariants: whatever bytes arrive, the analyzer never crashes,
// positions never decrease, offsets stay inside the text, and every term is
// non-empty, valid UTF-8 and short enough for Xapian.
//
// The seed is printed; set SOCIALSOEG_TEST_SEED to replay a failure.
#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "analyzer_test_support.h"

using socialsoeg::analysis::Side;
using socialsoeg::analysis::TokenList;

namespace {

uint64_t test_seed() {
  static const uint64_t seed = [] {
    uint64_t s;
    if (const char* env = std::getenv("SOCIALSOEG_TEST_SEED")) {
      s = std::strtoull(env, nullptr, 10);
    } else {
      s = std::random_device{}();
    }
    std::cout << "analyzer invariants: SOCIALSOEG_TEST_SEED=" << s << "\n";
    return s;
  }();
  return seed;
}

// Pieces that exercise every rule: protected-token shapes, Danish letters,
// combining marks, astral characters, invalid bytes, NUL, and runs long
// enough to exceed the term limit.
std::string random_text(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces = {
      "a", "aa", "ae", "oe", "Å", "æ", "ø", "ä", "ö", "ß", "İ", "\xCC\x8A", "\xF0\x9F\x9A\x93", "e\xCC\x81",
      " ", "  ", "\n", "\r\n", "\t", "\xC2\xA0", "-", "/", ".", ",", ":", "§", "§§", "+", "'", "’", "\"",
      "0", "1", "12", "010190", "1234", "2024", "45", "0045", "AB", "kl.", "paragraf", "april", "apr.",
      "vold", "spiritus-", "Hjoerring", "\xFF", "\xC3", "\xE2\x82", "\xED\xA0\x80", std::string(1, '\0'),
      "\xF4\x90\x80\x80", "x@y.dk", "(", ")", "*", "?"};
  std::uniform_int_distribution<size_t> count(0, 60), pick(0, pieces.size() - 1), coin(0, 40);
  std::string text;
  const size_t n = count(rng);
  for (size_t i = 0; i < n; ++i) {
    if (coin(rng) == 0) {
      text.append(200 + coin(rng) * 5, 'x');  // one very long "word"
    } else {
      text += pieces[pick(rng)];
    }
  }
  return text;
}

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// The first broken invariant, or "" when all hold. (One REQUIRE per text
// rather than a CHECK per term keeps 40,000 analyses fast under Catch2.)
std::string broken_invariant(const std::string& text, const TokenList& tokens) {
  uint32_t last_position = 0, last_start = 0;
  for (const auto& t : tokens) {
    const std::string where = "term '" + t.term + "' at " + std::to_string(t.start) + ": ";
    if (t.term.empty()) return where + "empty term";
    if (t.term.size() > socialsoeg::analysis::LengthFilter::kMaxTermBytes || t.term.size() > 245)
      return where + "term too long";
    if (!valid_utf8(t.term)) return where + "invalid UTF-8 in term";
    if (t.position < 1 || t.position < last_position) return where + "position went backwards";
    if (t.start >= t.end || t.end > text.size()) return where + "offsets outside the text";
    if (t.start < last_start) return where + "offsets went backwards";
    last_position = t.position;
    last_start = t.start;
  }
  return "";
}

}  // namespace

TEST_CASE("analyzer invariants hold on random strings", "[analyzer][random]") {
  std::mt19937_64 rng(test_seed());
  const auto& analyzer = socialsoeg::test::analyzer();
  for (int i = 0; i < 20000; ++i) {
    const std::string text = random_text(rng);
    INFO("iteration " << i << ", seed " << test_seed());
    for (Side side : {Side::kIndex, Side::kQuery}) {
      const TokenList tokens = analyzer.analyze(text, side);
      REQUIRE(broken_invariant(text, tokens) == "");
    }
  }
}

TEST_CASE("analyzer: a term over the length limit is dropped, its position kept", "[analyzer][random]") {
  const std::string text = "1234 " + std::string(300, 'x') + " 5678";
  const auto tokens = socialsoeg::test::analyzer().analyze(text, Side::kIndex);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].position == 1);
  CHECK(tokens[1].position == 3);
}
