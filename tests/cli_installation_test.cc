// Where the program finds its files: --dictionaries wins over
// SOCIALSOEG_DICTIONARIES, which wins over the build's own dictionaries/
// (cli/installation_options.h); a folder asked for that is not there is an
// environment error (exit 3) naming it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "process.h"
#include "temp_dir.h"

using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;

namespace {

const std::string kBin = SOCIALSOEG_BIN;

// The analyzer identity `analyze` reports, run with `env` (VAR=value) and global `flags`.
std::string identity(const std::string& env, const std::string& flags) {
  const auto r = run_command(env + " " + kBin + flags + " analyze --json vold");
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out)["analyzer"].get<std::string>();
}

}  // namespace

TEST_CASE("cli: --dictionaries and SOCIALSOEG_DICTIONARIES choose the dictionaries", "[cli][installation]") {
  socialsoeg::test::TempDir tmp;
  const auto copy = tmp.path() / "dictionaries";
  std::filesystem::copy(SOCIALSOEG_DICTIONARIES, copy);
  std::ofstream(copy / "synonyms.da.txt", std::ios::app) << "bil | køretøj\n";
  const std::string flag = " --dictionaries " + shell_quote(copy.string());
  const std::string env = "SOCIALSOEG_DICTIONARIES=" + shell_quote(copy.string());

  const std::string stock = identity("", "");
  const std::string changed = identity("", flag);
  CHECK(changed != stock);
  CHECK(identity(env, "") == changed);  // the environment variable, read by the program's edge
  const std::string build_own = " --dictionaries " + shell_quote(SOCIALSOEG_DICTIONARIES);
  CHECK(identity(env, build_own) == stock);  // the flag wins over the environment
}

TEST_CASE("cli: a dictionaries folder that is not there is exit 3, naming it", "[cli][installation]") {
  const auto flag = run_command(kBin + " --dictionaries /no/such/dictionaries analyze vold 2>&1");
  CHECK(flag.exit_code == 3);
  CHECK(flag.out.find("--dictionaries") != std::string::npos);
  CHECK(flag.out.find("/no/such/dictionaries") != std::string::npos);
  const auto env = run_command("SOCIALSOEG_DICTIONARIES=/no/such/place " + kBin + " analyze vold 2>&1");
  CHECK(env.exit_code == 3);
  CHECK(env.out.find("SOCIALSOEG_DICTIONARIES") != std::string::npos);
  CHECK(env.out.find("/no/such/place") != std::string::npos);
}

TEST_CASE("cli: SOCIALSOEG_AUDIT_CHECKPOINTS puts the audit log's checkpoints elsewhere, and verify finds them there",
          "[cli][installation][audit]") {
  // Read once at the command line's edge into the installation; the audit
  // library reads no environment.
  socialsoeg::test::TempDir tmp;
  const std::string db = tmp / "db", elsewhere = tmp / "other-disk/checkpoints";
  std::filesystem::create_directories(tmp / "other-disk");
  const std::string env = "SOCIALSOEG_AUDIT_CHECKPOINTS=" + shell_quote(elsewhere) + " ";
  REQUIRE(run_command("echo test-password-1 | " + env + kBin + " user add --db " + db + " \"$(id -un)\" --role admin --role auditor" +
                      " --role operator --district all --password-stdin >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(env + kBin + " index --db " + db + " " + std::string(SOCIALSOEG_TEST_DATA) +
                      "/dev/reports.jsonl >/dev/null 2>&1").exit_code == 0);
  CHECK(std::filesystem::exists(elsewhere));
  CHECK_FALSE(std::filesystem::exists(tmp / "db/audit.checkpoints"));
  // The verifier reads them where the installation says.
  const auto verified = run_command(env + kBin + " audit verify --db " + db + " 2>&1");
  CHECK(verified.exit_code == 0);
}
