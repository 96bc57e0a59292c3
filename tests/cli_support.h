// What the end-to-end tests of the program share: where the binary and the
// dev set are, CPR numbers compared whatever their spelling, and the users a
// test database needs before anyone may read personal data in it.
#pragma once

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "audit/audit_log.h"
#include "process.h"

namespace socialsoeg::test {

inline const std::string kBin = SOCIALSOEG_BIN;
inline const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev/";

// The password of every test user but the login user (who needs none on the CLI).
inline const std::string kTestPassword = "test-password-1";

// DDMMYY-SSSS or DDMMYYSSSS -> the ten digits.
inline std::string digits(std::string cpr) {
  std::erase(cpr, '-');
  return cpr;
}

// Runs `socialsoeg user add` or throws: a test database without its users is a broken test.
inline void add_user(const std::filesystem::path& db, const std::string& name, const std::string& roles_and_districts) {
  const auto r = run_command("echo " + kTestPassword + " | " + kBin + " user add --db " + db.string() + " " + name + " " +
                             roles_and_districts + " --password-stdin 2>&1");
  if (r.exit_code != 0) throw std::runtime_error("user add " + name + " failed: " + r.out);
}

// The login user with every role and all districts: what the tests run as.
// Others are added with add_user and used as `--user NAME` through kBinWithPassword.
inline void add_test_users(const std::filesystem::path& db) {
  add_user(db, audit::login_name(), "--role admin --role secretariat --role operator --role auditor --district all");
}

// The program with the test users' password in its environment: for `--user officer7`.
inline const std::string kBinWithPassword = "SOCIALSOEG_PASSWORD=" + kTestPassword + " " + kBin;

}  // namespace socialsoeg::test
