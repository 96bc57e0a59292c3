// The audit log (audit/): many threads appending at once get exactly one
// record each, sharing fsyncs; CPR numbers only as keyed hashes; and every
// random edit, deletion, insertion, reordering and truncation is detected
// at the right place.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "audit/audit_search.h"
#include "audit/audit_verify.h"
#include "temp_dir.h"

namespace audit = socialsoeg::audit;
using socialsoeg::test::read_file;
using socialsoeg::test::TempDir;

namespace {

audit::AuditLogFiles files_in(const TempDir& dir) {
  return {dir.path() / "audit.log", dir.path() / "audit.checkpoints", dir.path() / "access"};
}

audit::AuditEvent event(int i) {
  audit::AuditEvent e;
  e.user = "officer" + std::to_string(i % 7);
  e.roles = {"patrol"};
  e.scope = "fyn";
  e.action = i % 3 == 0 ? "family" : "search";
  e.purpose = "sag 4200-" + std::to_string(1000 + i);
  e.query = "vold cpr:0101901234";
  e.persons = {"010190-1234", "0202851234"};
  e.ids = {"R-" + std::to_string(i)};
  return e;
}

audit::VerifyReport verify(const TempDir& dir) {
  const auto f = files_in(dir);
  const auto keys = audit::AuditKeys::load_or_create(f.keys);
  return audit::verify_log(f.log, keys, f.checkpoints, keys.sign_public);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

}  // namespace

TEST_CASE("audit: concurrent appends are one record each, in one chain, sharing fsyncs", "[audit]") {
  TempDir dir;
  constexpr int kThreads = 8, kEach = 40;
  uint64_t fsyncs = 0;
  {
    audit::AuditLog log(files_in(dir));
    std::vector<std::thread> threads;
    std::vector<std::vector<uint64_t>> seqs(kThreads);
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) seqs[t].push_back(log.append(event(t * kEach + i)));
      });
    for (auto& t : threads) t.join();
    std::set<uint64_t> all;
    for (const auto& s : seqs) all.insert(s.begin(), s.end());
    CHECK(all.size() == kThreads * kEach);  // every append got its own record number
    CHECK(*all.begin() == 1);
    CHECK(*all.rbegin() == kThreads * kEach);
    fsyncs = log.fsyncs();
    CHECK(log.records_written() == kThreads * kEach);
  }
  INFO("fsyncs: " << fsyncs);
  CHECK(fsyncs <= kThreads * kEach);
  const auto report = verify(dir);
  CHECK_FALSE(report.problem.has_value());
  CHECK(report.records == kThreads * kEach);
  CHECK(report.last_checkpoint == kThreads * kEach);  // closing the log signs a checkpoint
  CHECK(report.warning.empty());
}

TEST_CASE("audit: two writers on one file (CLI and service) continue one chain", "[audit]") {
  TempDir dir;
  {
    audit::AuditLog a(files_in(dir)), b(files_in(dir));
    for (int i = 0; i < 20; ++i) (i % 3 ? a : b).append(event(i));
  }
  const auto report = verify(dir);
  CHECK_FALSE(report.problem.has_value());
  CHECK(report.records == 20);
}

TEST_CASE("audit: CPR numbers are keyed hashes, found again by the person search", "[audit]") {
  TempDir dir;
  {
    audit::AuditLog log(files_in(dir));
    for (int i = 0; i < 5; ++i) log.append(event(i));
    auto other = event(9);
    other.persons = {"0303030303"};
    other.query = "spritkørsel";
    log.append(other);
  }
  const std::string text = read_file(dir / "audit.log");
  CHECK(text.find("0101901234") == std::string::npos);
  CHECK(text.find("010190-1234") == std::string::npos);
  CHECK(text.find("0202851234") == std::string::npos);
  const auto keys = audit::AuditKeys::load_or_create(dir.path() / "access");
  CHECK(keys.person_hash("010190-1234") == keys.person_hash("0101901234"));
  CHECK(keys.person_hash("010190-1234").size() == 32);
  audit::AuditFilter f;
  f.person = "010190-1234";
  CHECK(audit::search_log(dir.path() / "audit.log", keys, f).size() == 5);
  f.person = "030303-0303";
  CHECK(audit::search_log(dir.path() / "audit.log", keys, f).size() == 1);
  f = {};
  f.purpose = "SAG 4200-1002";
  CHECK(audit::search_log(dir.path() / "audit.log", keys, f).size() == 1);
  f = {};
  f.user = "officer2";
  f.action = "search";
  CHECK(audit::search_log(dir.path() / "audit.log", keys, f).size() == 1);
  // Another key, another hash: without the key, numbers cannot be tried.
  TempDir other;
  CHECK(audit::AuditKeys::load_or_create(other.path() / "access").person_hash("0101901234") != keys.person_hash("0101901234"));
  // Keys are readable by their owner only.
  const auto perms = std::filesystem::status(dir.path() / "access" / "audit-person.key").permissions();
  CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
}

TEST_CASE("audit: every random edit, deletion, insertion, reordering and truncation is found, with its position",
          "[audit][tamper]") {
  TempDir dir;
  constexpr int kRecords = 40;
  {
    audit::AuditLog log(files_in(dir));
    for (int i = 0; i < kRecords; ++i) log.append(event(i));
  }
  REQUIRE_FALSE(verify(dir).problem.has_value());
  const std::string pristine = read_file(dir / "audit.log");
  const auto lines = lines_of(pristine);
  REQUIRE(lines.size() == kRecords);

  std::mt19937 rng(20261124);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const std::vector<std::string> kinds = {"edit", "delete", "insert", "swap", "truncate", "cut"};
  std::map<std::string, int> tried;
  for (int trial = 0; trial < 300; ++trial) {
    auto mutated = lines;
    const std::string what = kinds[pick(kinds.size())];
    ++tried[what];
    size_t expected_line = 0;  // 1-based line the problem must name (0: any)
    std::string expected_kind;
    if (what == "edit") {
      const size_t k = pick(mutated.size());
      std::string& l = mutated[k];
      size_t at = pick(l.size());
      char c = l[at] == 'x' ? 'y' : 'x';
      l[at] = c;
      expected_line = k + 1;
    } else if (what == "delete") {
      const size_t k = pick(mutated.size());
      mutated.erase(mutated.begin() + static_cast<long>(k));
      expected_line = k + 1 == lines.size() ? 0 : k + 1;
      expected_kind = k + 1 == lines.size() ? "truncated" : "deleted";
    } else if (what == "insert") {
      const size_t from = pick(lines.size()), at = pick(lines.size() + 1);
      if (at == from || at == from + 1) continue;  // a copy beside itself: still found, position differs
      mutated.insert(mutated.begin() + static_cast<long>(at), lines[from]);
      expected_line = at + 1;
      expected_kind = "reordered";
    } else if (what == "swap") {
      size_t i = pick(lines.size()), j = pick(lines.size());
      if (i == j) continue;
      if (i > j) std::swap(i, j);
      std::swap(mutated[i], mutated[j]);
      expected_line = i + 1;
      expected_kind = "reordered";
    } else if (what == "truncate") {
      const size_t keep = pick(lines.size());
      mutated.resize(keep);
      expected_kind = "truncated";
    }
    std::string text = joined(mutated);
    if (what == "cut") {
      text.resize(text.size() - 1 - pick(lines.back().size()));  // inside the last record
      expected_line = lines.size();
      expected_kind = "truncated";
    }
    std::ofstream(dir / "audit.log", std::ios::trunc | std::ios::binary) << text;
    const auto report = verify(dir);
    INFO("trial " << trial << ": " << what);
    REQUIRE(report.problem.has_value());
    INFO(report.problem->message);
    if (expected_line) CHECK(report.problem->line == expected_line);
    if (!expected_kind.empty()) CHECK(report.problem->kind == expected_kind);
  }
  for (const auto& k : kinds) CHECK(tried[k] > 10);
  std::ofstream(dir / "audit.log", std::ios::trunc | std::ios::binary) << pristine;
  CHECK_FALSE(verify(dir).problem.has_value());
}

TEST_CASE("audit: a forged or edited checkpoint is found", "[audit][tamper]") {
  TempDir dir;
  {
    audit::AuditLog log(files_in(dir));
    for (int i = 0; i < 3; ++i) log.append(event(i));
  }
  std::string cp = read_file(dir / "audit.checkpoints");
  const size_t seq = cp.find("\"seq\":3");
  REQUIRE(seq != std::string::npos);
  cp.replace(seq, 7, "\"seq\":2");
  std::ofstream(dir / "audit.checkpoints", std::ios::trunc) << cp;
  const auto report = verify(dir);
  REQUIRE(report.problem.has_value());
  CHECK(report.problem->kind == "checkpoint");
}

TEST_CASE("audit: a torn last line (a writer killed inside write) is cut and recorded", "[audit]") {
  TempDir dir;
  { audit::AuditLog(files_in(dir)).append(event(1)); }
  {
    std::ofstream(dir / "audit.log", std::ios::app | std::ios::binary) << R"({"action":"search","client":"cli","de)";
  }
  REQUIRE(verify(dir).problem.has_value());  // as it lies: cut inside a record
  { audit::AuditLog(files_in(dir)).append(event(2)); }
  const auto report = verify(dir);
  CHECK_FALSE(report.problem.has_value());
  const auto lines = lines_of(read_file(dir / "audit.log"));
  REQUIRE(lines.size() == 3);
  CHECK(nlohmann::json::parse(lines[1])["action"] == "audit-repair");
  CHECK(nlohmann::json::parse(lines[1])["details"]["torn_bytes_removed"] == 37);
}

TEST_CASE("audit: a log that cannot be written refuses the append (fail closed)", "[audit]") {
  TempDir dir;
  audit::AuditLog log(files_in(dir));
  log.append(event(1));
  // Damage the last record: the chain cannot go on from it, so nothing more is recorded — or shown.
  std::string text = read_file(dir / "audit.log");
  text[text.size() - 10] = text[text.size() - 10] == '0' ? '1' : '0';
  std::ofstream(dir / "audit.log", std::ios::trunc | std::ios::binary) << text;
  audit::AuditLog again(files_in(dir));
  CHECK_THROWS_WITH(again.append(event(2)), Catch::Contains("damaged"));
}

TEST_CASE("audit: a log moved or deleted under a running writer fails closed — a later writer starts no new chain",
          "[audit]") {
  for (const bool deleted : {false, true}) {
    INFO((deleted ? "deleted" : "moved"));
    TempDir dir;
    {
      audit::AuditLog log(files_in(dir));
      for (int i = 0; i < 3; ++i) log.append(event(i));
      log.checkpoint();
      if (deleted)
        std::filesystem::remove(dir / "audit.log");
      else
        std::filesystem::rename(dir / "audit.log", dir / "audit.log.1");
      CHECK_THROWS_WITH(log.append(event(9)), Catch::Contains("moved or deleted"));
      CHECK_THROWS_WITH(log.append(event(10)), Catch::Contains("moved or deleted"));
      CHECK_FALSE(std::filesystem::exists(dir / "audit.log"));  // no new file under the old name either
    }
    // The next command: the checkpoints show a chain whose log is gone.
    CHECK_THROWS_WITH(audit::AuditLog(files_in(dir)), Catch::Contains("restore the log"));
    if (!deleted) {
      std::filesystem::rename(dir / "audit.log.1", dir / "audit.log");  // put back, it goes on
      audit::AuditLog log(files_in(dir));
      CHECK(log.append(event(11)) == 4);
      CHECK_FALSE(verify(dir).problem.has_value());
    }
  }
}

TEST_CASE("audit: whole records cut off the end are noticed, by the running writer and by the next one, and their "
          "numbers never reused",
          "[audit][tamper]") {
  // Cut under a running writer, after the last checkpoint: the writer
  // remembers what it wrote.
  {
    TempDir dir;
    audit::AuditLog log(files_in(dir));
    for (int i = 0; i < 5; ++i) log.append(event(i));
    const auto lines = lines_of(read_file(dir / "audit.log"));
    std::ofstream(dir / "audit.log", std::ios::trunc) << joined({lines.begin(), lines.begin() + 3});
    CHECK_THROWS_WITH(log.append(event(5)), Catch::Contains("records were cut off"));
    CHECK_THROWS_WITH(log.append(event(6)), Catch::Contains("records were cut off"));
    CHECK(lines_of(read_file(dir / "audit.log")).size() == 3);  // nothing written with a reused number
  }
  // Cut between writers, behind a checkpoint: the next writer refuses to
  // continue, and the verifier names the cut.
  {
    TempDir dir;
    {
      audit::AuditLog log(files_in(dir));
      for (int i = 0; i < 5; ++i) log.append(event(i));
    }  // closing writes a checkpoint for record 5
    const auto lines = lines_of(read_file(dir / "audit.log"));
    std::ofstream(dir / "audit.log", std::ios::trunc) << joined({lines.begin(), lines.begin() + 3});
    CHECK(verify(dir).problem.has_value());
    audit::AuditLog log(files_in(dir));
    CHECK_THROWS_WITH(log.append(event(5)), Catch::Contains("records were cut off"));
    CHECK(lines_of(read_file(dir / "audit.log")).size() == 3);
  }
}

TEST_CASE("audit: on a full disk the log gives up its reserve, so the record of the failure is still written",
          "[audit][faults]") {
  TempDir dir;
  const std::string at = dir / "small";
  std::filesystem::create_directories(at);
  if (std::system(("mount -t tmpfs -o size=1m tmpfs '" + at + "' 2>/dev/null").c_str()) != 0) {
    WARN("skipped: cannot mount a small tmpfs here (needs root)");
    return;
  }
  struct Unmount {
    std::string at;
    ~Unmount() { (void)std::system(("umount '" + at + "' 2>/dev/null").c_str()); }
  } unmount{at};
  audit::AuditLogFiles files{std::filesystem::path(at) / "audit.log", std::filesystem::path(at) / "audit.checkpoints",
                             dir / "access"};
  audit::AuditLog log(files);
  CHECK(std::filesystem::file_size(at + "/audit.log.reserve") == static_cast<uintmax_t>(audit::AuditLog::kReserveBytes));
  log.append(event(0));
  // Fill the disk to the last byte.
  {
    std::ofstream filler(at + "/filler", std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), block.size())) {
    }
  }
  audit::AuditEvent big = event(1);
  big.details["note"] = std::string(64 * 1024, 'n');  // more than the last page's room
  CHECK(log.append(big) == 2);
  CHECK_FALSE(std::filesystem::exists(at + "/audit.log.reserve"));
  const auto keys = audit::AuditKeys::load_or_create(files.keys);
  CHECK_FALSE(audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public).problem.has_value());
}
