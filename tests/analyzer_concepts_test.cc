// Golden table: text -> concept mentions with polarity, for every rule of the
// concept and negation dictionaries, look-alike traps included.
#include <catch2/catch.hpp>

#include "analyzer_test_support.h"

using socialsoeg::analysis::Side;

namespace {

// "concept+ concept- ..." in text order; "" when none.
std::string mentions(const char* text) {
  const auto& a = socialsoeg::test::analyzer();
  std::string out;
  for (const auto& m : a.mentions(a.analyze(text, Side::kIndex))) {
    if (!out.empty()) out += ' ';
    out += m.concept_id + (m.affirmed ? "+" : "-");
  }
  return out;
}

struct Row {
  const char* text;
  const char* mentions;
};

const Row kRows[] = {
    // Words in any inflection or compound.
    {"Spritbilisterne blev standset.", "spirituskoersel+"},
    {"Der var husspektakler på adressen.", "husspektakel+"},
    {"Voldsepisoden fandt sted i går.", "vold+"},
    {"Partnervolden har stået på længe.", "vold+ partnervold+"},
    {"Han blev sigtet for spiritus-/narkokørsel.", "spirituskoersel+ narkokoersel+"},
    // Patterns.
    {"Han truede med at tage sit eget liv.", "selvmordstrussel+"},
    {"Alkometertesten viste en promille på 1,2.", "spirituskoersel+"},
    {"Han blev sigtet efter § 53.", "spirituskoersel+"},
    {"Han slog sin samlever i ansigtet.", "vold+ partnervold+"},
    {"Han blev indsat i detentionen.", "beruselse+"},
    // A single word inside another concept's mention belongs to it.
    {"Han kørte påvirket af hash.", "narkokoersel+"},
    {"Hun fremsatte trusler om selvmord.", "selvmordstrussel+"},
    // Negation, scoped to the clause.
    {"Der var ingen tegn på vold.", "vold-"},
    {"Alkometertesten viste 0,0 promille.", "spirituskoersel-"},
    {"Narkotesten var negativ, og han kørte videre.", "narkokoersel-"},
    {"Han blev ikke sigtet for spirituskørsel.", "spirituskoersel-"},
    {"Der var ikke tale om husspektakel.", "husspektakel-"},
    {"Der var ikke tale om vold, men om et uheld.", "vold-"},
    {"Han var ikke beruset, men han havde slået hende.", "beruselse- vold+"},
    {"Sigtelsen for trusler blev frafaldet.", "trusler-"},
    // Pseudo-negations are not negation.
    {"Der var ikke kun tale om vold.", "vold+"},
    {"Hun var ikke i stand til at passe børnene.", "omsorgssvigt+"},
    // Look-alikes are no mentions.
    {"Det regnede voldsomt hele natten.", ""},
    {"Cyklen stod i Voldgade.", ""},
    {"Han fik kørselsgodtgørelse for turen.", ""},
    {"Himlen truede med regn.", ""},
    {"Han postede et hashtag om sagen.", ""},
    {"Han havde været i Rusland.", ""},
    {"Tilholdsstedet for de unge var lukket.", ""},
    {"Tanken var fuld.", ""},
    {"Området huser truede fuglearter.", ""},
    // Children present: context, never a risk on its own.
    {"Parrets to børn var til stede.", "boern-til-stede+"},
    {"Der var ingen børn på adressen.", "boern-til-stede-"},
};

}  // namespace

TEST_CASE("concept mentions golden table", "[analyzer][concepts][golden]") {
  for (const Row& row : kRows) {
    INFO("text: " << row.text);
    CHECK(mentions(row.text) == row.mentions);
  }
}

TEST_CASE("concepts: ids, aliases and the risk flag come from the dictionary", "[analyzer][concepts]") {
  const auto& d = socialsoeg::test::analyzer().concepts();
  CHECK(d.concepts().size() == 12);
  REQUIRE(d.lookup("drink-driving"));
  CHECK(d.lookup("drink-driving")->id == "spirituskoersel");
  CHECK(d.lookup("partnervold")->parent == "vold");
  CHECK_FALSE(d.lookup("boern-til-stede")->risk);
  CHECK(d.lookup("vold")->risk);
  CHECK(d.lookup("no-such-concept") == nullptr);
}

TEST_CASE("concepts: a mention's span points at the words that carry it", "[analyzer][concepts]") {
  const std::string text = "Kl. 02.05 blev han sigtet for spritkørsel.";
  const auto& a = socialsoeg::test::analyzer();
  const auto m = a.mentions(a.analyze(text, Side::kIndex));
  REQUIRE(m.size() == 1);
  CHECK(text.substr(m[0].start, m[0].end - m[0].start) == "spritkørsel");
}
