// `socialsoeg family` end to end: every lookup of the dev set's family.jsonl
// gives exactly its household and report list; and the readings of
// contract §5 the dev set does not pin, on records made here: move-in and
// move-out days (both inclusive), reports after the as-of date and on it, a
// child turning 18 that day, CPR numbers with and without the hyphen, a
// parent registered elsewhere, the history counts, the audit record.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using nlohmann::json;
using socialsoeg::test::digits;
using socialsoeg::test::kBin;
using socialsoeg::test::kDev;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;

namespace {


json family(const std::string& db, const std::string& args) {
  TempDir tmp;
  const auto r = run_command(kBin + " family --db " + db + " --purpose test --json " + args + " 2>" +
                             tmp / "err");
  INFO(args << "\n" << read_file(tmp / "err"));
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::set<std::string> household_of(const json& j) {
  std::set<std::string> out;
  for (const auto& m : j["household"]) out.insert(digits(m["cpr"]));
  return out;
}

std::vector<std::string> report_ids(const json& j) {
  std::vector<std::string> out;
  for (const auto& r : j["reports"]) out.push_back(r["id"]);
  return out;
}

json report(const std::string& id, const std::string& occurred, const std::string& text,
            const std::vector<std::pair<std::string, std::string>>& persons) {
  json p = json::array();
  for (const auto& [cpr, role] : persons) p.push_back({{"cpr", cpr}, {"name", "Person " + cpr.substr(0, 4)}, {"role", role}});
  return {{"id", id}, {"source", "døgnrapport"}, {"district", "fyn"}, {"occurred", occurred}, {"text", text}, {"persons", p}};
}

json resident(const std::string& cpr, const std::string& address, const std::string& from, const json& to = nullptr) {
  return {{"cpr", cpr}, {"name", "Person " + cpr.substr(0, 4)}, {"address_id", address}, {"from", from}, {"to", to}};
}

std::string lines(const std::vector<json>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + "\n";
  return out;
}

}  // namespace

TEST_CASE("family on the dev set: every lookup gives exactly its household and reports", "[family][dev]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db" + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db" + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  std::ifstream in(kDev + "family.jsonl");
  std::string line;
  size_t lookups = 0;
  while (std::getline(in, line)) {
    const auto want = json::parse(line);
    INFO(line);
    const auto got = family(dir / "db", "--cpr " + want["cpr"].get<std::string>() + " --as-of " + want["as_of"].get<std::string>());
    CHECK(got["address_id"] == want["address_id"]);
    std::set<std::string> household;
    for (const auto& c : want["household"]) household.insert(digits(c));
    CHECK(household_of(got) == household);
    const auto ids = report_ids(got);
    CHECK(std::set<std::string>(ids.begin(), ids.end()) ==
          std::set<std::string>(want["reports"].begin(), want["reports"].end()));
    CHECK(ids.size() == want["reports"].size());
    // Newest first.
    std::vector<std::string> dates;
    for (const auto& r : got["reports"]) dates.push_back(r["occurred"]);
    CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
    // The same household by address.
    const auto by_address = family(dir / "db", "--address " + want["address_id"].get<std::string>() + " --as-of " +
                                                   want["as_of"].get<std::string>());
    CHECK(household_of(by_address) == household);
    CHECK(report_ids(by_address) == ids);
    ++lookups;
  }
  CHECK(lookups >= 5);
}

TEST_CASE("family: registration days inclusive, as-of date, ages, hyphens, parents elsewhere", "[family]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  // A-1: mother (1985) from 2020; child born 2006-06-15 (18 on 2024-06-15);
  // lodger who moves out on 2024-06-14 (last day) and one who moves in 2024-06-15.
  // The father is registered at A-2 all along.
  const std::string mother = "010185-1004", child = "150606-4008", lodger_out = "020290-1007",
                    lodger_in = "0303911005", father = "040480-1003";
  const std::vector<json> residents = {
      resident(mother, "A-1", "2020-01-01"),
      resident(digits(child), "A-1", "2006-06-15"),
      resident(lodger_out, "A-1", "2023-01-01", "2024-06-14"),
      resident("030391-1005", "A-1", "2024-06-15"),  // with the hyphen in the register
      resident(father, "A-2", "2019-01-01"),
  };
  const std::vector<json> reports = {
      report("R-old", "2019-03-01", "Husspektakel på adressen, manden var stærkt beruset.", {{mother, "involveret"}}),
      report("R-recent", "2024-02-01", "Husspektakel igen, kvinden var stærkt beruset og råbte.", {{digits(mother), "involveret"}}),
      report("R-on", "2024-06-15", "Vold mod samlever: han slog hende.", {{father, "sigtet"}, {mother, "forurettet"}}),
      report("R-after", "2024-06-16", "Ny husspektakel.", {{mother, "involveret"}}),
      report("R-lodger", "2024-05-01", "Lejeren var fuld.", {{lodger_in, "vidne"}}),
  };
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + dir.write("r.jsonl", lines(reports)) + " >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db " + dir.write("p.jsonl", lines(residents)) + " >/dev/null 2>&1").exit_code == 0);

  const auto on = family(dir / "db", "--cpr " + mother + " --as-of 2024-06-15");
  CHECK(on["address_id"] == "A-1");
  // Moved in that day: in. Moved out the day before: out. The father lives elsewhere: out.
  CHECK(household_of(on) == std::set<std::string>{digits(mother), digits(child), lodger_in});
  for (const auto& m : on["household"]) {
    if (digits(m["cpr"]) == digits(child)) {
      CHECK(m["age"] == 18);  // 18 on this very day: an adult
      CHECK(m["child"] == false);
    }
  }
  // Reports on the as-of date count, later ones do not; the lodger's report from
  // before they moved in still names a member now.
  CHECK(report_ids(on) == std::vector<std::string>{"R-on", "R-lodger", "R-recent", "R-old"});
  // History: acting roles only, windows ending on the as-of date.
  REQUIRE(on["history"].size() == 3);  // mother, lodger, and the child who is 18 today
  for (const auto& h : on["history"]) {
    if (digits(h["cpr"]) != digits(mother)) continue;
    json husspektakel;
    for (const auto& c : h["concepts"])
      if (c["concept"] == "husspektakel") husspektakel = c;
    REQUIRE(husspektakel.is_object());
    CHECK(husspektakel["last_12_months"] == 1);  // R-recent (R-on: she is forurettet; R-after: later)
    CHECK(husspektakel["last_5_years"] == 1);    // R-old is more than 5 years back
  }

  const auto before = family(dir / "db", "--cpr " + digits(mother) + " --as-of 2024-06-14");
  // The day before: the lodger who left on the 14th is still there; the new one is not; the child is 17.
  CHECK(household_of(before) == std::set<std::string>{digits(mother), digits(child), digits(lodger_out)});
  for (const auto& m : before["household"])
    if (digits(m["cpr"]) == digits(child)) CHECK(m["child"] == true);
  CHECK(report_ids(before) == std::vector<std::string>{"R-recent", "R-old"});

  // The father's own household is A-2, without the children.
  const auto dad = family(dir / "db", "--cpr " + father + " --as-of 2024-06-15");
  CHECK(dad["address_id"] == "A-2");
  CHECK(household_of(dad) == std::set<std::string>{digits(father)});
  // Someone registered nowhere: no household, their own reports.
  const auto nowhere = family(dir / "db", "--cpr " + father + " --as-of 2018-01-01");
  CHECK(nowhere["address_id"].is_null());
  CHECK(nowhere["household"].empty());
}

TEST_CASE("family: purpose required, audit record, bad input", "[family][audit]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  CHECK(run_command(kBin + " family --db " + dir / "db" + " --cpr 020276-0945 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " family --db " + dir / "db" + " --purpose x --cpr 320276-0945 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " family --db " + dir / "db" + " --purpose x --cpr 020276-0945 --as-of 2024-02-30 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " family --db " + dir / "db" + " --purpose x 2>/dev/null").exit_code == 1);
  socialsoeg::test::add_user(dir / "db", "officer9", "--role patrol --district all");
  const auto r = run_command(socialsoeg::test::kBinWithPassword + " family --db " + dir / "db" +
                             " --purpose 'patrulje 77' --user officer9 --cpr 0202760945 --as-of 2024-07-20 2>&1");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Household at A-D002"));
  const auto log = read_file(dir / "db/audit.log");
  const auto last = json::parse(log.substr(log.rfind('\n', log.size() - 2) + 1));
  CHECK(last["action"] == "family");
  CHECK(last["user"] == "officer9");
  CHECK(last["roles"] == json::array({"patrol"}));
  CHECK(last["outcome"] == "allowed");
  CHECK(last["purpose"] == "patrulje 77");
  CHECK(last["details"]["address_id"] == "A-D002");
  CHECK(last["ids"].size() == 2);
  // The person looked up is in the record as a keyed hash, never as a number.
  const auto keys = socialsoeg::audit::AuditKeys::load_or_create(dir / "db/access");
  const std::string hash = keys.person_hash("0202760945");
  CHECK(last["query"] == "cpr:cpr#" + hash);
  CHECK(std::find(last["persons"].begin(), last["persons"].end(), hash) != last["persons"].end());
  CHECK(log.find("0202760945") == std::string::npos);
  CHECK(log.find("020276-0945") == std::string::npos);
}

TEST_CASE("family --address-text: the address as written finds its unit, or the units to choose from", "[family][address]") {
  TempDir dir;
  socialsoeg::test::add_test_users(dir / "db");
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + dir / "db " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  const auto family = [&](const std::string& text) {
    return run_command(kBin + " family --db " + dir / "db --purpose test --json --as-of 2024-07-20 --address-text " +
                       socialsoeg::test::shell_quote(text) + " 2>&1");
  };
  for (const char* written : {"Vestergade 77, 1. th, 9800 Hjørring", "vestergade 77 1.th.", "Vestergade 77, 1. sal til højre",
                              "VESTERGADE 77"}) {
    INFO(written);
    const auto r = family(written);
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["address_id"] == "A-D002");
  }
  CHECK(family("Vestergade 77, 2. tv").exit_code == 1);  // no such unit in the reports
  CHECK(family("vold og trusler").exit_code == 1);        // not an address
  // A second unit in the same building: without floor and door, the officer must choose.
  const std::string other =
      R"({"id": "R-X", "source": "døgnrapport", "district": "nordjylland", "occurred": "2024-01-02", "text": "Uro i opgangen.", )"
      R"("address": {"id": "A-X77-2", "text": "Vestergade 77, 2. tv, 9800 Hjørring"}})";
  REQUIRE(run_command(kBin + " index --db " + dir / "db " + dir.write("x.jsonl", other + "\n") + " >/dev/null 2>&1").exit_code == 0);
  const auto both = family("Vestergade 77");
  CHECK(both.exit_code == 1);
  CHECK_THAT(both.out, Catch::Contains("2 addresses match") && Catch::Contains("A-D002") && Catch::Contains("A-X77-2"));
  CHECK(json::parse(family("Vestergade 77, 2. tv").out)["address_id"] == "A-X77-2");
}
