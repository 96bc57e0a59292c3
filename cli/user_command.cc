// `socialsoeg user add|passwd|rm|list`: the users file of docs/access.md.
// Only an admin manages users — except the very first, made by whoever sets
// up the database directory, which must be an admin — and everybody may
// change their own password. Every change is in the audit log.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/password.h"
#include "access/user_store.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "core/errors.h"
#include "index/places.h"

namespace socialsoeg::cli {
namespace {

struct UserOptions {
  std::string db, name, user;
  std::vector<std::string> roles, districts;
  bool password_stdin = false, json = false;
};

// The password from stdin (one line), or a random one printed once.
std::string new_password(const UserOptions& o) {
  if (!o.password_stdin) {
    const std::string p = access::random_password();
    std::printf("password for %s (shown once; give it to them in person): %s\n", o.name.c_str(), p.c_str());
    return p;
  }
  std::string p;
  std::getline(std::cin, p);
  while (!p.empty() && (p.back() == '\r' || p.back() == '\n')) p.pop_back();
  return p;
}

DistrictScope districts_from(const Installation& installation, const std::vector<std::string>& given) {
  if (given.empty()) throw UsageError("give the user's police districts: --district SLUG (repeatable) or --district all");
  const auto places = index::Places::load(installation.municipalities());
  std::vector<std::string> slugs;
  for (const auto& d : given) {
    if (d == "all") return DistrictScope::everywhere();
    const std::string slug = index::fold_place_name(d);
    if (!places.is_district(slug)) {
      std::string known;
      for (const auto& k : places.districts()) known += (known.empty() ? "" : ", ") + k;
      throw UsageError("--district: unknown police district '" + d + "' (one of: " + known + ", or all)");
    }
    slugs.push_back(slug);
  }
  return DistrictScope::only(slugs);
}

void record(const Installation& installation, const std::filesystem::path& db, const Caller& caller,
            const std::string& action, const std::string& name, nlohmann::json details = nlohmann::json::object()) {
  auto e = caller.event(action);
  details["name"] = name;
  e.details = std::move(details);
  audit::AuditLog(audit::AuditLogFiles::for_db(db, installation.audit_checkpoints)).append(e);
}

int run_add(const Installation& installation, const UserOptions& o) {
  const access::UserStore store(access::UserStore::default_path(o.db));
  const bool first = !store.exists();
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kUsers);
  access::User u;
  u.name = o.name;
  access::UserStore::check_name(u.name);
  for (const auto& r : o.roles) {
    const auto role = access::parse_role(r);
    if (!role) throw UsageError("--role: unknown role '" + r + "' (patrol, secretariat, operator, auditor, admin)");
    u.roles.insert(*role);
  }
  if (u.roles.empty()) throw UsageError("give at least one --role (patrol, secretariat, operator, auditor, admin)");
  if (first && !u.roles.count(access::Role::kAdmin))
    throw UsageError("the first user must be an admin (--role admin), or nobody could manage users");
  u.districts = districts_from(installation, o.districts);
  if (store.find(u.name)) throw UsageError("there is already a user " + u.name);
  u.password_hash = access::hash_password(new_password(o));
  store.add(u);
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : u.roles) roles.push_back(std::string(access::role_name(r)));
  record(installation, o.db, caller, "user-add", u.name, {{"roles", roles}, {"districts", u.districts.describe()}, {"first", first}});
  std::printf("added user %s\n", u.name.c_str());
  return kExitOk;
}

int run_passwd(const Installation& installation, const UserOptions& o) {
  const access::UserStore store(access::UserStore::default_path(o.db));
  Caller caller;
  try {
    caller = authorize(installation, o.db, o.user, access::Action::kUsers);
  } catch (const AccessDenied&) {
    // Not an admin: only one's own password, as the login user.
    if (!o.user.empty() || o.name != audit::login_name() || !store.find(o.name)) throw;
    caller.name = o.name;
  }
  if (!store.find(o.name)) throw UsageError("there is no user " + o.name);
  store.set_password(o.name, access::hash_password(new_password(o)));
  record(installation, o.db, caller, "user-passwd", o.name);
  std::printf("changed the password of %s\n", o.name.c_str());
  return kExitOk;
}

int run_rm(const Installation& installation, const UserOptions& o) {
  const access::UserStore store(access::UserStore::default_path(o.db));
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kUsers);
  const auto target = store.find(o.name);
  if (!target) throw UsageError("there is no user " + o.name);
  if (target->roles.count(access::Role::kAdmin)) {
    size_t admins = 0;
    for (const auto& u : store.list()) admins += u.roles.count(access::Role::kAdmin);
    if (admins == 1) throw UsageError(o.name + " is the last admin: add another admin first");
  }
  store.remove(o.name);
  record(installation, o.db, caller, "user-rm", o.name);
  std::printf("removed user %s\n", o.name.c_str());
  return kExitOk;
}

int run_list(const Installation& installation, const UserOptions& o) {
  const access::UserStore store(access::UserStore::default_path(o.db));
  authorize(installation, o.db, o.user, access::Action::kUsers);
  nlohmann::json all = nlohmann::json::array();
  for (const auto& u : store.list()) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto r : u.roles) roles.push_back(std::string(access::role_name(r)));
    all.push_back({{"name", u.name}, {"roles", roles}, {"districts", u.districts.describe()}, {"created", u.created},
                   {"changed", u.changed}});
  }
  if (o.json) {
    std::printf("%s\n", all.dump().c_str());
    return kExitOk;
  }
  if (all.empty()) std::printf("no users\n");
  for (const auto& u : all) {
    std::string roles;
    for (const auto& r : u["roles"]) roles += (roles.empty() ? "" : ",") + r.get<std::string>();
    std::printf("%-20s %-36s %s\n", u["name"].get<std::string>().c_str(), roles.c_str(), u["districts"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void register_user(CLI::App& app, CommandAction& action) {
  auto* cmd = app.add_subcommand("user", "Manage the users who may use Socialsøg (admin; docs/access.md)");
  cmd->require_subcommand(1);
  const auto common = [](CLI::App* c, UserOptions& o) {
    add_db_option(c, o.db);
    add_user_option(c, o.user);
  };
  auto add = std::make_shared<UserOptions>();
  auto* a = cmd->add_subcommand("add", "Add a user with roles and police districts");
  common(a, *add);
  a->add_option("name", add->name, "Login name (a-z 0-9 . _ -)")->required();
  a->add_option("--role", add->roles, "patrol, secretariat, operator, auditor or admin (repeatable)");
  a->add_option("--district", add->districts, "A police district slug (repeatable), or all");
  a->add_flag("--password-stdin", add->password_stdin, "Read the password from stdin (default: make one and print it once)");
  a->callback([add, &action] { action = [add](const Installation& installation) { return run_add(installation, *add); }; });

  auto passwd = std::make_shared<UserOptions>();
  auto* p = cmd->add_subcommand("passwd", "Set a user's password (admin, or your own)");
  common(p, *passwd);
  p->add_option("name", passwd->name, "Login name")->required();
  p->add_flag("--password-stdin", passwd->password_stdin, "Read the password from stdin (default: make one and print it once)");
  p->callback([passwd, &action] { action = [passwd](const Installation& installation) { return run_passwd(installation, *passwd); }; });

  auto rm = std::make_shared<UserOptions>();
  auto* r = cmd->add_subcommand("rm", "Remove a user");
  common(r, *rm);
  r->add_option("name", rm->name, "Login name")->required();
  r->callback([rm, &action] { action = [rm](const Installation& installation) { return run_rm(installation, *rm); }; });

  auto list = std::make_shared<UserOptions>();
  auto* l = cmd->add_subcommand("list", "List users, roles and districts (never passwords)");
  common(l, *list);
  add_json_flag(l, list->json);
  l->callback([list, &action] { action = [list](const Installation& installation) { return run_list(installation, *list); }; });
  cmd->footer(
      "Examples:\n"
      "  socialsoeg user add --db /srv/socialsoeg admin1 --role admin --district all\n"
      "  socialsoeg user add --db /srv/socialsoeg --user admin1 p.hansen --role patrol --district fyn\n"
      "  echo 'new passphrase here' | socialsoeg user passwd --db /srv/socialsoeg p.hansen --password-stdin");
}

}  // namespace socialsoeg::cli
