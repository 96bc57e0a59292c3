#include "cli/access_support.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "access/user_store.h"
#include "core/errors.h"

namespace socialsoeg::cli {
namespace {

// The password of `user`: SOCIALSOEG_PASSWORD, else asked on the terminal without echo.
std::string password_for(const std::string& user) {
  if (const char* env = std::getenv("SOCIALSOEG_PASSWORD"); env && *env) return env;
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (!tty) return {};
  std::fprintf(tty, "password for %s: ", user.c_str());
  std::fflush(tty);
  termios old {};
  const bool is_tty = ::tcgetattr(fileno(tty), &old) == 0;
  if (is_tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
  }
  char buffer[512] = {};
  const bool got = std::fgets(buffer, sizeof buffer, tty) != nullptr;
  if (is_tty) ::tcsetattr(fileno(tty), TCSAFLUSH, &old);
  std::fprintf(tty, "\n");
  std::fclose(tty);
  std::string p = got ? buffer : "";
  while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
  return p;
}

[[noreturn]] void deny(const Installation& installation, const std::filesystem::path& db, const Caller& who,
                       access::Action action, const std::string& purpose,
                       const std::string& why) {
  try {
    audit::AuditLog log(audit::AuditLogFiles::for_db(db, installation.audit_checkpoints));
    auto e = who.event(std::string(access::action_name(action)), purpose);
    e.outcome = "denied";
    e.details = {{"reason", why}};
    log.append(e);
  } catch (const std::exception&) {
    // Denied either way; a log that cannot be written is reported by the next allowed action.
  }
  throw AccessDenied(why);
}

}  // namespace

Caller authorize(const Installation& installation, const std::filesystem::path& db, const std::string& user_option,
                 access::Action action, const std::string& purpose) {
  const std::string login = audit::login_name();
  Caller caller;
  caller.name = user_option.empty() ? login : user_option;
  std::error_code ec;
  if (access::shows_personal_data(action) && !std::filesystem::exists(db, ec))
    throw EnvironmentError("there is no database at " + db.string());
  const access::UserStore users(access::UserStore::default_path(db));
  if (!users.exists()) {
    // A fresh installation: the operator loads data and adds the first user.
    if (action == access::Action::kLoad || action == access::Action::kHealth || action == access::Action::kUsers) {
      caller.scope = DistrictScope::everywhere();
      return caller;
    }
    throw AccessDenied("there are no users yet, so nobody may " + std::string(access::action_name(action)) +
                       ": add one with `socialsoeg user add --db " + db.string() + " NAME --role ROLE --district DISTRICT`");
  }
  auto user = users.find(caller.name);
  if (!user) deny(installation, db, caller, action, purpose, "unknown user " + caller.name + " (see `socialsoeg user list`)");
  if (caller.name != login) {
    const std::string password = password_for(caller.name);
    if (password.empty())
      deny(installation, db, caller, action, purpose, "--user " + caller.name + " is not your login name: give " + caller.name +
                                   "'s password (on the terminal, or in SOCIALSOEG_PASSWORD)");
    user = users.authenticate(caller.name, password);
    if (!user) deny(installation, db, caller, action, purpose, "wrong password for " + caller.name);
  }
  caller.roles = user->roles;
  caller.scope = user->districts;
  if (!access::permits(caller.roles, action))
    deny(installation, db, caller, action, purpose, "user " + caller.name + " may not " + std::string(access::action_name(action)) + " (roles: " +
                                 [&] {
                                   std::string r;
                                   for (const auto& n : caller.role_names()) r += (r.empty() ? "" : ", ") + n;
                                   return r;
                                 }() + ")");
  return caller;
}

void require_purpose(const std::string& purpose, const std::string& what) {
  if (purpose.find_first_not_of(" \t") == std::string::npos)
    throw UsageError(what + " shows personal data: give --purpose with a case number or the reason");
}

}  // namespace socialsoeg::cli
