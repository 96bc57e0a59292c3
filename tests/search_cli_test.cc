// `socialsoeg search` end to end on a real index of the dev set: purpose and
// audit record, bad queries (exit 1, the column, a caret, JSON error, CPR
// masked), JSON fields, sorting and paging, negated concepts, filters that do
// not change scores, the word as typed above its synonyms, and snippets that
// mark what matched through compounds, synonyms and concept patterns.
#include <catch2/catch.hpp>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;
using nlohmann::json;

namespace {

const std::string kBin = SOCIALSOEG_BIN;
const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev/";

// One dev-set index for the whole file (indexing it is the slow part).
const TempDir& dev_index() {
  static TempDir dir;
  static const bool built = [] {
    socialsoeg::test::add_test_users(dir / "db");
    return run_command(kBin + " index --db " + dir / "db" + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0;
  }();
  REQUIRE(built);
  return dir;
}

struct Run {
  int exit_code;
  std::string out, err;
};

Run search(const std::string& args, std::string db = "", const std::string& env = "") {
  if (db.empty()) db = dev_index() / "db";
  TempDir tmp;
  const auto r = run_command(env + kBin + " search --db " + db + " " + args + " 2>" + tmp / "err");
  return {r.exit_code, r.out, read_file(tmp / "err")};
}

json search_json(const std::string& query, const std::string& more = "") {
  const auto r = search("--purpose test --json " + more + " " + shell_quote(query));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<std::string> ids_of(const json& j) {
  std::vector<std::string> ids;
  for (const auto& h : j["hits"]) ids.push_back(h["id"]);
  return ids;
}

const json& hit(const json& j, const std::string& id) {
  for (const auto& h : j["hits"])
    if (h["id"] == id) return h;
  FAIL("no hit " << id);
  throw std::logic_error("unreachable");
}

std::vector<std::string> marked(const json& h) {
  std::vector<std::string> out;
  const std::string s = h["snippet"];
  for (const auto& m : h["snippet_matches"]) out.push_back(s.substr(m["start"], m["end"].get<size_t>() - m["start"].get<size_t>()));
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("search CLI: no purpose, no search — each search is one audit record", "[search][cli][audit]") {
  const TempDir& dir = dev_index();
  const auto log = dir / "db/audit.log";
  const auto before = read_file(log);
  const auto refused = search("'vold'");
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("--purpose"));
  CHECK(refused.out.empty());
  CHECK(read_file(log) == before);  // nothing shown, nothing logged

  static const bool officer = (socialsoeg::test::add_user(dir / "db", "officer7", "--role patrol --district all"), true);
  REQUIRE(officer);
  const Run r = search(std::string("--purpose 'sag 0100-77' --user officer7 --json --limit 3 'concept:vold cpr:0202760945'"),
                       std::string(), "SOCIALSOEG_PASSWORD=" + socialsoeg::test::kTestPassword + " ");
  REQUIRE(r.exit_code == 0);
  const auto after = read_file(log);
  REQUIRE(after.size() > before.size());
  const auto last = json::parse(after.substr(after.rfind('\n', after.size() - 2) + 1));
  CHECK(last["action"] == "search");
  CHECK(last["user"] == "officer7");
  CHECK(last["purpose"] == "sag 0100-77");
  const auto keys = socialsoeg::audit::AuditKeys::load_or_create(dir / "db/access");
  CHECK(last["query"] == "concept:vold cpr:cpr#" + keys.person_hash("0202760945"));
  CHECK(last["ids"] == json::array({"J-5100-2024-d004"}));
  CHECK(last["outcome"] == "allowed");
  CHECK(last.contains("time"));
  const auto report = socialsoeg::audit::verify_log(log, keys, dir / "db/audit.checkpoints", keys.sign_public);
  CHECK_FALSE(report.problem.has_value());
  // The CPR number is nowhere: not on stderr, not in the audit log (a keyed hash there).
  CHECK(r.err.find("0202760945") == std::string::npos);
  CHECK(after.find("0202760945") == std::string::npos);
}

TEST_CASE("search CLI: a bad query is exit 1 with the column, a caret and a suggestion", "[search][cli][errors]") {
  const auto r = search("--purpose test 'spritkørsel concept:spritkoersel'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("bad query at character 21: there is no concept 'spritkoersel'"));
  CHECK_THAT(r.err, Catch::Contains("  spritkørsel concept:spritkoersel\n" + std::string(22, ' ') + "^"));
  CHECK_THAT(r.err, Catch::Contains("did you mean spirituskoersel"));

  const auto j = search("--purpose test --json '(vold OR trusler'");
  CHECK(j.exit_code == 1);
  const auto e = json::parse(j.out)["error"];
  CHECK(e["position"] == 0);
  CHECK(e["column"] == 1);
  CHECK(e["problem"] == "'(' is never closed");
  CHECK(e["suggestion"] == "add ')'");

  // A CPR number in a bad query is masked on stderr.
  const auto c = search("--purpose test 'cpr:0202760945 date:2024-02-30'");
  CHECK(c.exit_code == 1);
  CHECK_THAT(c.err, Catch::Contains("there is no date 2024-02-30"));
  CHECK(c.err.find("0202760945") == std::string::npos);
}

TEST_CASE("search CLI: a missing database is exit 3", "[search][cli][errors]") {
  TempDir empty;
  const auto r = search("--purpose test vold", empty / "nothing");
  CHECK(r.exit_code == 3);
}

TEST_CASE("search CLI: JSON fields of docs/contract.md §7 and the snippet form", "[search][cli][json]") {
  const auto j = search_json("partnervold", "--limit 2");
  CHECK(j["total"].get<int>() >= 6);
  CHECK(j["total_exact"] == true);
  CHECK(j["sort"] == "relevance");
  REQUIRE(j["hits"].size() == 2);
  for (const auto& h : j["hits"]) {
    for (const char* field : {"id", "score", "occurred", "source", "district", "title", "snippet", "snippet_matches",
                              "title_matches", "concepts", "persons"})
      CHECK(h.contains(field));
    CHECK(h["score"].get<double>() > 0);
    for (const auto& c : h["concepts"]) {
      CHECK(c.contains("concept"));
      CHECK((c["polarity"] == "affirmed" || c["polarity"] == "negated"));
    }
  }
  // Readable output on a pipe: matches in brackets, the total, one block per hit.
  const auto r = search("--purpose test --limit 1 'concept:husspektakel cpr:0305833130 role:involveret'");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("1 report, sorted by relevance; showing 1-1"));
  CHECK_THAT(r.out, Catch::Contains("J-5100-2024-d003"));
  CHECK_THAT(r.out, Catch::Contains("[højlydt skænderi]"));
}

TEST_CASE("search CLI: sorting by date, paging, filters-only newest first", "[search][cli]") {
  const auto all = search_json("vold", "--sort date --limit 100");
  CHECK(all["sort"] == "date");
  std::vector<std::string> dates;
  for (const auto& h : all["hits"]) dates.push_back(h["occurred"]);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  const auto page1 = ids_of(search_json("vold", "--sort date --limit 5"));
  const auto page2 = ids_of(search_json("vold", "--sort date --limit 5 --offset 5"));
  const auto ids = ids_of(all);
  CHECK(page1 == std::vector<std::string>(ids.begin(), ids.begin() + 5));
  CHECK(page2 == std::vector<std::string>(ids.begin() + 5, ids.begin() + 10));
  // Only filters: no relevance to rank by, so newest first.
  const auto filtered = search_json("district:nordjylland date:2024");
  CHECK(filtered["sort"] == "date");
  CHECK(filtered["hits"].size() > 1);
}

TEST_CASE("search CLI: concept search is affirmed only unless --include-negated", "[search][cli][concepts]") {
  const auto affirmed = ids_of(search_json("concept:spirituskoersel", "--limit 100"));
  const auto with_negated = ids_of(search_json("concept:spirituskoersel", "--limit 100 --include-negated"));
  // DR-4400-2024-d012 mentions drink-driving only as negated (the test was negative).
  CHECK_FALSE(contains(affirmed, "DR-4400-2024-d012"));
  CHECK(contains(with_negated, "DR-4400-2024-d012"));
  CHECK(with_negated.size() > affirmed.size());
  for (const auto& id : affirmed) CHECK(contains(with_negated, id));
}

TEST_CASE("search CLI: filters restrict without changing scores — Danish operators", "[search][cli]") {
  const auto plain = search_json("vold", "--limit 100");
  const auto& first = plain["hits"][0];
  const auto filtered = search_json("vold district:" + first["district"].get<std::string>(), "--limit 100");
  CHECK(hit(filtered, first["id"])["score"] == first["score"]);
  CHECK(filtered["hits"].size() < plain["hits"].size());

  CHECK(ids_of(search_json("vold OG trusler", "--limit 100")) == ids_of(search_json("vold AND trusler", "--limit 100")));
  CHECK(ids_of(search_json("vold ELLER tilhold", "--limit 100")) == ids_of(search_json("vold OR tilhold", "--limit 100")));
  CHECK(ids_of(search_json("vold IKKE samlever", "--limit 100")) == ids_of(search_json("vold NOT samlever", "--limit 100")));
  const auto without = ids_of(search_json("vold NOT samlever", "--limit 100"));
  CHECK(without.size() < plain["hits"].size());
}

TEST_CASE("search CLI: the word as typed ranks above its synonyms", "[search][cli][ranking]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  std::string reports;
  // Same length, same district and date: only the word differs.
  for (const auto& [id, word] : {std::pair{"R-synonym", "spirituskørsel"}, std::pair{"R-typed", "spritkørsel"}}) {
    reports += json{{"id", id}, {"source", "døgnrapport"}, {"district", "fyn"}, {"occurred", "2024-05-01"},
                    {"text", std::string("En mand blev standset og sigtet for ") + word + " i nat."}}
                   .dump() +
               "\n";
  }
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + dir.write("r.jsonl", reports) + " >/dev/null 2>&1").exit_code == 0);
  const auto r = search("--purpose test --json spritkørsel", dir / "db");
  REQUIRE(r.exit_code == 0);
  const auto j = json::parse(r.out);
  REQUIRE(ids_of(j) == std::vector<std::string>{"R-typed", "R-synonym"});
  CHECK(j["hits"][0]["score"].get<double>() > j["hits"][1]["score"].get<double>());
  // Both snippets mark their word: as typed, and through the synonym.
  CHECK(marked(j["hits"][0]) == std::vector<std::string>{"spritkørsel"});
  CHECK(marked(j["hits"][1]) == std::vector<std::string>{"spirituskørsel"});
}

TEST_CASE("search CLI: snippets mark compounds, inflections and concept patterns", "[search][cli][snippet]") {
  // "vold" meets the compound "voldsepisoden" in J-5100-2024-d004.
  const auto v = search_json("vold", "--limit 100");
  CHECK(contains(marked(hit(v, "J-5100-2024-d004")), "voldsepisoden"));
  // "husspektakler" (plural) meets the report's singular in its title.
  const auto hs = search_json("husspektakler", "--limit 100");
  const auto& h = hit(hs, "J-5100-2024-d003");
  REQUIRE(h["title_matches"].size() == 1);
  CHECK(h["title"].get<std::string>().substr(h["title_matches"][0]["start"], 12) == "Husspektakel");
  // A concept search marks the words that carry the concept.
  const auto c = search_json("concept:husspektakel", "--limit 100");
  CHECK(contains(marked(hit(c, "J-5100-2024-d003")), "højlydt skænderi"));
  // A word under NOT is never marked.
  const auto n = search_json("vold NOT samlever", "--limit 100");
  for (const auto& x : n["hits"])
    for (const auto& w : marked(x)) CHECK(w.find("samlever") == std::string::npos);
}

TEST_CASE("search CLI: words an officer types find the other words for the same thing", "[search][cli]") {
  // Synonyms and word families the dev set does not use (dictionaries/synonyms.da.txt):
  // each query must find the report written with the other word, and "narko" not "narkose".
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"narko", "Der blev fundet narkotika i lejligheden.", "Han fik narkose på hospitalet."},
      {"kokain", "Han havde coke i lommen.", ""},
      {"amfetamin", "Der blev fundet speed i bilen.", ""},
      {"brandstiftelse", "Han er sigtet for ildspåsættelse.", ""},
      {"hærværk", "Han er sigtet for skadeforvoldelse.", ""},
      {"stofmisbrug", "Moderen er stofmisbruger.", ""},
      {"mishandling", "Barnet var blevet mishandlet.", ""},
      {"voldtægt", "Hun blev voldtaget i parken.", ""},
      {"tyveri", "Han havde stjålet en cykel.", ""},
      {"røveri", "Kiosken blev røvet.", ""},
      {"drab", "Manden blev dræbt.", ""},
      {"kvælning", "Hun var blevet kvalt.", ""},
  };
  TempDir dir;
  std::string lines;
  auto record = [](const std::string& id, const std::string& text) {
    return json{{"id", id}, {"source", "døgnrapport"}, {"district", "fyn"}, {"municipality", "461"},
                {"occurred", "2024-01-01"}, {"title", "Test"}, {"text", text}, {"persons", json::array()}}
        .dump();
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    lines += record("DR-0101-2024-p" + std::to_string(i), std::get<1>(cases[i])) + "\n";
    if (!std::get<2>(cases[i]).empty()) lines += record("DR-0101-2024-n" + std::to_string(i), std::get<2>(cases[i])) + "\n";
  }
  {
    std::ofstream(dir / "reports.jsonl") << lines;
  }
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db" + " " + dir / "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string& query = std::get<0>(cases[i]);
    INFO("query: " << query);
    const auto r = search("--purpose test --json --limit 50 " + shell_quote(query), dir / "db");
    REQUIRE(r.exit_code == 0);
    const auto ids = ids_of(json::parse(r.out));
    CHECK(std::count(ids.begin(), ids.end(), "DR-0101-2024-p" + std::to_string(i)) == 1);
    CHECK(std::count(ids.begin(), ids.end(), "DR-0101-2024-n" + std::to_string(i)) == 0);
  }
}
