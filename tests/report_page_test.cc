// One way to read a page of reports (query/report_page.h), used by search,
// the family card and saved searches: each reads again when the loader
// committed twice under it, each gives the order Xapian's own newest-first
// sort gives, and the family card writes a report as search writes a hit.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer_test_support.h"
#include "core/cpr.h"
#include "core/date.h"
#include "family/family_lookup.h"
#include "index/date_order.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "process.h"
#include "query/report_page.h"
#include "query/searcher.h"
#include "saved/saved_runner.h"
#include "temp_dir.h"

using namespace socialsoeg;

namespace {

const index::Places& municipalities() {
  static const auto places = index::Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  return places;
}

// The dev reports and residents, loaded as the CLI loads them.
std::string load_dev(const test::TempDir& dir, const std::string& extra_index_args = "") {
  const std::string db = dir / "db";
  const std::string bin = SOCIALSOEG_BIN, data = SOCIALSOEG_TEST_DATA;
  REQUIRE(test::run_command(bin + " index " + extra_index_args + " --db " + db + " " + data +
                            "/dev/reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(test::run_command(bin + " residents --db " + db + " " + data + "/dev/residents.jsonl >/dev/null 2>&1")
              .exit_code == 0);
  return db;
}

// Commits that rewrite every report (a term added each time), as loads that
// replace everything would: after two, the revision an older reader began
// on is discarded; after six, its blocks have been written over.
void commit_twice_under_readers(const std::string& db) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
  for (const char* mark : {"XTOUCHA", "XTOUCHB", "XTOUCHC", "XTOUCHD", "XTOUCHE", "XTOUCHF"}) {
    for (Xapian::docid id = 1; id <= w.get_lastdocid(); ++id) {
      Xapian::Document old;
      try {
        old = w.get_document(id);
      } catch (const Xapian::DocNotFoundError&) {
        continue;
      }
      // A document built anew, so every table it lives in is written again
      // (a document read back and changed rewrites only what changed).
      Xapian::Document doc;
      doc.set_data(old.get_data());
      for (auto v = old.values_begin(); v != old.values_end(); ++v) doc.add_value(v.get_valueno(), *v);
      for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) {
        if (t.positionlist_count() == 0) {
          doc.add_boolean_term(*t);
          continue;
        }
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) doc.add_posting(*t, *p, 0);
      }
      doc.add_boolean_term(mark);
      w.replace_document(id, doc);
    }
    w.commit();
  }
}

// What a reader at a discarded revision meets when it reads every report.
bool reading_everything_fails(const Xapian::Database& stale) {
  try {
    for (Xapian::docid id = 1; id <= stale.get_lastdocid(); ++id) {
      const auto doc = stale.get_document(id);
      (void)doc.get_data();
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) (void)*t;
    }
  } catch (const Xapian::DatabaseModifiedError&) {
    return true;
  } catch (const Xapian::DocNotFoundError&) {
  }
  return false;
}

std::vector<std::string> ids_of(const std::vector<query::Hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

// Every match of `query`, as Xapian itself sorts them newest first (the same
// time: the later docid first): what a page reader must agree with.
std::vector<std::string> sorted_by_xapian(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value_then_relevance(schema::kSlotOccurredTime, true);
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  std::vector<std::string> out;
  const auto mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(index::read_stored_report(it.get_document()).id);
  return out;
}

// Every report naming one of `cprs` on or before `as_of`, newest first as Xapian sorts them.
std::vector<std::string> sorted_by_xapian(const Xapian::Database& db, const std::vector<std::string>& cprs, Date as_of) {
  std::vector<Xapian::Query> people;
  for (const auto& c : cprs) people.emplace_back(std::string(schema::kCpr) + c);
  return sorted_by_xapian(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, people.begin(), people.end()),
                                            Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotOccurredDate, as_of.compact())));
}

}  // namespace

TEST_CASE("report pages: search, family card and saved search read again when the loader commits under them",
          "[report_page]") {
  test::TempDir dir;
  const std::string db = load_dev(dir);
  const index::DatabaseDir database(db);
  const auto cpr = *Cpr::parse("050479-2416");
  const Date as_of = *Date::parse_iso("2023-12-03");

  // Readers opened before the commits, one for each reader of pages and one
  // that shows what a reader that does not read again would meet.
  Xapian::Database for_search(db), for_family(db), for_saved(db), witness(db);
  index::ResidentStore residents(database.residents_path());
  commit_twice_under_readers(db);
  const Xapian::Database fresh(db);
  REQUIRE(reading_everything_fails(witness));
  REQUIRE(for_search.get_revision() < fresh.get_revision());

  const query::Searcher searcher(test::analyzer(), municipalities());
  query::SearchOptions options;
  options.limit = 50;
  Xapian::Database fresh_copy = fresh;
  const auto want_search = searcher.search(fresh_copy, "vold OR spirituskørsel", options);
  REQUIRE(want_search.hits.size() > 5);
  const auto got_search = searcher.search(for_search, "vold OR spirituskørsel", options);
  CHECK(for_search.get_revision() == fresh.get_revision());  // it moved to the newest revision
  CHECK(ids_of(got_search.hits) == ids_of(want_search.hits));
  CHECK(got_search.total == want_search.total);

  const family::FamilyLookup lookup(test::analyzer(), for_family, residents);
  const auto card = lookup.by_cpr(cpr, as_of);
  CHECK(for_family.get_revision() == fresh.get_revision());
  CHECK_FALSE(card.reports.empty());
  std::vector<std::string> members;
  for (const auto& m : card.household) members.push_back(m.cpr);
  CHECK(ids_of(card.reports) == sorted_by_xapian(fresh, members, as_of));

  saved::SavedSearch search;
  search.name = "vold";
  search.query = "concept:vold";
  const auto run = saved::SavedRunner(test::analyzer(), municipalities())
                       .run(search, saved::RunState{}, for_saved, nullptr, false, 1000, as_of);
  CHECK(for_saved.get_revision() == fresh.get_revision());
  Xapian::Database fresh_for_saved(db);
  const auto want_saved = saved::SavedRunner(test::analyzer(), municipalities())
                              .run(search, saved::RunState{}, fresh_for_saved, nullptr, false, 1000, as_of);
  CHECK(run.matches > 5);
  CHECK(run.matches == want_saved.matches);
  CHECK(run.new_ids == want_saved.new_ids);
}

TEST_CASE("report pages: the family card and a saved search list reports as Xapian's own newest-first sort does",
          "[report_page]") {
  // A database of two loads, the second older reports than the first, so
  // part of it lies outside the date order: the page reader must merge.
  test::TempDir dir;
  const std::string data = SOCIALSOEG_TEST_DATA;
  std::ifstream in(data + "/dev/reports.jsonl");
  std::vector<nlohmann::json> reports;
  for (std::string line; std::getline(in, line);) reports.push_back(nlohmann::json::parse(line));
  std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) { return a["occurred"] > b["occurred"]; });
  std::ofstream(dir / "newer.jsonl") << [&] {
    std::string s;
    for (size_t i = 0; i < reports.size() / 2; ++i) s += reports[i].dump() + "\n";
    return s;
  }();
  std::ofstream(dir / "older.jsonl") << [&] {
    std::string s;
    for (size_t i = reports.size() / 2; i < reports.size(); ++i) s += reports[i].dump() + "\n";
    return s;
  }();
  const std::string bin = SOCIALSOEG_BIN, db = dir / "db";
  REQUIRE(test::run_command(bin + " index --replace-all --db " + db + " " + dir / "newer.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(test::run_command(bin + " index --db " + db + " " + dir / "older.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(test::run_command(bin + " residents --db " + db + " " + data + "/dev/residents.jsonl >/dev/null 2>&1").exit_code == 0);

  Xapian::Database reports_db(db);
  const auto order = index::read_date_order(reports_db);
  REQUIRE(order.through > 0);
  REQUIRE(order.through < reports_db.get_lastdocid());
  index::ResidentStore residents(index::DatabaseDir(db).residents_path());
  const family::FamilyLookup lookup(test::analyzer(), reports_db, residents);
  size_t cards = 0, listed = 0;
  std::ifstream families(data + "/dev/family.jsonl");
  for (std::string line; std::getline(families, line);) {
    const auto f = nlohmann::json::parse(line);
    const Date as_of = *Date::parse_iso(f["as_of"].get<std::string>());
    const auto card = lookup.by_cpr(*Cpr::parse(f["cpr"].get<std::string>()), as_of);
    std::vector<std::string> members;
    for (const auto& m : card.household) members.push_back(m.cpr);
    INFO(f["cpr"]);
    CHECK(ids_of(card.reports) == sorted_by_xapian(reports_db, members, as_of));
    ++cards;
    listed += card.reports.size();
  }
  CHECK(cards == 5);
  CHECK(listed > 10);

  for (const char* q : {"concept:vold", "source:journal", "district:bornholm", "spirituskørsel"}) {
    INFO(q);
    saved::SavedSearch search;
    search.name = "s";
    search.query = q;
    const auto run = saved::SavedRunner(test::analyzer(), municipalities())
                         .run(search, saved::RunState{}, reports_db, nullptr, false, 10000, today_utc());
    const auto want =
        sorted_by_xapian(reports_db, query::QueryBuilder(test::analyzer(), municipalities()).build(q, reports_db).query);
    CHECK_FALSE(want.empty());
    CHECK(ids_of(run.hits) == want);
    CHECK(run.new_ids == want);
  }
}

TEST_CASE("report pages: the family card writes a report as search writes a hit", "[report_page]") {
  test::TempDir dir;
  const std::string db = load_dev(dir);
  Xapian::Database reports_db(db);
  index::ResidentStore residents(index::DatabaseDir(db).residents_path());
  const family::FamilyLookup lookup(test::analyzer(), reports_db, residents);
  const auto card = family::to_json(lookup.by_cpr(*Cpr::parse("050479-2416"), *Date::parse_iso("2023-12-03")));
  REQUIRE_FALSE(card["reports"].empty());
  const query::Searcher searcher(test::analyzer(), municipalities());
  size_t compared = 0;
  for (const auto& report : card["reports"]) {
    const std::string id = report["id"];
    INFO(id);
    const auto found = query::to_json(searcher.search(reports_db, "id:" + id, query::SearchOptions{}));
    REQUIRE(found["hits"].size() == 1);
    const auto& hit = found["hits"][0];
    std::set<std::string> card_keys, hit_keys;
    for (const auto& [key, value] : report.items()) card_keys.insert(key);
    for (const auto& [key, value] : hit.items()) hit_keys.insert(key);
    CHECK(card_keys == hit_keys);
    for (const char* same : {"id", "occurred", "source", "district", "title", "persons", "score"})
      CHECK(report[same] == hit[same]);
    // The card names only what happened: the negated mentions search shows are left out.
    for (const auto& c : report["concepts"]) CHECK(c["polarity"] == "affirmed");
    ++compared;
  }
  CHECK(compared >= 2);
}
