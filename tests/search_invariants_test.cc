// Random queries, whatever bytes arrive: the search never crashes and never
// throws anything but a QueryError (with a position inside the query); when
// it runs, hits respect the limit, snippets are valid UTF-8 with matches in
// order and in bounds, and the JSON form can always be written.
//
// The seed is printed; set SOCIALSOEG_TEST_SEED to replay a failure.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "analyzer_test_support.h"
#include "core/utf8.h"
#include "index/date_order.h"
#include "index/places.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "process.h"
#include "query/newest_first.h"
#include "query/query_error.h"
#include "query/searcher.h"
#include "temp_dir.h"

using namespace socialsoeg;

namespace {

uint64_t seed() {
  static const uint64_t s = [] {
    const char* env = std::getenv("SOCIALSOEG_TEST_SEED");
    const uint64_t v = env ? std::strtoull(env, nullptr, 10) : std::random_device{}();
    std::cout << "search invariants: SOCIALSOEG_TEST_SEED=" << v << "\n";
    return v;
  }();
  return s;
}

// The dev set indexed once for the file; the tests only read it.
const std::string& dev_db() {
  static test::TempDir dir;
  static const std::string db = dir / "db";
  static const bool built =
      test::run_command(std::string(SOCIALSOEG_BIN) + " index --db " + db + " " + std::string(SOCIALSOEG_TEST_DATA) +
                        "/dev/reports.jsonl >/dev/null 2>&1")
          .exit_code == 0;
  REQUIRE(built);
  return db;
}

const index::Places& municipalities() {
  static const auto places = index::Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  return places;
}

std::string random_query(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces = {
      "vold", "spritkørsel", "husspektakler", "og", "i", "Hjoerring", "§", "119", "paragraf", "18.04.2024",
      "0305833130", "030583-3130", "1,2", "promille", "a", "ab", "kv", "politi", "AND", "OR", "NOT", "OG", "ELLER",
      "IKKE", "(", ")", "\"", "“", "„", "*", ":", "-", "..", "concept:", "concept:vold", "concept:xx", "cpr:",
      "cpr:0305833130", "role:sigtet", "role:", "district:fyn", "district:", "date:", "date:2024", "date:2024-02-30",
      "date:..", "date:2022..2024", "date:..2023-12-31", "municipality:Odense", "source:journal", "id:", "case:x",
      "address:A-D002", "kommune:", "x:y", "\t", "æøå", "ÆØÅ", "e\xcc\x81", "\xf0\x9f\x98\x80",
      std::string(60, 'x'), " ", " ", " ", " ",
      // Broken bytes last: every other query draws from the well-formed pieces only.
      "\xff", "\xc3", "\xe2\x80", std::string(1, '\0')};
  static size_t calls = 0;
  const size_t usable = (++calls % 2) ? pieces.size() : pieces.size() - 4;
  std::uniform_int_distribution<size_t> count(0, 14), pick(0, usable - 1), coin(0, 2);
  std::string q;
  const size_t n = count(rng);
  for (size_t i = 0; i < n; ++i) {
    q += pieces[pick(rng)];
    if (coin(rng) != 0) q += ' ';
  }
  return q;
}

}  // namespace

TEST_CASE("search invariants: random queries end in a result or a QueryError, never worse", "[search][invariants]") {
  const auto& places = municipalities();
  const query::Searcher searcher(test::analyzer(), places);
  Xapian::Database db(dev_db());
  std::mt19937_64 rng(seed());
  size_t ran = 0, refused = 0, compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string q = random_query(rng);
    INFO("query bytes: " << q);
    query::SearchOptions options;
    options.limit = 5;
    options.include_negated = (i % 2) == 0;
    try {
      const auto r = searcher.search(db, q, options);
      ++ran;
      CHECK(r.hits.size() <= 5);
      for (const auto& h : r.hits) {
        CHECK_FALSE(first_invalid_utf8(h.snippet.text).has_value());
        uint32_t last = 0;
        for (const auto& m : h.snippet.matches) {
          CHECK(m.start >= last);
          CHECK(m.start < m.end);
          CHECK(m.end <= h.snippet.text.size());
          last = m.end;
        }
        for (const auto& m : h.title_matches) CHECK(m.end <= h.title.size());
      }
      CHECK_NOTHROW(query::to_json(r).dump());
      // Snippets from the stored token offsets equal those from analysing the text again.
      if (!r.hits.empty()) {
        const auto built = query::QueryBuilder(test::analyzer(), places, [&] {
                             query::BuildOptions b;
                             b.include_negated = options.include_negated;
                             return b;
                           }()).build(q, db);
        for (const auto& h : r.hits) {
          Xapian::Enquire enquire(db);
          enquire.set_query(Xapian::Query(schema::boolean_term(schema::kId, h.id)));
          const auto doc = enquire.get_mset(0, 1).begin().get_document();
          const auto data = index::read_stored_report(doc);
          std::vector<query::Span> concept_text, concept_title;
          for (const auto& m : data.mentions) {
            if (!built.matches.concepts.count(m.concept_id)) continue;
            if (!m.affirmed && !options.include_negated) continue;
            (m.in_title ? concept_title : concept_text).push_back({m.start, m.end});
          }
          const std::string& text = data.text;
          const auto again = query::make_snippet(text, query::matched_spans(test::analyzer(), text, built.matches, concept_text));
          CHECK(h.snippet.text == again.text);
          CHECK(h.snippet.matches == again.matches);
          CHECK(h.title_matches == query::matched_spans(test::analyzer(), h.title, built.matches, concept_title));
          ++compared;
        }
      }
    } catch (const query::QueryError& e) {
      ++refused;
      CHECK(e.position() <= q.size());
      CHECK(std::string(e.what()).size() > 0);
    }
  }
  std::cout << "search invariants: " << ran << " queries ran, " << refused << " refused; " << compared
            << " snippets from offsets compared with re-analysis\n";
  CHECK(compared > 100);
  CHECK(ran > 100);
  CHECK(refused > 100);
}

namespace {

// A copy of the dev reports that changes the index the way daily loads do:
// every third report again under a new id, a year earlier or later (out of
// time order for the docids after a rebuild), every seventh with its time
// moved (a replacement that must leave its place), every eleventh with only
// its text changed (a replacement in place), and reports at the very same
// minute as another new one or as one from the rebuild (ties).
std::string daily_changes(const test::TempDir& dir) {
  std::ifstream in(std::string(SOCIALSOEG_TEST_DATA) + "/dev/reports.jsonl");
  std::ofstream out(dir / "daily.jsonl");
  std::string line;
  for (int n = 0; std::getline(in, line); ++n) {
    auto r = nlohmann::json::parse(line);
    const std::string occurred = r["occurred"];
    if (n % 3 == 0) {
      auto copy = r;
      copy["id"] = r["id"].get<std::string>() + "-late";
      const int year = std::stoi(occurred.substr(0, 4)) + (n % 2 ? -1 : 1);
      copy["occurred"] = std::to_string(year) + occurred.substr(4);
      out << copy.dump() << "\n";
      if (n % 5 == 0) {  // other reports at the very same time: as the copy, and as the original
        copy["id"] = r["id"].get<std::string>() + "-twin";
        out << copy.dump() << "\n";
        copy["id"] = r["id"].get<std::string>() + "-same-time";
        copy["occurred"] = occurred;
        out << copy.dump() << "\n";
      }
    }
    if (n % 7 == 0) {
      r["occurred"] = occurred.substr(0, 5) + (occurred.substr(5, 2) == "01" ? "02" : "01") + occurred.substr(7);
      out << r.dump() << "\n";
    } else if (n % 11 == 0) {
      r["text"] = r["text"].get<std::string>() + " Sagen er sendt videre.";
      out << r.dump() << "\n";
    }
  }
  return dir / "daily.jsonl";
}

// What date_order.h promises: docids 1..through in non-decreasing time.
void check_date_order_promise(const Xapian::Database& db) {
  const auto order = index::read_date_order(db);
  std::string last;
  Xapian::doccount checked = 0;
  for (auto v = db.valuestream_begin(schema::kSlotOccurredTime); v != db.valuestream_end(schema::kSlotOccurredTime); ++v) {
    if (v.get_docid() > order.through) break;
    CHECK(*v >= last);
    CHECK(*v <= order.key);
    last = *v;
    ++checked;
  }
  INFO("date order through docid " << order.through);
  CHECK(checked <= order.through);
}

}  // namespace

TEST_CASE("search invariants: filters-only pages equal Xapian's own newest-first sort, at any limit and offset",
          "[search][invariants]") {
  // Searcher pages filter-only results from the database's date order
  // (docids numbered by time; the matches above it sorted by their keys) and
  // leaves the rest to Xapian's value sort: every way must give the page
  // that sorting every match by kSlotOccurredTime gives, the same time
  // putting the later docid first. Three databases: built by daily loads
  // (little order), by a replace-all (all in order), and that one after
  // daily loads that add, move and change reports out of time order.
  const auto& places = municipalities();
  const query::Searcher searcher(test::analyzer(), places);
  test::TempDir dir;
  const std::string bin = SOCIALSOEG_BIN;
  const std::string reports = std::string(SOCIALSOEG_TEST_DATA) + "/dev/reports.jsonl";
  const std::string rebuilt = dir / "rebuilt";
  REQUIRE(test::run_command(bin + " index --replace-all --db " + rebuilt + " " + reports + " >/dev/null 2>&1").exit_code == 0);
  {
    const Xapian::Database db(rebuilt);
    CHECK(index::read_date_order(db).through == db.get_lastdocid());
    CHECK(db.get_lastdocid() == db.get_doccount());
    check_date_order_promise(db);
  }
  const std::string changed = dir / "changed";
  std::filesystem::copy(rebuilt, changed, std::filesystem::copy_options::recursive);
  REQUIRE(test::run_command(bin + " index --db " + changed + " " + daily_changes(dir) + " >/dev/null 2>&1").exit_code == 0);
  {
    const Xapian::Database db(changed);
    const auto order = index::read_date_order(db);
    CHECK(order.through > 100);                   // the rebuild's order holds on
    CHECK(order.through < db.get_lastdocid());    // with reports out of order above it
    CHECK(db.get_doccount() < db.get_lastdocid());  // and moved reports' old docids gone
    check_date_order_promise(db);
  }

  size_t pages = 0, complete = 0, partial = 0;
  for (const auto& path : {dev_db(), rebuilt, changed}) {
    Xapian::Database db(path);
    check_date_order_promise(db);
    std::set<std::string> queries;
    for (auto it = db.allterms_begin(std::string(schema::kCpr)); it != db.allterms_end(std::string(schema::kCpr)); ++it)
      queries.insert("cpr:" + (*it).substr(schema::kCpr.size()));
    for (auto it = db.allterms_begin(std::string(schema::kDistrict)); it != db.allterms_end(std::string(schema::kDistrict)); ++it)
      queries.insert("district:" + (*it).substr(schema::kDistrict.size()));
    queries.insert("source:journal");
    queries.insert("date:2024");
    queries.insert("date:2020..2030");
    for (const auto& q : queries) {
      INFO(path << ": " << q);
      Xapian::Enquire enquire(db);
      enquire.set_query(query::QueryBuilder(test::analyzer(), places).build(q, db).query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_sort_by_value_then_relevance(schema::kSlotOccurredTime, true);
      enquire.set_docid_order(Xapian::Enquire::DESCENDING);
      std::vector<std::string> expected;
      const auto all = enquire.get_mset(0, db.get_doccount());
      for (auto it = all.begin(); it != all.end(); ++it)
        expected.push_back(index::read_stored_report(it.get_document()).id);
      for (const size_t limit : {1, 2, 3, 10}) {
        for (const size_t offset : {0, 1, 4}) {
          query::SearchOptions options;
          options.limit = limit;
          options.offset = offset;
          const auto r = searcher.search(db, q, options);
          CHECK(r.sort == query::SortOrder::kDate);
          // Counted exactly up to 100 or the page's end; "more than" beyond.
          const size_t counted = std::max<size_t>(offset + limit, 100);
          CHECK(r.total_exact == (expected.size() <= counted));
          CHECK(r.total == std::min(expected.size(), counted));
          std::vector<std::string> got;
          for (const auto& h : r.hits) got.push_back(h.id);
          const std::vector<std::string> want(expected.begin() + std::min(offset, expected.size()),
                                              expected.begin() + std::min(offset + limit, expected.size()));
          CHECK(got == want);
          ++pages;
          (expected.size() <= offset + limit ? complete : partial)++;
        }
      }
    }
  }
  CHECK(complete > 50);  // pages with every match in hand
  CHECK(partial > 50);   // pages cut from more matches
  std::cout << "filters-only pages: " << pages << " (" << complete << " with every match in hand, " << partial
            << " cut from more)\n";
}

TEST_CASE("search invariants: the date-order path and Xapian's sort give the same pages on ties and moved reports",
          "[search][invariants]") {
  // The page walk itself, below the Searcher: with the promise taken away
  // (through 0) Xapian sorts; with it, the walk merges. Same pages.
  const auto& places = municipalities();
  Xapian::Database db(dev_db());
  const auto order = index::read_date_order(db);
  size_t compared = 0;
  for (const char* q : {"source:journal", "source:døgnrapport", "date:2020..2030", "district:bornholm"}) {
    INFO(q);
    const auto built = query::QueryBuilder(test::analyzer(), places).build(q, db);
    for (const Xapian::doccount first : {0u, 3u, 17u}) {
      for (const Xapian::doccount page : {1u, 5u, 40u}) {
        Xapian::Enquire walk(db);
        walk.set_query(built.query);
        walk.set_weighting_scheme(Xapian::BoolWeight());
        const auto got = query::newest_first_page(walk, order, first, page, first + page);
        REQUIRE(got);
        Xapian::Enquire sorted(db);
        sorted.set_query(built.query);
        sorted.set_weighting_scheme(Xapian::BoolWeight());
        sorted.set_sort_by_value_then_relevance(schema::kSlotOccurredTime, true);
        sorted.set_docid_order(Xapian::Enquire::DESCENDING);
        const auto want = sorted.get_mset(first, page);
        std::vector<Xapian::docid> a, b;
        for (const auto index : got->hits) a.push_back(*got->mset[index]);
        for (auto it = want.begin(); it != want.end(); ++it) b.push_back(*it);
        CHECK(a == b);
        ++compared;
      }
    }
  }
  CHECK(compared == 36);
}
