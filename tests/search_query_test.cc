// The query language (query/): syntax trees, the Xapian queries built from
// them through the real analyzer (golden get_description() strings, in the
// manner of Xapian's own queryparser tests), date filters, error positions
// and suggestions, limits, and snippets.
#include <catch2/catch.hpp>
#include <xapian.h>

#include "analyzer_test_support.h"
#include "index/places.h"
#include "index/token_offsets.h"
#include "indexer/report_document.h"
#include "query/date_filter.h"
#include "query/query_builder.h"
#include "query/query_error.h"
#include "query/query_syntax.h"
#include "query/snippet.h"
#include "query/suggest.h"
#include "temp_dir.h"

using namespace socialsoeg::query;

namespace {

const socialsoeg::index::Places& places() {
  static const auto p =
      socialsoeg::index::Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  return p;
}

// A small database whose terms the wildcard expansion can see.
const Xapian::Database& wildcard_db() {
  static socialsoeg::test::TempDir dir;
  static const Xapian::Database db = [] {
    Xapian::WritableDatabase w(dir / "db", Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document d;
    for (const char* t : {"politi", "politiet", "politistation", "polsk", "hjørring"}) d.add_term(t);
    for (int i = 0; i < 600; ++i) d.add_term("ab" + std::to_string(1000 + i));
    w.add_document(d);
    w.commit();
    return Xapian::Database(dir / "db");
  }();
  return db;
}

std::string built(const std::string& q, BuildOptions options = {}) {
  return QueryBuilder(socialsoeg::test::analyzer(), places(), options).build(q, wildcard_db()).query.get_description();
}

// The error a query gets: "position: problem (suggestion)".
std::string error_of(const std::string& q) {
  try {
    QueryBuilder(socialsoeg::test::analyzer(), places()).build(q, wildcard_db());
  } catch (const QueryError& e) {
    return std::to_string(e.position()) + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("query syntax: every construct parses into the tree it means", "[search][syntax]") {
  const std::pair<const char*, const char*> cases[] = {
      {"vold", "text\"vold\""},
      {"vold mod samlever", "text\"vold mod samlever\""},
      {"§ 119", "text\"§ 119\""},
      {"\"kom hjem\"", "phrase\"kom hjem\""},
      {"„kom hjem“", "phrase\"kom hjem\""},
      {"vold AND trusler", "AND(text\"vold\",text\"trusler\")"},
      {"vold OG trusler", "AND(text\"vold\",text\"trusler\")"},
      {"vold OR trusler", "OR(text\"vold\",text\"trusler\")"},
      {"vold ELLER trusler", "OR(text\"vold\",text\"trusler\")"},
      {"vold NOT trusler", "AND(text\"vold\",NOT(text\"trusler\"))"},
      {"vold IKKE trusler", "AND(text\"vold\",NOT(text\"trusler\"))"},
      {"vold og trusler", "text\"vold og trusler\""},  // lower case: words
      {"a OR b c", "OR(text\"a\",text\"b c\")"},        // AND binds tighter than OR
      {"(a OR b) c", "AND(OR(text\"a\",text\"b\"),text\"c\")"},
      {"NOT NOT a", "NOT(NOT(text\"a\"))"},
      {"politi*", "prefix\"politi\""},
      {"concept:vold", "concept=vold"},
      {"begreb:vold", "concept=vold"},
      {"CPR:010190-1234", "cpr=010190-1234"},
      {"cpr: 010190-1234", "cpr=010190-1234"},
      {"case:\"0100 - 7\"", "case=0100 - 7"},
      {"spritkørsel role:sigtet cpr:0101901234", "AND(text\"spritkørsel\",role=sigtet,cpr=0101901234)"},
      {"concept:vold district:fyn date:2023", "AND(concept=vold,district=fyn,date=2023)"},
      {"dato:2024-03 kommune:461 kilde:journal sag:1 adresse:A-1 id:X rolle:vidne kreds:fyn",
       "AND(date=2024-03,municipality=461,source=journal,case=1,address=A-1,id=X,role=vidne,district=fyn)"},
      {"Bemærk: vold", "text\"Bemærk: vold\""},  // a colon with nothing after it is text
      {"kl. 10:30", "text\"kl. 10:30\""},
  };
  for (const auto& [q, want] : cases) {
    INFO(q);
    CHECK(describe(parse_query(q)) == want);
  }
}

TEST_CASE("query syntax: malformed queries name the position and the problem", "[search][syntax][errors]") {
  const std::tuple<const char*, size_t, const char*> cases[] = {
      {"\"kom hjem", 0, "quotation mark is never closed"},
      {"vold \"kom", 5, "quotation mark is never closed"},
      {"(vold OR trusler", 0, "'(' is never closed"},
      {"vold) trusler", 4, "')' has no matching '('"},
      {"vold ()", 5, "empty parentheses"},
      {"\"\"", 0, "empty phrase"},
      {"OR vold", 0, "on its left"},
      {"vold AND", 5, "on its right"},
      {"vold OR OR trusler", 5, "on its right"},
      {"vold NOT", 5, "on its right"},
      {"distrikt:fyn", 0, "unknown field 'distrikt:'"},
      {"cpr:", 0, "has no value"},
      {"*vold", 0, "needs the beginning of a word"},
      {"vo*ld", 2, "only at the end of a word"},
      {"", 0, "empty"},
      {"   ", 0, "empty"},
  };
  for (const auto& [q, position, problem] : cases) {
    INFO(q);
    try {
      parse_query(q);
      FAIL("no error");
    } catch (const QueryError& e) {
      CHECK(e.position() == position);
      CHECK_THAT(e.what(), Catch::Contains(problem));
    }
  }
  // The unknown field suggests the one meant.
  CHECK_THAT(error_of("distrikt:fyn"), Catch::Contains("did you mean district"));
}

TEST_CASE("query syntax: limits on length, nesting and parts", "[search][syntax][limits]") {
  CHECK_THAT(error_of(std::string(1001, 'a')), Catch::Contains("longer than 1000 bytes"));
  CHECK_NOTHROW(parse_query(std::string(10, '(') + "a" + std::string(10, ')')));
  CHECK_THAT(error_of(std::string(11, '(') + "a" + std::string(11, ')')), Catch::Contains("nested more than 10 deep"));
  std::string nots;
  for (int i = 0; i < 11; ++i) nots += "NOT ";
  CHECK_THAT(error_of(nots + "a"), Catch::Contains("nested more than 10 deep"));
  std::string many;
  for (int i = 0; i < 65; ++i) many.append("w").append(std::to_string(i)).append(" ");
  CHECK_THAT(error_of(many), Catch::Contains("more than 64 words"));
  // A prefix that stands for too much is refused, never cut silently.
  CHECK_THAT(error_of("ab*"), Catch::Contains("more than 500 words"));
  CHECK_THAT(error_of("a*"), Catch::Contains("at least two letters"));
  BuildOptions small;
  small.max_terms = 5;
  CHECK_THROWS_WITH(built("spritkørsel", small), Catch::Contains("more than 5 index terms"));
}

TEST_CASE("query builder: golden Xapian queries for every construct", "[search][golden]") {
  const std::pair<const char*, const char*> cases[] = {
      // Words: the analyzer's query-side terms (lemmas; an ambiguous form has several).
      {"kvinde", "Query(kvinde)"},
      {"kvinderne", "Query(kvinde)"},
      {"mændene", "Query(mand)"},
      {"Hjoerring", "Query(hjørring)"},
      {"kvinde mand", "Query((kvinde AND (mand SYNONYM mande)))"},
      {"kvinde og mand", "Query((kvinde AND (mand SYNONYM mande)))"},  // stopword left out
      {"og", "Query(og)"},                                            // unless it is all there is
      // Protected tokens stay whole.
      {"§ 119", "Query(§119)"},
      {"paragraf 119", "Query(§119)"},
      {"18.04.2024", "Query(2024-04-18)"},
      {"241288-1457", "Query(2412881457)"},
      {"1,20 promille", "Query((1,2 AND promille))"},
      // Synonyms: the word as typed, OR'ed with its relatives as one group at half weight.
      {"husuro", "Query((husuro OR 0.5 * (husspektakel SYNONYM (uro PHRASE 5 hjem) SYNONYM familiestrid)))"},
      // Words OR'ed share one group of relatives: each posting list read once.
      {"trussel OR truede",
       "Query(((trussel OR (true SYNONYM truet)) OR 0.5 * truende))"},
      // Phrases: in order, inflections, no synonyms.
      {"\"kom hjem\"", "Query((komme PHRASE 2 hjem))"},
      {"\"kvinderne\"", "Query(kvinde)"},
      {"\"slog ham i ansigtet\"", "Query((slå PHRASE 4 ham PHRASE 4 i PHRASE 4 ansigt))"},
      // Boolean operators, Danish and English.
      {"kvinde OR barn", "Query((kvinde OR barn))"},
      {"kvinde ELLER barn", "Query((kvinde OR barn))"},
      {"kvinde NOT barn", "Query((kvinde AND_NOT barn))"},
      {"kvinde IKKE barn IKKE hund", "Query((kvinde AND_NOT (barn OR hund)))"},
      {"NOT barn", "Query((0 * <alldocuments> AND_NOT barn))"},
      {"kvinde OR NOT barn", "Query((kvinde OR 0 * (0 * <alldocuments> AND_NOT barn)))"},
      // Prefixes, expanded over the index's own terms.
      {"politi*", "Query((politi SYNONYM politiet SYNONYM politistation))"},
      {"Polit*", "Query((politi SYNONYM politiet SYNONYM politistation))"},
      {"zz*", "Query()"},
      // Concepts: affirmed mentions, by id or alias, Danish letters or not.
      {"concept:vold", "Query(XCAvold)"},
      {"concept:drink-driving", "Query(XCAspirituskoersel)"},
      {"concept:spirituskørsel", "Query(XCAspirituskoersel)"},
      // Filters restrict and never score.
      {"district:fyn", "Query(XDISTRICTfyn)"},
      {"district:Østjylland", "Query(XDISTRICToestjylland)"},
      {"municipality:461", "Query(XMUNI461)"},
      {"municipality:Ålborg", "Query(XMUNI851)"},
      {"source:døgnrapport", "Query(XSOURCEdøgnrapport)"},
      {"source:journal", "Query(XSOURCEjournal)"},
      {"case:5100-89684-13801-24", "Query(XCASE5100-89684-13801-24)"},
      {"address:A-D002", "Query(XADDR:A-D002)"},
      {"id:J-5100-2024-d004", "Query(Q:J-5100-2024-d004)"},
      {"cpr:010190-1234", "Query(XCPR0101901234)"},
      {"cpr:0101901234", "Query(XCPR0101901234)"},
      {"role:sigtet", "Query(XROLEsigtet)"},
      {"role:Sigtet cpr:010190-1234", "Query(XPR0101901234:sigtet)"},
      {"kvinde district:fyn", "Query((kvinde FILTER XDISTRICTfyn))"},
      {"(kvinde OR barn) district:fyn source:journal",
       "Query(((kvinde OR barn) FILTER (XDISTRICTfyn AND XSOURCEjournal)))"},
      {"kvinde OR district:fyn", "Query((kvinde OR 0 * XDISTRICTfyn))"},
      {"kvinde NOT district:fyn", "Query((kvinde AND_NOT XDISTRICTfyn))"},
      {"concept:vold role:sigtet cpr:010190-1234", "Query((XCAvold FILTER XPR0101901234:sigtet))"},
      // Dates: one period is one term; a range is the union of its whole years, months and days.
      {"date:2024", "Query(Y2024)"},
      {"date:2024-03", "Query(M202403)"},
      {"date:2024-02-29", "Query(D20240229)"},
      {"date:29.02.2024", "Query(D20240229)"},
      {"date:2024-01-01..2024-06-30", "Query((M202401 OR M202402 OR M202403 OR M202404 OR M202405 OR M202406))"},
      {"date:2022..2024", "Query((Y2022 OR Y2023 OR Y2024))"},
      {"date:2024-02..2024-02", "Query(M202402)"},
      {"date:2024-02-28..2024-03-01", "Query((D20240228 OR D20240229 OR D20240301))"},
      {"date:2023-12-31..2025-01-01", "Query((D20231231 OR Y2024 OR D20250101))"},
      // A range of more than 120 periods reads the date value slot instead.
      {"date:1900-01-02..2199-12-30",
       "Query(VALUE_RANGE 0 19000102 21991230)"},
      {"date:..2023-12-31", "Query(VALUE_LE 0 20231231)"},
      {"date:2024-03-01..", "Query(VALUE_GE 0 20240301)"},
  };
  for (const auto& [q, want] : cases) {
    INFO(q);
    CHECK(built(q) == want);
  }
  BuildOptions negated;
  negated.include_negated = true;
  CHECK(built("concept:vold", negated) == "Query((XCAvold OR XCNvold))");
}

TEST_CASE("query builder: values a field cannot hold are errors with suggestions", "[search][errors]") {
  const std::tuple<const char*, size_t, const char*> cases[] = {
      {"concept:spritkoersel", 8, "did you mean spirituskoersel"},
      {"concept:husspektakkel", 8, "did you mean husspektakel"},
      {"concept:drinkdriving", 8, "did you mean drink-driving"},
      {"concept:xyzzy", 8, "the concepts are:"},
      {"district:fyns", 9, "did you mean fyn"},
      {"district:atlantis", 9, "the districts are:"},
      {"municipality:Odensse", 13, "did you mean odense"},
      {"role:sigted", 5, "did you mean sigtet"},
      {"source:avis", 7, "døgnrapport journal"},
      {"cpr:3213901234", 4, "not a CPR number"},
      {"cpr:12345", 4, "not a CPR number"},
      {"date:2023-02-29", 5, "there is no date 2023-02-29"},
      {"date:2024-13", 5, "no date 2024-13"},
      {"date:31.04.2024", 5, "no date 31.04.2024"},
      {"date:2024-06-30..2024-01-01", 5, "ends (2024-01-01) before it begins (2024-06-30)"},
      {"date:2024..2024-13-01", 11, "no date 2024-13-01"},
      {"date:..", 5, "needs at least one end"},
      {"date:igår", 5, "is not a date"},
      {"vold date:1800", 10, "1900-2199"},
      {"\"!!!\"", 0, "no words"},
      {"!!!", 0, "no words"},
      {"kvinde ! OR", 9, "on its right"},
  };
  for (const auto& [q, position, problem] : cases) {
    INFO(q);
    const std::string e = error_of(q);
    CHECK_THAT(e, Catch::StartsWith(std::to_string(position) + ": "));
    CHECK_THAT(e, Catch::Contains(problem));
  }
}

TEST_CASE("query errors: columns count characters, carets point at them", "[search][errors]") {
  const std::string q = "spritkørsel district:fynn";
  try {
    QueryBuilder(socialsoeg::test::analyzer(), places()).build(q, wildcard_db());
    FAIL("no error");
  } catch (const QueryError& e) {
    CHECK(e.position() == 22);                       // bytes: ø is two
    CHECK(QueryError::column(q, e.position()) == 22);  // 1-based characters
    CHECK(QueryError::caret_line(q, e.position()) == "  " + q + "\n  " + std::string(21, ' ') + "^");
  }
}

TEST_CASE("suggestions: closest names by edit distance", "[search][suggest]") {
  CHECK(edit_distance("vold", "vold") == 0);
  CHECK(edit_distance("vodl", "vold") == 1);  // transposition
  CHECK(edit_distance("århus", "aarhus") == 2);
  const std::vector<std::string> names = {"spirituskoersel", "narkokoersel", "vold", "partnervold"};
  CHECK(closest("spiritus", names) == std::vector<std::string>{"spirituskoersel"});
  CHECK(closest("vodl", names) == std::vector<std::string>{"vold"});
  CHECK(closest("husspektakel", names).empty());
  CHECK(did_you_mean("narkokørsel", names) == "did you mean narkokoersel?");
}

TEST_CASE("date filters: periods, ranges, open ends, leap days", "[search][dates]") {
  auto range = [](const char* v) {
    const auto d = parse_date_filter(v, 0);
    return (d.from ? d.from->iso() : std::string("..")) + "/" + (d.to ? d.to->iso() : std::string("..")) + "/" +
           d.period_term;
  };
  CHECK(range("2024") == "2024-01-01/2024-12-31/Y2024");
  CHECK(range("2024-02") == "2024-02-01/2024-02-29/M202402");
  CHECK(range("2023-02") == "2023-02-01/2023-02-28/M202302");
  CHECK(range("2024-02-29") == "2024-02-29/2024-02-29/D20240229");
  CHECK(range("01-03-2024") == "2024-03-01/2024-03-01/D20240301");
  CHECK(range("2022..2024") == "2022-01-01/2024-12-31/");
  CHECK(range("2024-03..2024-04-15") == "2024-03-01/2024-04-15/");
  CHECK(range("..2023-12-31") == "../2023-12-31/");
  CHECK(range("2024-03-01..") == "2024-03-01/../");
  CHECK(range("2024-05-05..2024-05-05") == "2024-05-05/2024-05-05/");
  CHECK_THROWS_AS(parse_date_filter("2024..2023", 0), QueryError);
  CHECK_THROWS_AS(parse_date_filter("2024-1-5", 0), QueryError);
  CHECK_THROWS_AS(parse_date_filter("2024..2025..2026", 0), QueryError);
}

TEST_CASE("date ranges as Y/M/D terms: exactly the days of the range", "[search][dates]") {
  auto terms = [](const char* from, const char* to) {
    std::string out;
    for (const auto& t : period_terms(*socialsoeg::Date::parse_iso(from), *socialsoeg::Date::parse_iso(to)))
      out += (out.empty() ? "" : " ") + t;
    return out;
  };
  CHECK(terms("2024-03-30", "2024-06-02") == "D20240330 D20240331 M202404 M202405 D20240601 D20240602");
  CHECK(terms("2024-01-01", "2024-12-31") == "Y2024");
  CHECK(terms("2023-12-01", "2025-02-28") == "M202312 Y2024 M202501 M202502");
  CHECK(terms("2024-02-01", "2024-02-28") ==
        "D20240201 D20240202 D20240203 D20240204 D20240205 D20240206 D20240207 D20240208 D20240209 D20240210 "
        "D20240211 D20240212 D20240213 D20240214 D20240215 D20240216 D20240217 D20240218 D20240219 D20240220 "
        "D20240221 D20240222 D20240223 D20240224 D20240225 D20240226 D20240227 D20240228");  // not the leap day
  CHECK(terms("2023-02-01", "2023-02-28") == "M202302");
  CHECK(terms("2024-05-05", "2024-05-05") == "D20240505");
  // Every day of a span is covered exactly once.
  const auto from = *socialsoeg::Date::parse_iso("2019-11-17"), to = *socialsoeg::Date::parse_iso("2024-03-02");
  int days = 0;
  for (const auto& t : period_terms(from, to)) {
    if (t[0] == 'D') days += 1;
    if (t[0] == 'M') days += socialsoeg::days_in_month(std::stoi(t.substr(1, 4)), std::stoi(t.substr(5, 2)));
    if (t[0] == 'Y') days += socialsoeg::is_leap_year(std::stoi(t.substr(1))) ? 366 : 365;
  }
  CHECK(days == to - from + 1);
}

TEST_CASE("snippets: the passage with the most matched words, cut at word boundaries", "[search][snippet]") {
  const std::string text =
      "Kl. 21.30 blev politiet kaldt til en adresse i Hjørring. En nabo havde hørt råb. " +
      std::string(300, 'x') + " Ved ankomst var der husspektakel, og manden var beruset. Børnene sov.";
  const size_t husspektakel = text.find("husspektakel"), beruset = text.find("beruset");
  const std::vector<Span> spans = {{uint32_t(husspektakel), uint32_t(husspektakel + 12)},
                                   {uint32_t(beruset), uint32_t(beruset + 7)}};
  const Snippet s = make_snippet(text, spans, 120);
  REQUIRE(s.matches.size() == 2);
  CHECK(s.text.substr(s.matches[0].start, s.matches[0].end - s.matches[0].start) == "husspektakel");
  CHECK(s.text.substr(s.matches[1].start, s.matches[1].end - s.matches[1].start) == "beruset");
  CHECK(s.text.rfind("…", 0) == 0);  // cut at the start
  CHECK(s.text.size() <= 120 + 2 * std::string("…").size());
  CHECK(highlight(s, "[", "]").find("[husspektakel], og manden var [beruset]") != std::string::npos);

  // Nothing matched: the beginning of the text.
  const Snippet start = make_snippet(text, {}, 60);
  CHECK(start.text.rfind("Kl. 21.30 blev politiet", 0) == 0);
  CHECK(start.matches.empty());
  // A short text whole, with no ellipsis.
  const Snippet whole = make_snippet("Manden var beruset.", {{11, 18}}, 200);
  CHECK(whole.text == "Manden var beruset.");
  CHECK(highlight(whole, "<b>", "</b>") == "Manden var <b>beruset</b>.");
}

TEST_CASE("snippets: matches through inflection, compound part, synonym and concept", "[search][snippet]") {
  const auto& a = socialsoeg::test::analyzer();
  MatchSet m;
  for (const char* t : {"vold", "spirituskørsel", "spritkørsel"}) m.terms.insert(t);
  const std::string text = "Han blev sigtet for partnervolden og spirituskørsel. Volden skete i går. Voldsomt blæsevejr.";
  const auto spans = matched_spans(a, text, m, {});
  std::vector<std::string> words;
  for (const auto& s : spans) words.push_back(text.substr(s.start, s.end - s.start));
  CHECK(words == std::vector<std::string>{"partnervolden", "spirituskørsel", "Volden"});
  // A concept span (from the stored mentions) joins, overlapping spans merge.
  const auto with_concept = matched_spans(a, text, m, {{20, 33}, {0, 3}});
  CHECK(with_concept.front() == Span{0, 3});
  CHECK(with_concept.size() == 4);
}

TEST_CASE("token offsets: every indexed position maps back to its bytes", "[search][snippet][offsets]") {
  using namespace socialsoeg::index;
  using socialsoeg::indexer::spans_by_position;
  const auto& a = socialsoeg::test::analyzer();
  const std::string title = "Partnervold i Hjørring", text = "Han slog hende. Spiritus- og narkokørsel, § 53, 1,2 promille.";
  const auto title_spans = spans_by_position(a.analyze(title, socialsoeg::analysis::Side::kIndex));
  const auto text_spans = spans_by_position(a.analyze(text, socialsoeg::analysis::Side::kIndex));
  const auto decoded = decode_token_offsets(encode_token_offsets(title_spans, text_spans));
  REQUIRE(decoded);
  CHECK(decoded->title.size() == 3);
  auto at = [&](uint32_t position) {
    const auto l = decoded->locate(position);
    if (!l) return std::string("-");
    const std::string& field = l->field == 0 ? title : text;
    return std::to_string(l->field) + ":" + field.substr(l->span.start, l->span.end - l->span.start);
  };
  CHECK(at(1) == "0:Partnervold");
  CHECK(at(3) == "0:Hjørring");
  CHECK(at(4) == "-");                // the gap between title and text
  CHECK(at(3 + 100 + 1) == "1:Han");
  CHECK(at(3 + 100 + 2) == "1:slog");
  CHECK(at(0) == "-");
  CHECK(at(100000) == "-");
  // No title: the text starts after the gap.
  const auto no_title = decode_token_offsets(encode_token_offsets({}, text_spans));
  REQUIRE(no_title);
  CHECK(no_title->locate(101).has_value());
  CHECK_FALSE(no_title->locate(100).has_value());
  // Broken bytes are not offsets (the snippet falls back to analysis).
  CHECK_FALSE(decode_token_offsets("").has_value());
  CHECK_FALSE(decode_token_offsets("\xff\xff").has_value());
  CHECK_FALSE(decode_token_offsets(encode_token_offsets(title_spans, text_spans) + "x").has_value());
}
