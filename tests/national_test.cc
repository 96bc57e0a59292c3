// Every police district in a database of its own, searched together as one
// (national/, `--shards`): the same answers as one database holding every
// report — ids, order, scores, totals, family cards — with one district
// served over Xapian's remote backend by a real xapian-tcpsrv; and a district
// that is down is named in the answer, never silently missing.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using nlohmann::json;
using socialsoeg::test::kBin;
using socialsoeg::test::kDev;
using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;

namespace {

// The district served by xapian-tcpsrv in these tests.
constexpr const char* kRemoteDistrict = "nordsjaelland";

// A xapian-tcpsrv on loopback for one database directory, stopped with the object.
class TcpServer {
 public:
  TcpServer(const std::string& db) {
    for (int attempt = 0; attempt < 20 && pid_ <= 0; ++attempt) {
      port_ = 20000 + static_cast<unsigned>((::getpid() * 7 + attempt * 131) % 30000);
      const auto r = run_command("xapian-tcpsrv --quiet --interface 127.0.0.1 --port " + std::to_string(port_) + " " +
                                 shell_quote(db) + " >/dev/null 2>&1 & echo $!");
      const pid_t pid = static_cast<pid_t>(std::stol(r.out));
      // Listening, or gone (the port was taken): try the next.
      for (int i = 0; i < 50; ++i) {
        if (run_command("bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port_) + "' 2>/dev/null").exit_code == 0) {
          pid_ = pid;
          break;
        }
        if (::kill(pid, 0) != 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (pid_ <= 0) ::kill(pid, SIGKILL);
    }
    REQUIRE(pid_ > 0);
  }
  ~TcpServer() { stop(); }
  void stop() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
    pid_ = 0;
  }
  unsigned port() const { return port_; }

 private:
  pid_t pid_ = 0;
  unsigned port_ = 0;
};

// The dev reports, one database per district and one with all of them, and
// the register and the users in the whole one's directory (the national
// register lives with the users and the audit log, not in a district).
struct NationalWorld {
  TempDir dir;
  std::string whole = dir / "whole";
  std::map<std::string, std::string> districts;  // slug -> its database directory
  NationalWorld() {
    socialsoeg::test::add_test_users(whole);
    std::map<std::string, std::string> lines;
    std::ifstream in(kDev + "reports.jsonl");
    for (std::string line; std::getline(in, line);) lines[json::parse(line)["district"]] += line + "\n";
    REQUIRE(lines.size() == 12);
    for (const auto& [district, text] : lines) {
      const std::string db = dir / ("district-" + district);
      REQUIRE(run_command(kBin + " index --replace-all --db " + db + " " + dir.write(district + ".jsonl", text) +
                          " >/dev/null 2>&1").exit_code == 0);
      districts[district] = db;
    }
    REQUIRE(run_command(kBin + " index --replace-all --db " + whole + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
    REQUIRE(run_command(kBin + " residents --db " + whole + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  }
  // shards.conf: every district local, but the remote one over tcp when `port` is given.
  std::string shards(unsigned port) const {
    std::string conf = "# test\ntimeout_ms = 2000\n";
    for (const auto& [district, db] : districts)
      conf += district + (port && district == kRemoteDistrict ? " = tcp 127.0.0.1:" + std::to_string(port) : " = local " + db) + "\n";
    return dir.write("shards-" + std::to_string(port) + ".conf", conf);
  }
  json run(const std::string& command, const std::string& shards_file = "") const {
    const auto r = run_command(kBin + " " + command + " --db " + whole + " --purpose test --json" +
                               (shards_file.empty() ? "" : " --shards " + shards_file) + " 2>" + dir / "err");
    INFO(command << "\n" << socialsoeg::test::read_file(dir / "err"));
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
};

void check_same_hits(const json& whole, const json& national) {
  CHECK(national["total"] == whole["total"]);
  CHECK(national["total_exact"] == whole["total_exact"]);
  REQUIRE(national["hits"].size() == whole["hits"].size());
  for (size_t i = 0; i < whole["hits"].size(); ++i) {
    const auto &a = whole["hits"][i], &b = national["hits"][i];
    INFO("rank " << i);
    CHECK(b["id"] == a["id"]);
    const double x = a["score"], y = b["score"];
    CHECK(std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x)));  // Xapian's statistics span every shard
  }
}

}  // namespace

TEST_CASE("national: twelve district databases, one over xapian-tcpsrv, answer every search as one database does",
          "[national]") {
  NationalWorld w;
  TcpServer remote(w.districts.at(kRemoteDistrict));
  const std::string shards = w.shards(remote.port());
  std::ifstream in(kDev + "queries.jsonl");
  size_t compared = 0, with_hits = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string q = json::parse(line)["query"];
    for (const char* sort : {"relevance", "date"}) {
      INFO(q << " (" << sort << ")");
      const std::string command = std::string("search --limit 50 --sort ") + sort + " " + shell_quote(q);
      const json whole = w.run(command), national = w.run(command, shards);
      check_same_hits(whole, national);
      CHECK(national["districts"]["missing"].empty());
      CHECK(national["districts"]["reached"].size() == 12);
      ++compared;
      with_hits += !whole["hits"].empty();
    }
  }
  CHECK(compared >= 200);
  CHECK(with_hits >= 150);
}

TEST_CASE("national: family cards across district databases are the one database's", "[national]") {
  NationalWorld w;
  TcpServer remote(w.districts.at(kRemoteDistrict));
  const std::string shards = w.shards(remote.port());
  std::ifstream in(kDev + "family.jsonl");
  size_t cards = 0;
  for (std::string line; std::getline(in, line);) {
    const auto f = json::parse(line);
    const std::string command = "family --cpr " + f["cpr"].get<std::string>() + " --as-of " + f["as_of"].get<std::string>();
    INFO(command);
    const json whole = w.run(command);
    json national = w.run(command, shards);
    CHECK(national["districts"]["missing"].empty());
    national.erase("districts");
    CHECK(national == whole);
    CHECK_FALSE(whole["reports"].empty());
    ++cards;
  }
  CHECK(cards == 5);
}

TEST_CASE("national: a district that is down is named in the answer, and the rest is answered", "[national]") {
  NationalWorld w;
  TcpServer remote(w.districts.at(kRemoteDistrict));
  const std::string shards = w.shards(remote.port());
  remote.stop();
  const auto start = std::chrono::steady_clock::now();
  const json national = w.run("search --limit 200 --sort date vold", shards);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  REQUIRE(national["districts"]["missing"].size() == 1);
  CHECK(national["districts"]["missing"][0]["district"] == kRemoteDistrict);
  CHECK(national["districts"]["reached"].size() == 11);
  CHECK_FALSE(national["hits"].empty());
  for (const auto& h : national["hits"]) CHECK(h["district"] != kRemoteDistrict);
  // The same as one database searched without that district.
  const json whole = w.run(std::string("search --limit 200 --sort date 'vold NOT district:") + kRemoteDistrict + "'");
  std::vector<std::string> a, b;
  for (const auto& h : whole["hits"]) a.push_back(h["id"]);
  for (const auto& h : national["hits"]) b.push_back(h["id"]);
  CHECK(a == b);
  // The terminal says so before the answer.
  const auto readable = run_command(kBin + " search --db " + w.whole + " --purpose test --shards " + shards + " vold 2>&1");
  CHECK(readable.exit_code == 0);
  CHECK_THAT(readable.out, Catch::StartsWith(std::string("districts missing from this answer: ") + kRemoteDistrict));
  // And the audit log records which districts the search reached.
  const auto audit = run_command(kBin + " audit search --db " + w.whole + " --action search --json 2>&1");
  CHECK_THAT(audit.out, Catch::Contains(kRemoteDistrict));
}

TEST_CASE("national: a shards file with a mistake names its line", "[national]") {
  NationalWorld w;
  const auto bad = [&](const std::string& text, const std::string& why) {
    const std::string file = w.dir.write("bad.conf", text);
    const auto r = run_command(kBin + " search --db " + w.whole + " --purpose test --shards " + file + " vold 2>&1");
    INFO(text);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.out, Catch::Contains("bad.conf:") && Catch::Contains(why));
  };
  bad("fyn = local /x\nnarnia = local /y\n", "narnia: not a police district");
  bad("fyn = local /x\nfyn = local /y\n", "named twice");
  bad("fyn = ftp host:1\n", "unknown kind 'ftp'");
  bad("fyn = tcp host\n", "expected tcp HOST:PORT");
  bad("fyn = tcp host:99999\n", "port");
  bad("timeout_ms = 5\nfyn = local /x\n", "timeout_ms");
}
