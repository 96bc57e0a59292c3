// The users file (docs/access.md): who may use Socialsøg, with
// which roles, for which police districts, and their argon2id password hash.
//
//   DIR/access/users.json  {"users": {"NAME": {"roles": ["patrol"],
//                          "districts": ["fyn"] | ["all"], "password": "$argon2id$…",
//                          "created", "changed"}}}   mode 0600
//
// Managed by `socialsoeg user add|passwd|rm|list`; read by the CLI (the login
// name maps to a user) and by the web service at login.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"
#include "core/district_scope.h"

namespace socialsoeg::access {

struct User {
  std::string name;
  std::set<Role> roles;
  DistrictScope districts = DistrictScope::only({});
  std::string password_hash;
  std::string created, changed;
};

class UserStore {
 public:
  explicit UserStore(std::filesystem::path file) : file_(std::move(file)) {}
  static std::filesystem::path default_path(const std::filesystem::path& db_dir) {
    return db_dir / "access" / "users.json";
  }

  // Whether the file exists: before the first user is added, nobody can read personal data.
  bool exists() const;
  std::vector<User> list() const;
  std::optional<User> find(std::string_view name) const;

  // UsageError for a bad name (1-64 of a-z 0-9 . _ -), no roles, or a name taken.
  void add(User user) const;
  // UsageError when there is no such user.
  void set_password(std::string_view name, const std::string& password_hash) const;
  void remove(std::string_view name) const;

  // The user when `password` is theirs; nullopt otherwise. An unknown name
  // costs the same argon2id verification as a known one, so the time taken
  // does not tell which names exist.
  std::optional<User> authenticate(std::string_view name, std::string_view password) const;

  static void check_name(std::string_view name);
  const std::filesystem::path& path() const { return file_; }

 private:
  std::vector<User> read() const;
  void write(const std::vector<User>& users) const;
  std::filesystem::path file_;
};

}  // namespace socialsoeg::access
