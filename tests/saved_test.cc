// `socialsoeg saved`: add, list, run, rm; a bad query refused when saved;
// `run --new` exact across three runs with ingestion in between (new
// matches, a replaced report that matched before, a report that starts to
// match after an edit); the screening saved and run by name; the audit log.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "audit/audit_log.h"
#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using nlohmann::json;
using socialsoeg::test::kBin;
using socialsoeg::test::kDev;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;

namespace {

json report(const std::string& id, const std::string& date, const std::string& text) {
  return {{"id", id},     {"source", "døgnrapport"}, {"district", "fyn"}, {"occurred", date},
          {"text", text}, {"persons", json::array({{{"cpr", "010180-1001"}, {"name", "A"}, {"role", "sigtet"}}})}};
}

void index(const TempDir& dir, const std::vector<json>& reports, const std::string& name) {
  std::string lines;
  for (const auto& r : reports) lines += r.dump() + "\n";
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + dir.write(name, lines) + " >/dev/null 2>&1").exit_code == 0);
}

json run_saved(const TempDir& dir, const std::string& args) {
  const auto r = run_command(kBin + " saved run --db " + dir / "db --purpose test --json " + args + " 2>" +
                             dir / "err");
  INFO(read_file(dir / "err"));
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::set<std::string> hit_ids(const json& j) {
  std::set<std::string> out;
  for (const auto& h : j["hits"]) out.insert(h["id"]);
  return out;
}

}  // namespace

TEST_CASE("saved: add, list, rm — names and queries are checked", "[saved]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  index(dir, {report("R1", "2024-01-01", "Han blev sigtet for vold.")}, "r.jsonl");
  const std::string saved = kBin + " saved ";
  CHECK(run_command(saved + "add --db " + dir / "db vold 'concept:vold' --description 'al vold' >/dev/null 2>&1").exit_code == 0);
  CHECK(run_command(saved + "add --db " + dir / "db vold 'vold' 2>/dev/null").exit_code == 1);          // taken
  CHECK(run_command(saved + "add --db " + dir / "db 'bad name' vold 2>/dev/null").exit_code == 1);      // name
  const auto bad = run_command(saved + "add --db " + dir / "db typo 'concept:voldd' 2>&1");
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.out, Catch::Contains("did you mean vold"));
  CHECK(run_command(saved + "add --db " + dir / "db weekly --screen --window-days 300 >/dev/null 2>&1").exit_code == 0);
  const auto list = json::parse(run_command(saved + "list --db " + dir / "db --json").out);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["name"] == "vold");
  CHECK(list[0]["description"] == "al vold");
  CHECK(list[1]["name"] == "weekly");
  CHECK(list[1]["kind"] == "screen");
  CHECK(list[1]["rule"]["window_days"] == 300);
  CHECK(run_command(saved + "rm --db " + dir / "db vold >/dev/null 2>&1").exit_code == 0);
  CHECK(run_command(saved + "rm --db " + dir / "db vold 2>/dev/null").exit_code == 1);
  CHECK(json::parse(run_command(saved + "list --db " + dir / "db --json").out).size() == 1);
  CHECK(run_command(saved + "run --db " + dir / "db nothing --purpose x 2>/dev/null").exit_code == 1);
  CHECK(run_command(saved + "run --db " + dir / "db weekly 2>/dev/null").exit_code == 1);  // no purpose
}

TEST_CASE("saved run --new: exactly what the previous run did not match, across three runs", "[saved][new]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  index(dir,
        {report("R1", "2024-01-01", "Han blev sigtet for vold."), report("R2", "2024-02-01", "Husspektakel uden vold."),
         report("R3", "2024-03-01", "Han var stærkt beruset.")},
        "r1.jsonl");
  REQUIRE(run_command(kBin + " saved add --db " + dir / "db vold vold >/dev/null 2>&1").exit_code == 0);
  // Run 1: everything is new.
  const auto first = run_saved(dir, "vold --new");
  CHECK(hit_ids(first) == std::set<std::string>{"R1", "R2"});
  CHECK(first["run"] == 1);
  // Ingestion: a new match (dated earlier than the others), a non-match, R1 edited (still a
  // match: not new, the last run showed it), R3 edited into a match (new).
  index(dir,
        {report("R0", "2023-06-01", "Voldsepisode i nattelivet."), report("R4", "2024-04-01", "Tyveri fra bil."),
         report("R1", "2024-01-01", "Han blev sigtet for vold mod betjent."),
         report("R3", "2024-03-01", "Han var stærkt beruset og udøvede vold.")},
        "r2.jsonl");
  const auto second = run_saved(dir, "vold --new");
  CHECK(hit_ids(second) == std::set<std::string>{"R0", "R3"});
  CHECK(second["matches"] == 4);
  // Run 3: nothing indexed since.
  CHECK(run_saved(dir, "vold --new")["hits"].empty());
  // Without --new, everything that matches.
  CHECK(hit_ids(run_saved(dir, "vold")) == std::set<std::string>{"R0", "R1", "R2", "R3"});
  // The audit log has one record per run, with the ids shown.
  const auto log = read_file(dir / "db/audit.log");
  size_t runs = 0;
  for (size_t at = log.find("\"saved-run\""); at != std::string::npos; at = log.find("\"saved-run\"", at + 1)) ++runs;
  CHECK(runs == 4);
}

TEST_CASE("saved: the screening saved and run by name, new relative to its own runs", "[saved][screen]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " saved add --db " + dir / "db weekly --screen >/dev/null 2>&1").exit_code == 0);
  const auto first = run_saved(dir, "weekly --as-of 2025-12-31");
  CHECK(first["flags"].size() == 7);  // screen.json's seven
  CHECK(run_saved(dir, "weekly --as-of 2025-12-31 --new")["flags"].empty());
  // The plain screen command keeps its own runs: for it, everything is still new.
  const auto screen = run_command(kBin + " screen --db " + dir / "db --purpose x --json --new --as-of 2025-12-31");
  CHECK(json::parse(screen.out)["flags"].size() == 7);
}

TEST_CASE("saved: each user has names of their own — a name another user keeps is free, and their searches unseen",
          "[saved][users]") {
  // A taken name would tell one user what another keeps (a name may hold a CPR number).
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  socialsoeg::test::add_user(dir / "db", "officer7", "--role secretariat --district fyn");
  index(dir, {report("R1", "2024-01-01", "Han blev sigtet for vold."),
              report("R2", "2024-01-02", "Han blev sigtet for spirituskørsel.")}, "r.jsonl");
  const std::string me = kBin + " saved ", officer = socialsoeg::test::kBinWithPassword + " saved ";
  CHECK(run_command(me + "add --db " + dir / "db vold 'concept:vold' >/dev/null 2>&1").exit_code == 0);
  CHECK(run_command(officer + "add --user officer7 --db " + dir / "db vold 'spirituskørsel' >/dev/null 2>&1").exit_code == 0);
  CHECK(run_command(officer + "add --user officer7 --db " + dir / "db vold 'vold' 2>/dev/null").exit_code == 1);  // their own, taken
  const auto mine = json::parse(run_command(me + "list --db " + dir / "db --json").out);
  const auto theirs = json::parse(run_command(officer + "list --user officer7 --db " + dir / "db --json").out);
  REQUIRE(mine.size() == 1);
  REQUIRE(theirs.size() == 1);
  CHECK(mine[0]["query"] == "concept:vold");
  CHECK(theirs[0]["query"] == "spirituskørsel");
  // Each runs their own: the same name, different reports.
  CHECK(hit_ids(run_saved(dir, "vold")) == std::set<std::string>{"R1"});
  const auto r = run_command(officer + "run --user officer7 --db " + dir / "db --purpose test --json vold 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  CHECK(hit_ids(json::parse(r.out)) == std::set<std::string>{"R2"});
  // Removing one's own leaves the other's.
  CHECK(run_command(officer + "rm --user officer7 --db " + dir / "db vold >/dev/null 2>&1").exit_code == 0);
  CHECK(json::parse(run_command(me + "list --db " + dir / "db --json").out).size() == 1);
  CHECK(hit_ids(run_saved(dir, "vold")) == std::set<std::string>{"R1"});
}

TEST_CASE("saved: a store of the earlier shared layout moves into its owners' folders, runs and all", "[saved][users]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  index(dir, {report("R1", "2024-01-01", "Han blev sigtet for vold.")}, "r.jsonl");
  const std::string me = socialsoeg::audit::login_name();
  // As an earlier version wrote it: one file for everyone, run records beside it.
  std::filesystem::create_directories(dir / "db/saved");
  const json shared = {{"vold", {{"kind", "search"}, {"query", "concept:vold"}, {"description", ""}, {"created", "2026-01-01T00:00:00Z"},
                                 {"user", me}, {"scope", "all"}}},
                       {"andet", {{"kind", "search"}, {"query", "vold"}, {"description", ""}, {"created", "2026-01-01T00:00:00Z"},
                                  {"user", "someone-else"}, {"scope", "all"}}}};
  dir.write("db/saved/searches.json", shared.dump());
  dir.write("db/saved/vold.ids", "R1\n");
  dir.write("db/saved/vold.run.json", R"({"runs": 1, "time": "2026-01-02T00:00:00Z", "user": ")" + me + R"(", "last_batch": 1})" "\n");
  const auto list = json::parse(run_command(kBin + " saved list --db " + dir / "db --json").out);
  REQUIRE(list.size() == 1);  // only mine
  CHECK(list[0]["name"] == "vold");
  CHECK(list[0]["runs"] == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "db/saved/searches.json"));
  // The run record came along: R1 is not new.
  const auto j = run_saved(dir, "--new vold");
  CHECK(hit_ids(j).empty());
}
