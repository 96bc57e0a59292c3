// Golden tables: text -> terms with positions (and offsets), for every rule of
// the analyzer, on the index side and the query side.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "analyzer_test_support.h"

using socialsoeg::analysis::Side;
using socialsoeg::analysis::Token;
using socialsoeg::analysis::TokenKind;
using socialsoeg::analysis::TokenList;
using socialsoeg::test::analyzer;
using socialsoeg::test::index_terms;
using socialsoeg::test::query_terms;

namespace {

struct Row {
  const char* text;
  const char* terms;
};

// Every row holds on both sides: nothing in these rules differs between
// indexing a report and analysing a query.
const Row kBothSides[] = {
    // ICU segmentation: punctuation and spaces separate, hyphens split words.
    {"Patruljen ankom.", "patrulje[1] ankomme[2]"},
    {"e-mail, 44-årig", "e[1] mail[2] maile[2] 44[3] årig[4]"},
    {"  \n\t ", ""},
    // Case folding and NFC: precomposed and decomposed å are one letter.
    {"ÅLBORG Ålborg", "ålborg[1] ålborg[2]"},
    {"A\xCC\x8A" "lborg", "ålborg[1]"},
    // Danish spelling unification, never å->a or ø->o.
    {"Aalborg Aabybro Haarby Hårby", "ålborg[1] åbybro[2] hårby[3] hårby[4]"},
    {"Hjoerring Hjørring Aeroe Ærø", "hjørring[1] hjørring[2] ærø[3] ærø[4]"},
    {"Mälmo Göteborg", "mælmo[1] gøteborg[2]"},
    {"Ålborg Alborg Hjørring Hjorring", "ålborg[1] alborg[2] hjørring[3] hjorring[4]"},
    // ... but a vowel before an inflection ending keeps its letters.
    {"villaen kameraet", "villa[1] kamera[2]"},
    {"Aalborg's bil", "ålborg[1] bil[2]"},
    // Lemmas from the hunspell-da lexicon; stopwords stay as written.
    {"sigtet for vold", "sigte[1] for[2] vold[3] volde[3]"},  // every lemma of an ambiguous form,
    {"slog slået truede trusler truslen", "slå[1] slå[2] true[3] truet[3] trussel[4] trussel[5]"},
    {"børn børnenes barnet", "barn[1] barn[2] barn[3]"},
    {"mænd brødre døtre forældre", "mand[1] bror[2] datter[3] forælder[4]"},
    {"detentionen fulde", "detention[1] fulde[2] fuld[2]"},
    // Look-alikes keep their own lemma and are never split.
    {"voldsomt voldsomme", "voldsom[1] voldsom[2]"},
    {"tilholdssted hashtag morgen bilag", "tilholdssted[1] hashtag[2] hashtagge[2] morgen[3] bilag[4]"},
    // Snowball Danish for words the lexicon does not know (here a name).
    {"i Voldgade", "i[1] voldgad[2]"},
    // CPR numbers: one canonical form, with or without hyphen.
    {"CPR 010190-1234 og 0101901234", "cpr[1] 0101901234[2] og[3] 0101901234[4]"},
    {"241288-1457", "2412881457[1]"},
    {"320190-1234", "320190[1] 1234[2]"},  // no 32 January: not a CPR number
    // Law sections.
    {"§ 53, §53 og paragraf 53", "§53[1] §53[2] og[3] §53[4]"},
    {"Paragraf 244 og §\xC2\xA0" "266", "§244[1] og[2] §266[3]"},  // no-break space
    {"§§ 244-246 og § 81a", "§244[1] 246[2] og[3] §81a[4]"},
    // Dates in the forms Danish reports use.
    {"18.04.2024 2024-04-18 18-04-2024", "2024-04-18[1] 2024-04-18[2] 2024-04-18[3]"},
    {"18/4-2024 18/04/2024 1.4.24", "2024-04-18[1] 2024-04-18[2] 2024-04-01[3]"},
    {"den 18. april 2024 og 3. jan. 2023", "den[1] 2024-04-18[2] og[3] 2023-01-03[4]"},
    {"29.02.2024 og 29.02.2023", "2024-02-29[1] og[2] 29.02.2023[3]"},  // no 29 Feb in 2023
    // Clock times.
    {"Kl. 09.40, kl. 9.05 og 21:35", "kl[1] klokke[1] 09:40[2] kl[3] klokke[3] 09:05[4] og[5] 21:35[6]"},
    // Decimal commas, trailing zeros dropped; dots as thousands separators.
    {"promille på 1,2 og 1,20 og 0,00", "promille[1] på[2] 1,2[3] og[4] 1,2[5] og[6] 0,0[7]"},
    {"1.200 kr. og 12.500,50 kr.", "1200[1] kr[2] krone[2] og[3] 12500,5[4] kr[5] krone[5]"},
    // Licence plates: upper-case letters when written apart.
    {"AB 12 345, AB12345, AB 12345", "ab12345[1] ab12345[2] ab12345[3]"},
    {"er 12 345", "er[1] være[1] 12[2] 345[3]"},
    // Phone numbers.
    {"22 33 44 55 og +45 22 33 44 55", "22334455[1] og[2] 22334455[3]"},
    {"0045 22334455, 2233 4455", "22334455[1] 22334455[2]"},
    {"2023 2024 og 1234 5678", "2023[1] 2024[2] og[3] 1234[4] 5678[5]"},
};

// Rules where the sides differ: the index holds compound parts at the
// compound's position (so a part finds the compound); a query never splits
// (so "spritkørsel" never finds "kørselsgodtgørelse").
struct SidedRow {
  const char* text;
  const char* index;
  const char* query;
};

const SidedRow kSided[] = {
    {"husspektaklerne", "husspektakel[1] hus[1] spektakel[1]", "husspektakel[1]"},
    {"spritkørslen", "spritkørsel[1] sprit[1] kørsel[1]", "spritkørsel[1]"},
    {"voldsepisoden", "voldsepisode[1] vold[1] episode[1]", "voldsepisode[1]"},
    {"selvmordstrusler", "selvmordstrussel[1] selvmord[1] trussel[1]", "selvmordstrussel[1]"},
    {"dødstrussel", "dødstrussel[1] død[1] trussel[1]", "dødstrussel[1]"},
    // Unknown to the lexicon: the compound's lemma is its first part + the head's lemma.
    {"narkobilisterne", "narkobilist[1] narko[1] bilist[1]", "narkobilist[1]"},
    {"kørselsgodtgørelse", "kørselsgodtgørelse[1] kørsel[1] godtgørelse[1]", "kørselsgodtgørelse[1]"},
    // A hanging hyphen borrows the head of the compound that follows.
    {"spiritus-/narkokørsel", "spiritus[1] spirituskørsel[1] kørsel[1] narkokørsel[2] narko[2] kørsel[2]",
     "spiritus[1] spirituskørsel[1] narkokørsel[2]"},
    {"spiritus- og narkokørsel",
     "spiritus[1] spirituskørsel[1] kørsel[1] og[2] narkokørsel[3] narko[3] kørsel[3]",
     "spiritus[1] spirituskørsel[1] og[2] narkokørsel[3]"},
    // A capitalised word inside a sentence is a name: never split.
    {"Han kom fra Voldgade", "han[1] komme[2] fra[3] voldgad[4]", "han[1] komme[2] fra[3] voldgad[4]"},
};

}  // namespace

TEST_CASE("analyzer golden table, index and query side where they differ", "[analyzer][golden]") {
  for (const SidedRow& row : kSided) {
    INFO("text: " << row.text);
    CHECK(index_terms(row.text) == row.index);
    CHECK(query_terms(row.text) == row.query);
  }
}

TEST_CASE("analyzer: stopwords are marked on both sides and kept in place", "[analyzer][golden]") {
  const auto tokens = analyzer().analyze("ikke påvirket af alkohol", Side::kQuery);
  REQUIRE(tokens.size() >= 4);
  CHECK(tokens[0].stopword);   // ikke
  CHECK_FALSE(tokens[1].stopword);
  CHECK(tokens.back().position == 4);
}

TEST_CASE("analyzer: synonyms and word families expand a query term", "[analyzer][synonyms]") {
  auto expanded = [](const char* term) {
    std::string out;
    for (const auto& e : analyzer().expansions(term)) {
      for (const auto& t : e.terms) out += t + (&t == &e.terms.back() ? "" : "+");
      out += e.family ? "~ " : "= ";
    }
    return out;
  };
  CHECK(expanded("spritkørsel").find("promillekørsel=") != std::string::npos);
  CHECK(expanded("spritbilist").find("spritkørsel=") != std::string::npos);
  CHECK(expanded("trussel").find("true~") != std::string::npos);
  CHECK(expanded("selvmordstrussel").find("true+selvmord=") != std::string::npos);
  CHECK(expanded("vold").empty());  // no group: vold is found through compounds, not synonyms
}

TEST_CASE("analyzer golden table, index side", "[analyzer][golden]") {
  for (const Row& row : kBothSides) {
    INFO("text: " << row.text);
    CHECK(index_terms(row.text) == row.terms);
  }
}

TEST_CASE("analyzer golden table, query side", "[analyzer][golden]") {
  for (const Row& row : kBothSides) {
    INFO("text: " << row.text);
    CHECK(query_terms(row.text) == row.terms);
  }
}

TEST_CASE("analyzer: index and query side meet for every spelling of one thing", "[analyzer][symmetry]") {
  const std::pair<const char*, const char*> pairs[] = {
      {"Aalborg", "Ålborg"},       {"Hjoerring", "Hjørring"},    {"Aabybro", "Åbybro"},
      {"Haarby", "Hårby"},         {"§ 266", "§266"},            {"§ 119", "paragraf 119"},
      {"241288-1457", "2412881457"}, {"18.04.2024", "2024-04-18"}, {"1,20", "1,2"},
      {"AB 12 345", "AB12345"},    {"+45 22 33 44 55", "22334455"},
  };
  for (const auto& [a, b] : pairs) {
    INFO(a << " <-> " << b);
    CHECK(query_terms(a) == index_terms(b));
    CHECK(query_terms(b) == index_terms(a));
  }
  const std::pair<const char*, const char*> apart[] = {
      {"§ 244", "§ 245"}, {"2412881457", "2412881458"}, {"18.04.2024", "18.04.2023"}, {"Ålborg", "Alborg"},
  };
  for (const auto& [a, b] : apart) {
    INFO(a << " </> " << b);
    CHECK(query_terms(a) != index_terms(b));
  }
}

TEST_CASE("analyzer: a function word or an abbreviation finds its other forms", "[analyzer][lemmas]") {
  auto terms = [](const char* word, Side side) {
    std::set<std::string> out;
    for (const Token& t : analyzer().analyze(word, side)) out.insert(t.term);
    return out;
  };
  auto meet = [&](const char* query, const char* indexed) {
    const auto q = terms(query, Side::kQuery), i = terms(indexed, Side::kIndex);
    return std::any_of(q.begin(), q.end(), [&](const std::string& t) { return i.count(t) > 0; });
  };
  const std::pair<const char*, const char*> together[] = {
      {"var", "er"},       {"været", "være"},  {"blev", "bliver"},   {"havde", "har"},  {"skal", "skulle"},
      {"kl.", "klokken"},  {"ca.", "cirka"},   {"kr.", "kroner"},    {"pct.", "procent"}, {"flere", "mange"},
  };
  for (const auto& [a, b] : together) {
    INFO(a << " <-> " << b);
    CHECK(meet(a, b));
    CHECK(meet(b, a));
  }
  // A function word keeps its own term: "var" is still found as written.
  CHECK(terms("var", Side::kIndex).count("var") == 1);
  CHECK_FALSE(meet("for", "fare"));
}

TEST_CASE("analyzer: offsets point at the original bytes", "[analyzer][offsets]") {
  const std::string text = "Kl. 09.40 blev en 44-årig fra Hjørring sigtet, jf. § 53.";
  // The words as written; lemmas beside them ("klokke" for "Kl.") share their offsets.
  TokenList tokens;
  for (Token& t : analyzer().analyze(text, Side::kIndex)) {
    if (t.extra == Token::Extra::kNone) {
      tokens.push_back(t);
      continue;
    }
    CHECK(t.start == tokens.back().start);
    CHECK(t.end == tokens.back().end);
  }
  auto surface = [&](size_t i) { return text.substr(tokens[i].start, tokens[i].end - tokens[i].start); };
  REQUIRE(tokens.size() == 11);
  CHECK(surface(0) == "Kl");
  CHECK(surface(1) == "09.40");
  CHECK(tokens[1].kind == TokenKind::kTime);
  CHECK(surface(5) == "årig");
  CHECK(tokens[5].start == 21);
  CHECK(surface(7) == "Hjørring");
  CHECK(surface(10) == "§ 53");
  CHECK(tokens[10].kind == TokenKind::kSection);
  CHECK(tokens[10].term == "§53");
}

TEST_CASE("analyzer: a hanging hyphen marks the first half of a compound", "[analyzer][hyphen]") {
  const auto tokens = analyzer().analyze("spiritus-/narkokørsel, hash- eller kokain-påvirket", Side::kQuery);
  auto primary = [&](size_t position) {
    for (const auto& t : tokens)
      if (t.position == position && t.extra == socialsoeg::analysis::Token::Extra::kNone) return t;
    FAIL("no token at " << position);
    return tokens.front();
  };
  CHECK(primary(1).term == "spiritus");
  CHECK(primary(1).suspended_hyphen);
  CHECK_FALSE(primary(2).suspended_hyphen);
  CHECK(primary(3).term == "hash");
  CHECK(primary(3).suspended_hyphen);
  CHECK_FALSE(primary(5).suspended_hyphen);  // "kokain-påvirket": an ordinary hyphenated word
}

TEST_CASE("analyzer: invalid UTF-8 is replaced, never passed on", "[analyzer][utf8]") {
  const std::string text = "vold\xFF" "og\xC3 tr\xE2\x82 kl. 09.40";
  const auto tokens = analyzer().analyze(text, Side::kIndex);
  for (const auto& t : tokens) {
    INFO(t.term);
    CHECK(t.term.find('\xFF') == std::string::npos);
    CHECK(t.end <= text.size());
  }
  CHECK(tokens.back().term == "09:40");
}

TEST_CASE("analyzer: every query-side term of a golden text meets its index side", "[analyzer][symmetry]") {
  auto check = [](const char* text) {
    const auto index = analyzer().analyze(text, Side::kIndex);
    for (const auto& q : analyzer().analyze(text, Side::kQuery)) {
      bool met = false;
      for (const auto& i : index) met = met || (i.position == q.position && i.term == q.term);
      INFO(text << ": query term " << q.term << " at " << q.position);
      CHECK(met);
    }
  };
  for (const Row& row : kBothSides) check(row.text);
  for (const SidedRow& row : kSided) check(row.text);
}
