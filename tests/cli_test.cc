// End-to-end tests of the `socialsoeg` program: exit codes (contract §7),
// help texts and the analyze command's output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "process.h"

using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;

namespace {
const std::string kBin = SOCIALSOEG_BIN;
}

TEST_CASE("cli: usage errors exit 1, help exits 0", "[cli]") {
  CHECK(run_command(kBin + " 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " no-such-command 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " analyze 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " analyze --no-such-flag x 2>/dev/null").exit_code == 1);
  const auto help = run_command(kBin + " analyze --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Examples:") != std::string::npos);
  CHECK(run_command(kBin + " --help").out.find("analyze") != std::string::npos);
}

TEST_CASE("cli: analyze --json lists terms with positions and offsets", "[cli][analyze]") {
  const auto r = run_command(kBin + " analyze --json " + shell_quote("Kl. 09.40 i Hjoerring, jf. § 53"));
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["side"] == "index");
  REQUIRE(j["terms"].size() == 7);
  CHECK(j["terms"][1]["term"] == "klokke");  // "Kl." with the word it stands for, at its position
  CHECK(j["terms"][1]["position"] == 1);
  CHECK(j["terms"][2]["term"] == "09:40");
  CHECK(j["terms"][2]["position"] == 2);
  CHECK(j["terms"][2]["kind"] == "time");
  CHECK(j["terms"][4]["term"] == "hjørring");
  CHECK(j["terms"][6]["term"] == "§53");
  CHECK(j["terms"][6]["start"] == 27);  // "§" is two bytes in UTF-8
  CHECK(j["terms"][6]["end"] == 32);
  CHECK(j["concepts"].is_array());
}

TEST_CASE("cli: analyze --query and standard input", "[cli][analyze]") {
  const auto q = run_command(kBin + " analyze --query --json Aalborg");
  REQUIRE(q.exit_code == 0);
  CHECK(nlohmann::json::parse(q.out)["side"] == "query");
  const auto s = run_command("printf '010190-1234' | " + kBin + " analyze --json -");
  REQUIRE(s.exit_code == 0);
  CHECK(nlohmann::json::parse(s.out)["terms"][0]["term"] == "0101901234");
  const auto table = run_command(kBin + " analyze 'sigtet for vold'");
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("pos") != std::string::npos);
}

TEST_CASE("cli: invalid UTF-8 on the command line is analysed, not fatal", "[cli][analyze]") {
  const auto r = run_command("printf 'vold\\377 og \\303' | " + kBin + " analyze --json -");
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["terms"][0]["term"] == "vold");
}
