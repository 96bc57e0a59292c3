// What a district-limited user sees of a search — hits, order, total, and
// whether the total is exact — must depend on the reports of their districts
// only. Xapian's estimates come from whole-database statistics, so a total
// taken from them told a Fyn user whether a person was a suspect in
// Nordjylland (`odense OR (cpr:X role:sigtet)` against `role:vidne`).
//
// Two databases: Fyn's reports with many in another district beside them,
// and Fyn's reports alone. A Fyn user of the first must see what anyone sees
// in the second.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer_test_support.h"
#include "index/places.h"
#include "process.h"
#include "query/searcher.h"
#include "temp_dir.h"

using namespace socialsoeg;

namespace {

constexpr const char* kSuspect = "250383-1190";

std::string report(const std::string& id, const std::string& district, const std::string& municipality, int day,
                   const std::string& text, const std::string& persons) {
  nlohmann::json r = {{"id", id},
                      {"source", "døgnrapport"},
                      {"district", district},
                      {"municipality", municipality},
                      {"occurred", "2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T10:00"},
                      {"text", text}};
  if (!persons.empty()) r["persons"] = nlohmann::json::parse(persons);
  return r.dump() + "\n";
}

// Words that vary the reports' lengths, so that their scores differ and
// Xapian's matcher stops early and estimates, as it does on real data.
std::string filler(int n) {
  static const char* words[] = {"og", "så", "videre", "med", "flere", "ord", "om", "sagen", "her", "i", "dag"};
  std::string out;
  for (int k = 0; k < n % 11; ++k) out += std::string(" ") + words[k];
  return out;
}

// Interleaved in one file, as reports arrive: 190 Fyn reports naming Odense
// (35 of them a stabbing) and 1,000 more Fyn reports; 2,000 in Nordjylland
// naming Aalborg (200 a stabbing), where the suspect is charged in 400.
std::string reports() {
  std::string out;
  int odense = 0;
  for (int i = 0; i < 2000; ++i) {
    if (i % 10 == 0 && odense < 190) {
      out += report("F-" + std::to_string(odense), "fyn", "461", 1 + odense % 28,
                    "En patrulje fra Odense kørte til et tyveri af en cykel" + filler(odense) +
                        (odense % 3 == 0 ? " i Odense" : "") + (odense < 35 ? ", og en mand blev sigtet for knivstikkeri." : "."),
                    "");
      ++odense;
    }
    if (i % 2 == 0)
      out += report("G-" + std::to_string(i), "fyn", "479", 1 + i % 28,
                    "En patrulje fra Svendborg kørte til et indbrud" + filler(i) + ".", "");
    out += report("N-" + std::to_string(i), "nordjylland", "851", 1 + i % 28,
                  "En patrulje fra Aalborg rykkede ud til en adresse" + filler(i) +
                      (i % 10 == 1 ? ", hvor en mand blev sigtet for knivstikkeri." : "."),
                  i % 5 == 0 ? std::string("[{\"cpr\": \"") + kSuspect + "\", \"name\": \"Test Person\", \"role\": \"sigtet\"}]" : "");
  }
  return out;
}

// The same, Fyn's reports only.
std::string fyn_reports() {
  std::string out, line;
  std::istringstream in(reports());
  while (std::getline(in, line))
    if (nlohmann::json::parse(line)["district"] == "fyn") out += line + "\n";
  return out;
}

struct Seen {
  size_t total;
  bool exact;
  std::vector<std::string> ids;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
  os << (s.exact ? "" : "more than ") << s.total << " [";
  for (const auto& id : s.ids) os << id << ' ';
  return os << ']';
}

Seen seen(const query::Searcher& searcher, Xapian::Database& db, const std::string& q, query::SortOrder sort,
          const DistrictScope& scope, size_t limit = 10) {
  query::SearchOptions options;
  options.sort = sort;
  options.scope = scope;
  options.limit = limit;
  options.snippets = false;
  const auto r = searcher.search(db, q, options);
  Seen s{r.total, r.total_exact, {}};
  for (const auto& h : r.hits) s.ids.push_back(h.id);
  return s;
}

}  // namespace

TEST_CASE("scope: totals, exactness and newest-first pages depend on the user's districts only", "[search][scope]") {
  const auto places = index::Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  const query::Searcher searcher(test::analyzer(), places);
  test::TempDir dir;
  const std::string bin = SOCIALSOEG_BIN;
  const std::string both = dir / "both", alone = dir / "alone";
  const std::string all_file = dir.write("all.jsonl", reports()), fyn = dir.write("fyn.jsonl", fyn_reports());
  REQUIRE(test::run_command(bin + " index --db " + both + " " + all_file + " >/dev/null 2>&1").exit_code == 0);
  REQUIRE(test::run_command(bin + " index --db " + alone + " " + fyn + " >/dev/null 2>&1").exit_code == 0);
  Xapian::Database both_db(both), alone_db(alone);
  const auto fyn_only = DistrictScope::only({"fyn"});
  const auto all = DistrictScope::everywhere();
  const auto date = query::SortOrder::kDate, relevance = query::SortOrder::kRelevance;

  SECTION("the attack: a person's role elsewhere does not show in a Fyn user's total") {
    const std::string sigtet = std::string("odense OR (cpr:") + kSuspect + " role:sigtet)";
    const std::string vidne = std::string("odense OR (cpr:") + kSuspect + " role:vidne)";
    const Seen a = seen(searcher, both_db, sigtet, date, fyn_only), b = seen(searcher, both_db, vidne, date, fyn_only);
    CHECK(a == b);
    CHECK(a == seen(searcher, alone_db, vidne, date, all));
    CHECK_FALSE(a.exact);  // 190 Odense reports: more than the search counts
    CHECK(a.total == 100);
    // The national user does see the suspect's reports.
    CHECK(seen(searcher, both_db, sigtet, date, all).ids != seen(searcher, both_db, vidne, date, all).ids);
  }
  SECTION("a word that only other districts use adds nothing to a total, in either order") {
    for (const auto sort : {date, relevance}) {
      const Seen odense = seen(searcher, both_db, "odense", sort, fyn_only);
      CHECK(seen(searcher, both_db, "odense OR aalborg", sort, fyn_only).total == odense.total);
      CHECK(seen(searcher, both_db, "odense OR aalborg", sort, fyn_only).exact == odense.exact);
      CHECK(odense.total == seen(searcher, alone_db, "odense", sort, all).total);
    }
  }
  SECTION("under the count limit, totals are exact and equal to the district's own database") {
    for (const std::string q : {"knivstikkeri", "knivstikkeri OR aalborg", "sigtet", "concept:vold", "odense"}) {
      for (const auto sort : {date, relevance}) {
        INFO(q << (sort == date ? " (date)" : " (relevance)"));
        const Seen scoped = seen(searcher, both_db, q, sort, fyn_only, 200);
        const Seen own = seen(searcher, alone_db, q, sort, all, 200);
        CHECK(scoped.exact);
        CHECK(scoped.total == own.total);
        CHECK(scoped.exact == own.exact);
        if (sort == date) CHECK(scoped.ids == own.ids);
      }
    }
    CHECK(seen(searcher, both_db, "knivstikkeri", date, fyn_only).total == 35);
    CHECK(seen(searcher, both_db, "knivstikkeri", date, fyn_only).exact);
    CHECK(seen(searcher, both_db, "knivstikkeri", date, all).total == 100);  // 235: more than 100
    CHECK_FALSE(seen(searcher, both_db, "knivstikkeri", date, all).exact);
    CHECK(seen(searcher, both_db, "knivstikkeri", date, all, 300).total == 235);
    CHECK(seen(searcher, both_db, "knivstikkeri", date, all, 300).exact);
  }
  SECTION("a deep page counts to its end") {
    const Seen deep = seen(searcher, both_db, "odense", date, fyn_only, 150);
    CHECK(deep.exact == false);
    CHECK(deep.total == 150);
    const Seen whole = seen(searcher, both_db, "odense", date, fyn_only, 190);
    CHECK(whole.exact);
    CHECK(whole.total == 190);
    CHECK(whole == seen(searcher, alone_db, "odense", date, all, 190));
  }
}
