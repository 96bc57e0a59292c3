// Who may see what (access/, cli/access_support): the one permission table,
// argon2id passwords, the users file; end to end, every role against every
// command (allowed, or exit 4 with nothing shown and a "denied" audit
// record); and district scopes — a user of Bornholm sees exactly what an
// index of Bornholm's reports alone would show, and a person outside the
// scope gets the answer of one who does not exist.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "access/password.h"
#include "access/role.h"
#include "access/user_store.h"
#include "cli_support.h"
#include "core/errors.h"
#include "process.h"
#include "temp_dir.h"

using nlohmann::json;
using socialsoeg::test::kBin;
using socialsoeg::test::kBinWithPassword;
using socialsoeg::test::kDev;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::TempDir;
namespace acc = socialsoeg::access;

TEST_CASE("access: the permission table", "[access]") {
  using acc::Action;
  using acc::Role;
  const std::map<Role, std::set<Action>> expected = {
      {Role::kPatrol, {Action::kSearch, Action::kFamily}},
      {Role::kSecretariat, {Action::kSearch, Action::kFamily, Action::kScreen, Action::kSaved}},
      {Role::kOperator, {Action::kLoad, Action::kHealth}},
      {Role::kAuditor, {Action::kAudit}},
      {Role::kAdmin, {Action::kUsers}},
  };
  const std::vector<Action> actions = {Action::kSearch, Action::kFamily, Action::kScreen, Action::kSaved,
                                       Action::kLoad,   Action::kHealth, Action::kAudit,  Action::kUsers};
  for (const auto& [role, allowed] : expected)
    for (Action a : actions) {
      INFO(acc::role_name(role) << " " << acc::action_name(a));
      CHECK(acc::permits({role}, a) == (allowed.count(a) > 0));
    }
  CHECK_FALSE(acc::permits({}, Action::kSearch));
  CHECK(acc::permits({Role::kOperator, Role::kPatrol}, Action::kFamily));
  for (const auto& name : acc::role_names()) CHECK(acc::parse_role(name).has_value());
  CHECK_FALSE(acc::parse_role("root").has_value());
}

TEST_CASE("access: argon2id password hashes and the users file", "[access]") {
  const std::string hash = acc::hash_password("korrekt hest batteri");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(acc::verify_password("korrekt hest batteri", hash));
  CHECK_FALSE(acc::verify_password("korrekt hest batterI", hash));
  CHECK(acc::hash_password("korrekt hest batteri") != hash);  // salted
  CHECK_THROWS_AS(acc::hash_password("kort"), socialsoeg::UsageError);
  CHECK(acc::random_password().size() == 16);

  TempDir dir;
  const acc::UserStore store(dir.path() / "access" / "users.json");
  CHECK_FALSE(store.exists());
  acc::User u;
  u.name = "p.hansen";
  u.roles = {acc::Role::kPatrol};
  u.districts = socialsoeg::DistrictScope::only({"fyn", "bornholm"});
  u.password_hash = hash;
  store.add(u);
  CHECK(store.exists());
  CHECK_THROWS_AS(store.add(u), socialsoeg::UsageError);
  u.name = "Bad Name";
  CHECK_THROWS_AS(store.add(u), socialsoeg::UsageError);
  const auto found = store.find("p.hansen");
  REQUIRE(found);
  CHECK(found->districts.describe() == "bornholm,fyn");
  CHECK(found->districts.allows("fyn"));
  CHECK_FALSE(found->districts.allows("koebenhavn"));
  CHECK(store.authenticate("p.hansen", "korrekt hest batteri"));
  CHECK_FALSE(store.authenticate("p.hansen", "forkert"));
  CHECK_FALSE(store.authenticate("nobody", "korrekt hest batteri"));
  store.set_password("p.hansen", acc::hash_password("et helt nyt kodeord"));
  CHECK_FALSE(store.authenticate("p.hansen", "korrekt hest batteri"));
  CHECK(store.authenticate("p.hansen", "et helt nyt kodeord"));
  const auto perms = std::filesystem::status(store.path()).permissions();
  CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) == std::filesystem::perms::none);
  CHECK(read_file(store.path().string()).find("korrekt") == std::string::npos);
  store.remove("p.hansen");
  CHECK_FALSE(store.find("p.hansen"));
}

namespace {

// The dev set indexed, with one user per role (all districts) and two district-bound ones.
struct AccessWorld {
  TempDir dir;
  std::string db = dir / "db";
  AccessWorld() {
    socialsoeg::test::add_test_users(db);
    REQUIRE(run_command(kBin + " index --db " + db + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
    REQUIRE(run_command(kBin + " residents --db " + db + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
    for (const char* role : {"patrol", "secretariat", "operator", "auditor", "admin"})
      socialsoeg::test::add_user(db, std::string("u-") + role, std::string("--role ") + role + " --district all");
    socialsoeg::test::add_user(db, "born", "--role secretariat --district bornholm");
  }
  socialsoeg::test::ProcessResult as(const std::string& user, const std::string& command) const {
    return run_command(kBinWithPassword + " " + command + " --user " + user + " 2>/dev/null");
  }
};

// The last record of the audit log.
json last_record(const std::string& db) {
  const std::string log = read_file(db + "/audit.log");
  return json::parse(log.substr(log.rfind('\n', log.size() - 2) + 1));
}

}  // namespace

TEST_CASE("access: every role against every command, end to end", "[access][cli]") {
  AccessWorld w;
  const std::string one_report = w.dir.write("one.jsonl", [] {
    std::ifstream in(kDev + "reports.jsonl");
    std::string line;
    std::getline(in, line);
    return line + "\n";
  }());
  // command -> the roles that may run it
  const std::vector<std::pair<std::string, std::set<std::string>>> commands = {
      {"search --db " + w.db + " --purpose t vold", {"patrol", "secretariat"}},
      {"family --db " + w.db + " --purpose t --cpr 020276-0945 --as-of 2024-07-20", {"patrol", "secretariat"}},
      {"screen --db " + w.db + " --purpose t --as-of 2025-12-31", {"secretariat"}},
      {"saved list --db " + w.db, {"secretariat"}},
      {"index --db " + w.db + " " + one_report, {"operator"}},
      {"status --db " + w.db, {"operator"}},
      {"audit verify --db " + w.db, {"auditor"}},
      {"user list --db " + w.db, {"admin"}},
  };
  for (const auto& [command, allowed] : commands)
    for (const char* role : {"patrol", "secretariat", "operator", "auditor", "admin"}) {
      INFO(role << ": " << command);
      const std::string user = std::string("u-") + role;
      const auto r = w.as(user, command);
      if (allowed.count(role)) {
        CHECK(r.exit_code == 0);
        CHECK_FALSE(r.out.empty());
      } else {
        CHECK(r.exit_code == 4);
        CHECK(r.out.empty());  // no data, no counts, no hints
        const json last = last_record(w.db);
        CHECK(last["user"] == user);
        CHECK(last["outcome"] == "denied");
        if (command.find("--purpose t ") != std::string::npos) CHECK(last["purpose"] == "t");
      }
    }
  // A wrong password, an unknown user and no password at all are refused and recorded.
  CHECK(run_command("SOCIALSOEG_PASSWORD=wrong-password " + kBin + " search --db " + w.db + " --purpose t vold --user u-patrol 2>/dev/null").exit_code == 4);
  CHECK(last_record(w.db)["outcome"] == "denied");
  CHECK(w.as("nobody", "search --db " + w.db + " --purpose t vold").exit_code == 4);
  CHECK(run_command(kBin + " search --db " + w.db + " --purpose t vold --user u-patrol 2>/dev/null </dev/null").exit_code == 4);
  // The whole log, denials included, verifies.
  CHECK(run_command(kBin + " audit verify --db " + w.db).exit_code == 0);
}

TEST_CASE("access: before the first user, data may be loaded but not read", "[access][cli]") {
  TempDir dir;
  const std::string db = dir / "db";
  REQUIRE(run_command(kBin + " index --db " + db + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  const auto r = run_command(kBin + " search --db " + db + " --purpose t vold 2>&1");
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.out, Catch::Contains("user add"));
  // The first user must be an admin.
  CHECK(run_command("echo long-enough-pw | " + kBin + " user add --db " + db + " p --role patrol --district all --password-stdin 2>/dev/null").exit_code == 1);
  socialsoeg::test::add_test_users(db);
  CHECK(run_command(kBin + " search --db " + db + " --purpose t vold >/dev/null 2>&1").exit_code == 0);
  // From now on only an admin adds users.
  socialsoeg::test::add_user(db, "p", "--role patrol --district fyn");
  CHECK(run_command("echo long-enough-pw | " + kBinWithPassword + " user add --db " + db +
                    " --user p q --role admin --district all --password-stdin 2>/dev/null").exit_code == 4);
  CHECK(run_command(kBin + " user add --db " + db + " r --role patrol --district atlantis 2>/dev/null").exit_code == 1);
}

namespace {

json search_ids(const std::string& command) {
  const auto r = run_command(command + " 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::set<std::string> ids(const json& result) {
  std::set<std::string> out;
  for (const auto& h : result["hits"]) out.insert(h["id"].get<std::string>());
  return out;
}

// Flags as (cpr, report ids).
std::set<std::pair<std::string, std::set<std::string>>> flags(const json& result) {
  std::set<std::pair<std::string, std::set<std::string>>> out;
  for (const auto& f : result["flags"]) {
    std::set<std::string> reports;
    for (const auto& r : f["reports"]) reports.insert(r.is_object() ? r["id"].get<std::string>() : r.get<std::string>());
    out.insert({f["cpr"].get<std::string>(), reports});
  }
  return out;
}

}  // namespace

TEST_CASE("access: a district's user sees exactly what an index of that district alone shows", "[access][scope]") {
  AccessWorld w;
  // The same dev set, Bornholm's reports only, read by an all-districts user.
  TempDir only;
  const std::string born_db = only / "db";
  {
    std::ifstream in(kDev + "reports.jsonl");
    std::string bornholm;
    for (std::string line; std::getline(in, line);)
      if (json::parse(line)["district"] == "bornholm") bornholm += line + "\n";
    socialsoeg::test::add_test_users(born_db);
    REQUIRE(run_command(kBin + " index --db " + born_db + " " + only.write("b.jsonl", bornholm) + " >/dev/null 2>&1").exit_code == 0);
    REQUIRE(run_command(kBin + " residents --db " + born_db + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
  }
  for (const std::string q : {"vold", "concept:spirituskoersel", "spritkørsel OR narkokørsel", "date:2020..2026", "sigtet"}) {
    INFO(q);
    const json scoped = search_ids(kBinWithPassword + " search --db " + w.db + " --user born --purpose t --json --limit 1000 " +
                                   socialsoeg::test::shell_quote(q));
    const json alone = search_ids(kBin + " search --db " + born_db + " --purpose t --json --limit 1000 " +
                                  socialsoeg::test::shell_quote(q));
    CHECK(ids(scoped) == ids(alone));
    CHECK(scoped["total"] == alone["total"]);
    for (const auto& h : scoped["hits"]) CHECK(h["district"] == "bornholm");
  }
  const json all_flags = search_ids(kBin + " screen --db " + w.db + " --purpose t --json --as-of 2025-12-31");
  const json scoped_flags =
      search_ids(kBinWithPassword + " screen --db " + w.db + " --user born --purpose t --json --as-of 2025-12-31");
  const json alone_flags = search_ids(kBin + " screen --db " + born_db + " --purpose t --json --as-of 2025-12-31");
  CHECK(flags(scoped_flags) == flags(alone_flags));
  CHECK_FALSE(flags(scoped_flags).empty());
  CHECK(flags(scoped_flags).size() < flags(all_flags).size());

  // Family: in scope, the household and Bornholm's reports; out of scope, the
  // answer of a person or address that does not exist.
  const auto family = [&](const std::string& args) {
    return search_ids(kBinWithPassword + " family --db " + w.db + " --user born --purpose t --json --as-of 2024-07-20 " + args);
  };
  const json inside = family("--cpr 050479-2416");
  CHECK_FALSE(inside["household"].empty());
  CHECK_FALSE(inside["reports"].empty());
  for (const auto& r : inside["reports"]) CHECK(r["district"] == "bornholm");
  json outside = family("--cpr 020276-0945"), nobody = family("--cpr 010101-0101");
  outside.erase("cpr");
  nobody.erase("cpr");
  CHECK(outside == nobody);
  CHECK(outside["household"].empty());
  json outside_address = family("--address A-D002"), no_address = family("--address A-NONE");
  outside_address.erase("address_id");
  no_address.erase("address_id");
  CHECK(outside_address == no_address);
  // The all-districts user sees that household.
  const auto full = search_ids(kBin + " family --db " + w.db + " --purpose t --json --as-of 2024-07-20 --cpr 020276-0945");
  CHECK_FALSE(full["household"].empty());
}
