// `socialsoeg screen` end to end. On the dev set: every flag of screen.json
// with exactly its children and reports, and no must_not_flag person. Then
// each reading of contract §6 the dev set does not pin, on a small world of
// records made in the test: 365 and 366 days (across 29 February), a child
// turning 18, move-in and move-out days, CPR spellings and centuries, the
// concepts and roles that do not count, two adults, one report naming the
// subject twice, moves, a second pattern, the as-of date, incidents at the
// children's home while the subject lives elsewhere, and --new across runs.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/cpr.h"
#include "analyzer_test_support.h"
#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

using nlohmann::json;
using socialsoeg::test::digits;
using socialsoeg::test::kBin;
using socialsoeg::test::kDev;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::TempDir;

namespace {


constexpr const char* kDrinkDriving = "Føreren blev standset og sigtet for spirituskørsel.";

struct Person {
  std::string cpr, role;
};

// A small world: residents and reports, indexed into a fresh database.
class World {
 public:
  World() { socialsoeg::test::add_test_users(dir_ / "db"); }
  void live(const std::string& cpr, const std::string& address, const std::string& from, const std::string& to = "") {
    residents_ += json{{"cpr", cpr}, {"name", "N " + cpr.substr(0, 4)}, {"address_id", address}, {"from", from},
                       {"to", to.empty() ? json(nullptr) : json(to)}}.dump() + "\n";
  }
  void report(const std::string& id, const std::string& date, const std::vector<Person>& persons,
              const std::string& text = kDrinkDriving, const std::string& address = "") {
    json p = json::array();
    for (const auto& x : persons) p.push_back({{"cpr", x.cpr}, {"name", "N " + x.cpr.substr(0, 4)}, {"role", x.role}});
    json r = {{"id", id}, {"source", "døgnrapport"}, {"district", "fyn"}, {"occurred", date}, {"text", text}, {"persons", p}};
    if (!address.empty()) r["address"] = {{"id", address}, {"text", "Vej 1, 5000 Odense C"}};
    reports_ += r.dump() + "\n";
  }
  // Indexes what was added since the last call.
  void load() {
    if (!reports_.empty()) {
      REQUIRE(run_command(kBin + " index --db " + dir_ / "db " + dir_.write("r" + std::to_string(++loads_) + ".jsonl", reports_) +
                          " >/dev/null 2>&1").exit_code == 0);
      reports_.clear();
    }
    if (!residents_.empty()) {
      REQUIRE(run_command(kBin + " residents --db " + dir_ / "db " + dir_.write("p" + std::to_string(++loads_) + ".jsonl", residents_) +
                          " >/dev/null 2>&1").exit_code == 0);
      residents_.clear();
    }
  }
  json screen(const std::string& as_of, const std::string& more = "") {
    load();
    const auto r = run_command(kBin + " screen --db " + dir_ / "db" + " --purpose test --json --as-of " + as_of +
                               " " + more + " 2>" + dir_ / "err");
    INFO(read_file(dir_ / "err"));
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  // "cpr@address: id id ..." per flag, sorted: one string to compare.
  std::set<std::string> flags(const std::string& as_of, const std::string& more = "") {
    std::set<std::string> out;
    const json result = screen(as_of, more);  // kept: a range-for over a temporary's member would dangle
    for (const auto& f : result["flags"]) {
      std::string s = digits(f["cpr"]) + "@" + f["address_id"].get<std::string>() + ":";
      for (const auto& id : f["reports"]) s += " " + id.get<std::string>();
      out.insert(s);
    }
    return out;
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::string reports_, residents_;
  int loads_ = 0;
};

// Subject and child used by most cases: an adult born 1980, a child born 2010.
const std::string kSubject = "010180-1001", kChild = "020210-4002", kHome = "A-1";

void family_at_home(World& w) {
  w.live(kSubject, kHome, "2015-01-01");
  w.live(kChild, kHome, "2015-01-01");
}

}  // namespace

TEST_CASE("screen on the dev set: exactly the flags of screen.json", "[screen][dev]") {
  World w;
  REQUIRE(run_command(kBin + " index --db " + w.dir() / "db " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + w.dir() / "db " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  std::ifstream in(kDev + "screen.json");
  const auto truth = json::parse(in);
  const auto got = w.screen(truth["as_of"]);
  std::map<std::pair<std::string, std::string>, json> flags;
  for (const auto& f : got["flags"]) flags[{digits(f["cpr"]), f["address_id"]}] = f;
  for (const auto& want : truth["flags"]) {
    INFO("flag " << want.dump());
    const auto it = flags.find({digits(want["cpr"]), want["address_id"]});
    REQUIRE(it != flags.end());
    std::set<std::string> children, got_children;
    for (const auto& c : want["children"]) children.insert(digits(c));
    for (const auto& c : it->second["children"]) got_children.insert(digits(c));
    CHECK(got_children == children);
    CHECK(it->second["reports"] == want["reports"]);
  }
  CHECK(flags.size() == truth["flags"].size());
  for (const auto& m : truth["must_not_flag"]) {
    INFO("must not flag " << m.dump());
    for (const auto& [key, f] : flags) CHECK(key.first != digits(m["cpr"]));
  }
}

TEST_CASE("screen: 365 days apart is a pattern, 366 is not, across 29 February", "[screen][rule]") {
  {
    World w;
    family_at_home(w);
    w.report("R1", "2023-03-01", {{kSubject, "sigtet"}});
    w.report("R2", "2024-02-29", {{kSubject, "sigtet"}});  // 365 days later (2024 is a leap year)
    CHECK(w.flags("2025-12-31") == std::set<std::string>{digits(kSubject) + "@A-1: R1 R2"});
  }
  {
    World w;
    family_at_home(w);
    w.report("R1", "2023-02-28", {{kSubject, "sigtet"}});
    w.report("R2", "2024-02-29", {{kSubject, "sigtet"}});  // 366 days
    CHECK(w.flags("2025-12-31").empty());
  }
  {
    World w;
    family_at_home(w);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-01-10", {{kSubject, "involveret"}});  // the same day: 0 days apart
    CHECK(w.flags("2025-12-31").size() == 1);
  }
}

TEST_CASE("screen: a child turning 18 on the later report's date is no longer a child", "[screen][rule]") {
  const std::string teen = "010606-4003";  // born 2006-06-01: 18 on 2024-06-01
  for (const auto& [later, flagged] : {std::pair{"2024-06-01", false}, std::pair{"2024-05-31", true}}) {
    World w;
    w.live(kSubject, kHome, "2015-01-01");
    w.live(teen, kHome, "2015-01-01");
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", later, {{kSubject, "sigtet"}});
    INFO(later);
    CHECK(w.flags("2025-12-31").size() == (flagged ? 1u : 0u));
  }
}

TEST_CASE("screen: registrations count from move-in day to move-out day, both inclusive", "[screen][rule]") {
  auto world = [](const std::string& subject_from, const std::string& subject_to, const std::string& child_from,
                  const std::string& child_to) {
    World w;
    w.live(kSubject, kHome, subject_from, subject_to);
    w.live(kChild, kHome, child_from, child_to);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-06-01", {{kSubject, "sigtet"}});
    return w.flags("2025-12-31").size();
  };
  CHECK(world("2024-06-01", "", "2015-01-01", "") == 1);            // subject moved in that day
  CHECK(world("2015-01-01", "2024-05-31", "2015-01-01", "") == 0);  // subject moved out the day before
  CHECK(world("2015-01-01", "2024-06-01", "2015-01-01", "") == 1);  // ... or that very day
  CHECK(world("2015-01-01", "", "2024-06-01", "") == 1);            // the child moved in that day
  CHECK(world("2015-01-01", "", "2015-01-01", "2024-05-31") == 0);  // the child moved out the day before
  CHECK(world("2015-01-01", "", "2024-06-02", "") == 0);            // the child moved in the day after
}

TEST_CASE("screen: CPR numbers with and without hyphen, centuries from digit 7, modulus 11", "[screen][rule]") {
  // Subject born 1923 (digit 7 = 1); children born 2006 (4), 2009 (9), 2012 (5);
  // a second subject born 1950 (digit 7 = 4, year 50 > 36: the 1900s).
  const std::string old = "010123-1005", mid = "010150-4007";
  const std::string c2006 = "030306-4001", c2009 = "040409-9001", c2012 = "050512-5001";
  REQUIRE(socialsoeg::Cpr::parse(c2012)->birth_date().year() == 2012);
  REQUIRE_FALSE(socialsoeg::Cpr::parse(old)->passes_modulus11());  // valid all the same
  World w;
  w.live(digits(old), kHome, "2015-01-01");  // register without hyphen
  w.live(mid, kHome, "2015-01-01");
  for (const auto& c : {c2006, c2009, c2012}) w.live(c, kHome, "2015-01-01");
  w.report("R1", "2024-01-10", {{old, "sigtet"}, {digits(mid), "involveret"}});  // report with and without
  w.report("R2", "2024-03-10", {{digits(old), "sigtet"}, {mid, "involveret"}});
  const auto got = w.screen("2025-12-31");
  REQUIRE(got["flags"].size() == 2);
  for (const auto& f : got["flags"]) {
    std::set<std::string> children;
    for (const auto& c : f["children"]) children.insert(digits(c));
    // On 2024-03-10 the child born 2006-03-03 is 18: not a child.
    CHECK(children == std::set<std::string>{digits(c2009), digits(c2012)});
  }
}

TEST_CASE("screen: what does not count — children present alone, negated, passive roles, minors", "[screen][rule]") {
  SECTION("a report whose only concept is boern-til-stede") {
    World w;
    family_at_home(w);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-03-10", {{kSubject, "involveret"}}, "Børnene var til stede under episoden.");
    CHECK(w.flags("2025-12-31").empty());
  }
  SECTION("a negated mention") {
    World w;
    family_at_home(w);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-03-10", {{kSubject, "involveret"}}, "Føreren blev ikke sigtet for spirituskørsel.");
    CHECK(w.flags("2025-12-31").empty());
  }
  SECTION("only vidne, forurettet or anmelder") {
    for (const char* role : {"vidne", "forurettet", "anmelder"}) {
      World w;
    family_at_home(w);
      w.report("R1", "2024-01-10", {{kSubject, role}});
      w.report("R2", "2024-03-10", {{kSubject, role}});
      INFO(role);
      CHECK(w.flags("2025-12-31").empty());
    }
  }
  SECTION("a subject under 18 on a report's date") {
    World w;
    const std::string teen = "010707-4005";  // born 2007-07-01
    w.live(teen, kHome, "2015-01-01");
    w.live(kChild, kHome, "2015-01-01");
    w.report("R1", "2025-06-01", {{teen, "sigtet"}});  // 17
    w.report("R2", "2025-08-01", {{teen, "sigtet"}});  // 18
    CHECK(w.flags("2025-12-31").empty());
    w.report("R3", "2025-09-01", {{teen, "sigtet"}});  // 18: now two adult reports
    CHECK(w.flags("2025-12-31") == std::set<std::string>{digits(teen) + "@A-1: R2 R3"});
  }
  SECTION("one report naming the subject twice is one report") {
    World w;
    family_at_home(w);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}, {digits(kSubject), "involveret"}});
    CHECK(w.flags("2025-12-31").empty());
    w.report("R2", "2024-02-10", {{kSubject, "sigtet"}});
    CHECK(w.flags("2025-12-31") == std::set<std::string>{digits(kSubject) + "@A-1: R1 R2"});
  }
}

TEST_CASE("screen: two adults, moves, a second pattern, the as-of date, the children's home", "[screen][rule]") {
  SECTION("two adults of one household are two flags") {
    World w;
    family_at_home(w);
    const std::string partner = "030382-2006";
    w.live(partner, kHome, "2015-01-01");
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}, {partner, "involveret"}}, "Der var husspektakel på adressen.");
    w.report("R2", "2024-03-10", {{kSubject, "involveret"}, {partner, "involveret"}}, "Der var husspektakel igen.");
    CHECK(w.flags("2025-12-31") ==
          std::set<std::string>{digits(kSubject) + "@A-1: R1 R2", digits(partner) + "@A-1: R1 R2"});
  }
  SECTION("a pattern at an address the subject later leaves for one without children") {
    World w;
    w.live(kSubject, kHome, "2015-01-01", "2024-12-31");
    w.live(kSubject, "A-2", "2025-01-01");
    w.live(kChild, kHome, "2015-01-01");
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-06-01", {{kSubject, "sigtet"}});
    w.report("R3", "2025-03-01", {{kSubject, "sigtet"}});  // a pattern too, but at A-2: no children
    CHECK(w.flags("2025-12-31") == std::set<std::string>{digits(kSubject) + "@A-1: R1 R2"});
  }
  SECTION("a second pattern more than 365 days after the first: one flag, the latest pattern") {
    World w;
    family_at_home(w);
    w.report("R1", "2022-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2022-03-01", {{kSubject, "sigtet"}});
    w.report("R3", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R4", "2024-05-01", {{kSubject, "sigtet"}});
    const auto got = w.screen("2025-12-31");
    REQUIRE(got["flags"].size() == 1);
    CHECK(got["flags"][0]["reports"] == json::array({"R3", "R4"}));
    CHECK(got["flags"][0]["pattern_date"] == "2024-05-01");
  }
  SECTION("reports after the as-of date do not count; one on it does") {
    World w;
    family_at_home(w);
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
    w.report("R2", "2024-06-01", {{kSubject, "sigtet"}});
    CHECK(w.flags("2024-06-01").size() == 1);
    CHECK(w.flags("2024-05-31").empty());
  }
  SECTION("incidents at the children's home while the subject is registered elsewhere") {
    World w;
    w.live(kSubject, "A-2", "2015-01-01");
    w.live(kChild, kHome, "2015-01-01");
    w.report("R1", "2024-01-10", {{kSubject, "sigtet"}}, kDrinkDriving, kHome);
    w.report("R2", "2024-06-01", {{kSubject, "sigtet"}}, kDrinkDriving, kHome);
    CHECK(w.flags("2025-12-31").empty());
  }
}

TEST_CASE("screen --new: exactly the flags with a report indexed since the previous run", "[screen][new]") {
  World w;
    family_at_home(w);
  const std::string other = "050575-3001", other_child = "060611-4006";
  w.live(other, "A-9", "2010-01-01");
  w.live(other_child, "A-9", "2011-06-06");
  w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
  w.report("R2", "2024-06-01", {{kSubject, "sigtet"}});
  w.report("O1", "2024-02-01", {{other, "sigtet"}});
  w.report("O2", "2024-04-01", {{other, "sigtet"}});
  // Run 1: no previous run, so everything is new.
  CHECK(w.flags("2025-12-31", "--new").size() == 2);
  // Ingestion: a new report for the subject (dated earlier than others: order is by index, not by date).
  w.report("R0", "2024-03-01", {{kSubject, "involveret"}});
  CHECK(w.flags("2025-12-31", "--new") == std::set<std::string>{digits(kSubject) + "@A-1: R1 R0 R2"});
  // Run 3: nothing indexed since run 2.
  CHECK(w.flags("2025-12-31", "--new").empty());
  // Without --new, all flags; the runs are remembered with the index.
  CHECK(w.flags("2025-12-31").size() == 2);
  const auto runs = read_file(w.dir() / "db/screening/runs.jsonl");
  CHECK(std::count(runs.begin(), runs.end(), '\n') == 4);
}

TEST_CASE("screen: settings file, overriding flags, purpose, CSV, audit", "[screen]") {
  World w;
    family_at_home(w);
  w.report("R1", "2024-01-10", {{kSubject, "sigtet"}});
  w.report("R2", "2024-06-01", {{kSubject, "sigtet"}});
  CHECK(w.flags("2025-12-31", "--window-days 100").empty());
  CHECK(w.flags("2025-12-31", "--min-reports 3").empty());
  CHECK(w.flags("2025-12-31", "--concepts vold,husspektakel").empty());
  CHECK(w.flags("2025-12-31", "--roles involveret").empty());
  CHECK(w.flags("2025-12-31", "--child-age 10").empty());  // the child is 14
  const auto conf = w.dir().write("strict.conf", "# stricter\nwindow_days = 100\n");
  CHECK(w.flags("2025-12-31", "--config " + conf).empty());
  CHECK(w.flags("2025-12-31", "--config " + conf + " --window-days 365").size() == 1);
  const auto bad = w.dir().write("bad.conf", "window_days = 365\nwindow = 3\n");
  const auto r = run_command(kBin + " screen --db " + w.dir() / "db --purpose x --config " + bad + " 2>&1");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("bad.conf:2: unknown setting 'window'"));
  CHECK(run_command(kBin + " screen --db " + w.dir() / "db --purpose x --concepts nothing 2>/dev/null").exit_code == 1);
  CHECK(run_command(kBin + " screen --db " + w.dir() / "db 2>/dev/null").exit_code == 1);  // no purpose
  const auto csv = run_command(kBin + " screen --db " + w.dir() / "db --purpose x --csv --as-of 2025-12-31");
  CHECK_THAT(csv.out, Catch::StartsWith("cpr,address_id,pattern_date,children,reports,concepts,new\n010180-1001,A-1,2024-06-01,020210-4002,R1 R2,spirituskoersel,"));
  const auto log = read_file(w.dir() / "db/audit.log");
  const auto last = json::parse(log.substr(log.rfind('\n', log.size() - 2) + 1));
  CHECK(last["action"] == "screen");
  // The flagged adult is in the record as a keyed hash, never as a number.
  const auto keys = socialsoeg::audit::AuditKeys::load_or_create(w.dir() / "db/access");
  CHECK(last["persons"][0] == keys.person_hash(kSubject));
  CHECK(log.find(digits(kSubject)) == std::string::npos);
}

TEST_CASE("screen --report: one Danish draft socialrapport per flag, Markdown and HTML", "[screen][drafts]") {
  World w;
  REQUIRE(run_command(kBin + " index --db " + w.dir() / "db " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  REQUIRE(run_command(kBin + " residents --db " + w.dir() / "db " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  const auto r = run_command(kBin + " screen --db " + w.dir() / "db --purpose x --json --as-of 2025-12-31 --report " +
                             w.dir() / "drafts 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  const auto flags = json::parse(r.out)["flags"];
  REQUIRE(flags.size() == 7);
  std::map<std::string, std::string> names;  // cpr digits -> name, from the register
  {
    std::ifstream in(kDev + "residents.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      const auto j = json::parse(line);
      names[digits(j["cpr"])] = j["name"];
    }
  }
  for (size_t i = 0; i < flags.size(); ++i) {
    const auto& f = flags[i];
    char number[24];
    std::snprintf(number, sizeof number, "%03zu", i + 1);
    const std::string base = w.dir() / "drafts/" + number + "-" + f["address_id"].get<std::string>();
    const std::string md = read_file(base + ".md"), html = read_file(base + ".html");
    INFO(base);
    CHECK_THAT(md, Catch::StartsWith("*UDKAST"));
    CHECK_THAT(md, Catch::Contains("UNDERRETNING (socialrapport), jf. barnets lov § 133"));
    CHECK_THAT(md, Catch::Contains(names[digits(f["cpr"])]));          // the adult, by name
    CHECK_THAT(md, Catch::Contains(f["cpr"].get<std::string>()));     // and CPR
    for (const auto& c : f["children"]) {
      CHECK_THAT(md, Catch::Contains(names[digits(c)] + ", " + c.get<std::string>() + ", "));  // name, CPR, age
    }
    for (const auto& id : f["reports"]) CHECK_THAT(md, Catch::Contains(id.get<std::string>()));
    CHECK_THAT(md, Catch::Contains("»"));                              // the words that carry the concept
    // Each concept named by the concept dictionary's Danish phrase, never by its id.
    size_t named = 0;
    for (const auto& c : f["concepts"]) {
      const auto* info = socialsoeg::test::analyzer().concepts().lookup(c.get<std::string>());
      REQUIRE(info);
      named += md.find(info->phrase + ": »") != std::string::npos;
      if (info->phrase != info->id) CHECK(md.find(info->id + ": »") == std::string::npos);
    }
    CHECK(named > 0);
    CHECK_THAT(md, Catch::Contains("overlader vurderingen til kommunen"));  // concern, not conclusion
    CHECK_THAT(md, Catch::Contains("Gennemgået af (navn, stilling)"));
    CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"da\">"));
    CHECK_THAT(html, Catch::Contains("<h1>UNDERRETNING (socialrapport), jf. barnets lov § 133</h1>"));
    CHECK(html.find("<script") == std::string::npos);
  }
}
