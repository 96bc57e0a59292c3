// Crash safety of `socialsoeg index`: kill -9 at many points of a
// load — timed, and exactly before and after commits — and check each time:
//   1. the database opens and passes xapian-check;
//   2. every batch the indexer reported as committed is in the database, with
//      every record of its lines;
//   3. running the same command again completes the job with the same set of
//      documents as a run that was never interrupted.
// The same for --replace-all, where readers must see the old index whole
// until the switch. SOCIALSOEG_CRASH_KILLS sets the number of kills
// (default 60; bench/crash.sh runs 300). The seed is printed and can be set
// with SOCIALSOEG_TEST_SEED.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fcntl.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <thread>
#include <xapian.h>

#include "index/schema.h"
#include "index/stored_report.h"
#include "process.h"
#include "temp_dir.h"

extern char** environ;

using namespace socialsoeg;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::TempDir;

namespace {

const std::string kBin = SOCIALSOEG_BIN;

unsigned setting(const char* name, unsigned fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<unsigned>(std::stoul(v)) : fallback;
}

// Starts socialsoeg with `args`, stderr to `log`, and optionally the crash hook; returns the pid.
pid_t start(const std::vector<std::string>& args, const std::string& log, const std::string& crash_at) {
  std::vector<std::string> argv_s = {kBin, "-v"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e)
    if (std::string(*e).rfind("SOCIALSOEG_CRASH_AT=", 0) != 0) env_s.push_back(*e);
  if (!crash_at.empty()) env_s.push_back("SOCIALSOEG_CRASH_AT=" + crash_at);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, kBin.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

struct Outcome {
  bool killed;
  int exit_code;
};

// Waits for the process, killing it after `kill_after` (if given).
Outcome finish(pid_t pid, std::optional<std::chrono::milliseconds> kill_after) {
  int status = 0;
  if (kill_after) {
    const auto deadline = std::chrono::steady_clock::now() + *kill_after;
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid, &status, WNOHANG) == pid) return {WIFSIGNALED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
  }
  ::waitpid(pid, &status, 0);
  return {WIFSIGNALED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

// id -> stored data: "the same set of documents" (batch numbers aside, which
// count loads and so differ between an interrupted job and an uninterrupted one).
std::map<std::string, std::string> documents(const std::string& db_dir) {
  Xapian::Database db(db_dir);
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const std::string data = db.get_document(*it).get_value(socialsoeg::schema::kSlotStoredReport);
    out[socialsoeg::index::read_stored_report(data, *it).id] = data;
  }
  return out;
}

bool database_sound(const std::string& db_dir) {
  const std::string stub = read_file(db_dir + "/XAPIANDB");
  if (stub.empty()) return true;  // killed before the first database was created: nothing to check
  const std::string generation = stub.substr(stub.find(' ') + 1, stub.find('\n') - stub.find(' ') - 1);
  return run_command("xapian-check " + db_dir + "/" + generation + " >/dev/null 2>&1").exit_code == 0;
}

struct Input {
  std::string path;
  std::vector<std::string> id_at_line;  // 1-based line -> id
};

// Batches the log reports as committed, checked against the database.
void check_committed(const std::string& db_dir, const std::string& log, const Input& input, bool& any_committed) {
  static const std::regex committed(R"(committed batch (\d+): (\d+) records, \S+ lines (\d+)-(\d+))");
  const std::string text = read_file(log);
  Xapian::Database db;
  bool opened = false;
  for (std::sregex_iterator m(text.begin(), text.end(), committed), end; m != end; ++m) {
    if (!opened) {
      db = Xapian::Database(db_dir);
      opened = true;
    }
    any_committed = true;
    const std::string batch = (*m)[1];
    INFO("batch " << batch);
    const std::string record = db.get_metadata(schema::batch_key(std::stoull(batch)));
    REQUIRE_FALSE(record.empty());
    CHECK(nlohmann::json::parse(record)["records"] == std::stoull((*m)[2]));
    for (size_t line = std::stoull((*m)[3]); line <= std::stoull((*m)[4]); ++line) {
      const std::string term = schema::boolean_term(schema::kId, input.id_at_line.at(line));
      CHECK(db.term_exists(term));
    }
  }
}

Input make_input(const TempDir& dir, unsigned reports, unsigned seed) {
  const auto out = dir / ("sample-" + std::to_string(seed));
  REQUIRE(run_command(std::string(SOCIALSOEG_SAMPLE_BIN) + " --out " + out + " --reports " + std::to_string(reports) +
                      " --seed " + std::to_string(seed) + " >/dev/null 2>&1")
              .exit_code == 0);
  Input input{out + "/reports.jsonl", {""}};
  std::ifstream in(input.path);
  for (std::string line; std::getline(in, line);) input.id_at_line.push_back(nlohmann::json::parse(line).at("id"));
  return input;
}

}  // namespace

TEST_CASE("crash safety: kill -9 during daily loads, at commits and at random moments", "[crash]") {
  const unsigned kills_wanted = setting("SOCIALSOEG_CRASH_KILLS", 60);
  const unsigned seed = setting("SOCIALSOEG_TEST_SEED", static_cast<unsigned>(std::random_device{}()));
  WARN("crash test seed " << seed << " (SOCIALSOEG_TEST_SEED), " << kills_wanted << " kills");
  std::mt19937 rng(seed);
  TempDir dir;
  const Input input = make_input(dir, 1500, 7);
  const std::vector<std::string> args = {"index", "--db", dir / "db", "--batch-size", "100", input.path};

  // The reference: one uninterrupted run, timed so that random kills fall inside a run.
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(finish(start({"index", "--db", dir / "ref", "--batch-size", "100", input.path}, dir / "ref.log", ""),
                 std::nullopt)
              .exit_code == 0);
  const auto run_ms = std::max<long>(
      20, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  const auto expected = documents(dir / "ref");
  REQUIRE(expected.size() == input.id_at_line.size() - 1);

  unsigned kills = 0, completed_jobs = 0, at_commits = 0;
  std::filesystem::remove_all(dir / "db");
  while (kills < kills_wanted) {
    // Half the kills at commit boundaries (just before or just after commit
    // number N of the database), half after a random time.
    std::string crash_at;
    std::optional<std::chrono::milliseconds> kill_after;
    uint64_t last = 0;
    if (std::filesystem::exists(dir / "db/XAPIANDB"))
      last = std::stoull(Xapian::Database(dir / "db").get_metadata(std::string(schema::kMetaLastBatch)));
    if (rng() % 2 == 0) {
      crash_at = std::string(rng() % 2 ? "before-commit:" : "after-commit:") + std::to_string(last + 1 + rng() % 4);
    } else {
      kill_after = std::chrono::milliseconds(rng() % static_cast<unsigned long>(run_ms));
    }
    const auto log = dir / "run.log";
    const Outcome outcome = finish(start(args, log, crash_at), kill_after);
    INFO("run with crash_at=" << crash_at << " kill_after=" << (kill_after ? kill_after->count() : -1) << "ms\n"
                              << read_file(log));
    bool any = false;
    if (outcome.killed) {
      ++kills;
      at_commits += !crash_at.empty();
      REQUIRE(database_sound(dir / "db"));
      check_committed(dir / "db", log, input, any);
    } else {
      // Ran to the end (the kill came too late): the job is complete.
      REQUIRE(outcome.exit_code == 0);
      CHECK(database_sound(dir / "db"));
      CHECK(documents(dir / "db") == expected);
      ++completed_jobs;
      std::filesystem::remove_all(dir / "db");
    }
  }
  // Finish the last job: the same command completes it.
  if (std::filesystem::exists(dir / "db")) {
    REQUIRE(finish(start(args, dir / "last.log", ""), std::nullopt).exit_code == 0);
    CHECK(documents(dir / "db") == expected);
    CHECK(database_sound(dir / "db"));
    ++completed_jobs;
  }
  CHECK(at_commits >= kills_wanted / 4);
  CHECK(completed_jobs >= 2);
  WARN(kills << " kills (" << at_commits << " at commits), " << completed_jobs << " jobs completed");
}

TEST_CASE("crash safety: kill -9 during --replace-all leaves the old index whole until the switch", "[crash]") {
  const unsigned kills_wanted = std::max(10u, setting("SOCIALSOEG_CRASH_KILLS", 60) / 4);
  const unsigned seed = setting("SOCIALSOEG_TEST_SEED", static_cast<unsigned>(std::random_device{}()));
  WARN("crash test seed " << seed);
  std::mt19937 rng(seed);
  TempDir dir;
  const Input old_input = make_input(dir, 400, 8);
  const Input new_input = make_input(dir, 1500, 9);
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(finish(start({"index", "--db", dir / "ref", new_input.path}, dir / "ref.log", ""), std::nullopt).exit_code == 0);
  const auto run_ms = std::max<long>(
      20, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  const auto expected_new = documents(dir / "ref");

  auto fresh_old = [&] {
    std::filesystem::remove_all(dir / "db");
    REQUIRE(finish(start({"index", "--db", dir / "db", old_input.path}, dir / "old.log", ""), std::nullopt).exit_code == 0);
  };
  fresh_old();
  const auto expected_old = documents(dir / "db");
  const std::vector<std::string> args = {"index", "--replace-all", "--batch-size", "200", "--db", dir / "db", new_input.path};
  unsigned kills = 0, switched = 0;
  while (kills < kills_wanted) {
    std::string crash_at;
    std::optional<std::chrono::milliseconds> kill_after;
    switch (rng() % 3) {
      case 0: crash_at = "before-commit:" + std::to_string(1 + rng() % 8); break;
      case 1: crash_at = "before-switch:1"; break;
      default: kill_after = std::chrono::milliseconds(rng() % static_cast<unsigned long>(run_ms));
    }
    const Outcome outcome = finish(start(args, dir / "run.log", crash_at), kill_after);
    INFO("crash_at=" << crash_at << "\n" << read_file(dir / "run.log"));
    REQUIRE(database_sound(dir / "db"));
    const auto now = documents(dir / "db");
    if (outcome.killed) {
      ++kills;
      // Readers see exactly the old index or, killed after the switch, exactly the new one.
      CHECK((now == expected_old || now == expected_new));
      if (now == expected_old) {
        // Running the same command again completes the rebuild (resuming it).
        REQUIRE(finish(start(args, dir / "resume.log", ""), std::nullopt).exit_code == 0);
        CHECK(documents(dir / "db") == expected_new);
        CHECK(database_sound(dir / "db"));
      }
    } else {
      REQUIRE(outcome.exit_code == 0);
      CHECK(now == expected_new);
    }
    ++switched;
    fresh_old();
  }
  WARN(kills << " kills during --replace-all, " << switched << " rebuilds completed");
}

TEST_CASE("crash safety: a --replace-all that fails part-way is completed by the same command", "[crash]") {
  // A failure the program survives (a full disk, an input that changed):
  // one shard throws before a commit while the other has added documents
  // since its last one, which closing its database commits. The next run
  // must resume from what each shard really holds, not from its last mark.
  TempDir dir;
  const Input input = make_input(dir, 1500, 11);
  REQUIRE(finish(start({"index", "--db", dir / "ref", input.path}, dir / "ref.log", ""), std::nullopt).exit_code == 0);
  const auto expected = documents(dir / "ref");
  for (const char* fail_at : {"before-commit:2", "before-commit:5", "after-commit:4"}) {
    INFO(fail_at);
    std::filesystem::remove_all(dir / "db");
    const std::string command = std::string(SOCIALSOEG_BIN) + " index --replace-all --threads 2 --batch-size 200 --db " +
                                dir / "db" + " " + input.path;
    const auto failed = socialsoeg::test::run_command("SOCIALSOEG_FAIL_AT=" + std::string(fail_at) + " " + command + " 2>&1");
    INFO(failed.out);
    CHECK(failed.exit_code == 3);
    CHECK_THAT(failed.out, Catch::Contains("test failure injected"));
    CHECK_FALSE(std::filesystem::exists(dir / "db/XAPIANDB"));  // nothing switched in
    const auto again = socialsoeg::test::run_command(command + " 2>&1");
    INFO(again.out);
    REQUIRE(again.exit_code == 0);
    CHECK(documents(dir / "db") == expected);
    CHECK(database_sound(dir / "db"));
    const Xapian::Database db(dir / "db");
    CHECK(db.get_doccount() == expected.size());
    CHECK(db.get_lastdocid() == expected.size());
  }
}
