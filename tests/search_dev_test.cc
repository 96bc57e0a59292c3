// Search on the labelled dev set (tests/data/dev, a copy of the shared
// eval/dev), end to end through the real program: index reports.jsonl and
// residents.jsonl, run every query of queries.jsonl with
// `search --json --limit 1000`, and measure recall and precision per kind
// (ids listed as neutral are neither required nor wrong). Then the pairs of
// analyzer_pairs.tsv through index and search. Prints the figures; fails
// under the targets.
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;

namespace {

const std::string kBin = SOCIALSOEG_BIN;
const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev/";

// The ids `search --json --limit 1000` returns for `query` (FAILs on anything but exit 0).
std::vector<std::string> search_ids(const TempDir& dir, const std::string& query) {
  const auto r = run_command(kBin + " search --db " + dir / "db" + " --purpose dev-eval --json --limit 1000 " +
                             shell_quote(query) + " 2>" + dir / "stderr");
  INFO("query: " << query << "\n" << socialsoeg::test::read_file(dir / "stderr"));
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& h : j.at("hits")) ids.push_back(h.at("id"));
  REQUIRE(j.at("total").get<size_t>() == ids.size());
  return ids;
}

struct KindFigures {
  size_t relevant = 0, found = 0, returned = 0, wrong = 0;
  std::vector<std::string> notes;
  double recall() const { return relevant ? double(found) / double(relevant) : 1.0; }
  double precision() const { return found + wrong ? double(found) / double(found + wrong) : 1.0; }
};

}  // namespace

TEST_CASE("search on the dev set: recall and precision per kind of query", "[search][dev]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db" + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db" + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);

  std::map<std::string, KindFigures> kinds;
  std::ifstream in(kDev + "queries.jsonl");
  std::string line;
  size_t queries = 0;
  while (std::getline(in, line)) {
    const auto q = nlohmann::json::parse(line);
    ++queries;
    const std::set<std::string> relevant(q["relevant"].begin(), q["relevant"].end());
    const std::set<std::string> neutral(q["neutral"].begin(), q["neutral"].end());
    auto& f = kinds[q["kind"]];
    size_t found = 0, wrong = 0;
    std::string extra;
    for (const auto& id : search_ids(dir, q["query"])) {
      ++f.returned;
      if (relevant.count(id)) {
        ++found;
      } else if (!neutral.count(id)) {
        ++wrong;
        extra += " +" + id;
      }
    }
    f.relevant += relevant.size();
    f.found += found;
    f.wrong += wrong;
    if (found < relevant.size() || wrong)
      f.notes.push_back(q["qid"].get<std::string>() + " '" + q["query"].get<std::string>() + "' " + std::to_string(found) +
                        "/" + std::to_string(relevant.size()) + extra);
  }
  REQUIRE(queries >= 100);
  for (const auto& [kind, f] : kinds) {
    std::cout << "search " << kind << ": recall " << f.recall() << " (" << f.found << "/" << f.relevant
              << "), precision " << f.precision() << " (" << f.wrong << " wrong of " << f.returned << " returned)\n";
    for (const auto& n : f.notes) std::cout << "  " << n << "\n";
  }
  REQUIRE(kinds.count("term"));
  REQUIRE(kinds.count("concept"));
  REQUIRE(kinds.count("filtered"));
  for (const char* kind : {"term", "concept"}) {
    INFO(kind);
    CHECK(kinds[kind].recall() >= 0.97);
    CHECK(kinds[kind].precision() >= 0.97);
  }
  CHECK(kinds["filtered"].found == kinds["filtered"].relevant);
  CHECK(kinds["filtered"].wrong == 0);
}

TEST_CASE("search on the dev set: analyzer pairs through index and search", "[search][dev]") {
  // One report per form; a search for one form must find the other's report
  // (match: at least one way — a compound's part finds the compound, never
  // the reverse) or neither (nomatch).
  struct Pair {
    std::string a, b, want;
  };
  std::vector<Pair> pairs;
  {
    std::ifstream in(kDev + "analyzer_pairs.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      pairs.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
    }
  }
  REQUIRE(pairs.size() >= 30);
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  std::string reports;
  for (size_t i = 0; i < pairs.size(); ++i) {
    for (const auto& [side, text] : {std::pair{"a", pairs[i].a}, std::pair{"b", pairs[i].b}}) {
      const nlohmann::json r = {{"id", "pair-" + std::to_string(i) + "-" + side},
                                {"source", "døgnrapport"},
                                {"district", "fyn"},
                                {"occurred", "2024-05-01"},
                                {"text", "Notat: " + text + "."}};
      reports += r.dump() + "\n";
    }
  }
  REQUIRE(run_command(kBin + " index --db " + dir / "db" + " " + dir.write("pairs.jsonl", reports) + " >/dev/null 2>&1")
              .exit_code == 0);
  size_t right = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto finds = [&](const std::string& query, const std::string& other) {
      const auto ids = search_ids(dir, query);
      return std::find(ids.begin(), ids.end(), "pair-" + std::to_string(i) + "-" + other) != ids.end();
    };
    const bool ab = finds(pairs[i].a, "b"), ba = finds(pairs[i].b, "a");
    const bool ok = pairs[i].want == "match" ? (ab || ba) : (!ab && !ba);
    right += ok;
    if (!ok) std::cout << "  pair wrong: " << pairs[i].a << " / " << pairs[i].b << " (" << pairs[i].want << ")\n";
  }
  std::cout << "search pairs: " << right << "/" << pairs.size() << "\n";
  CHECK(right == pairs.size());
}
