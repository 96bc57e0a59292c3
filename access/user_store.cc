#include "access/user_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "access/password.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/files.h"

namespace socialsoeg::access {
namespace {

namespace fs = std::filesystem;

nlohmann::json to_json(const User& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : u.roles) roles.push_back(std::string(role_name(r)));
  nlohmann::json districts = u.districts.all() ? nlohmann::json::array({"all"}) : nlohmann::json(u.districts.districts());
  return {{"roles", roles}, {"districts", districts}, {"password", u.password_hash},
          {"created", u.created}, {"changed", u.changed}};
}

User from_json(const std::string& name, const nlohmann::json& j, const fs::path& file) {
  User u;
  u.name = name;
  for (const auto& r : j.at("roles")) {
    const auto role = parse_role(r.get<std::string>());
    if (!role) throw DataError(file.string() + ": user " + name + ": unknown role " + r.get<std::string>());
    u.roles.insert(*role);
  }
  std::vector<std::string> districts = j.at("districts").get<std::vector<std::string>>();
  u.districts = std::find(districts.begin(), districts.end(), "all") != districts.end() ? DistrictScope::everywhere()
                                                                                      : DistrictScope::only(districts);
  u.password_hash = j.value("password", "");
  u.created = j.value("created", "");
  u.changed = j.value("changed", "");
  return u;
}

// A valid argon2id hash of a password nobody has: an unknown user's login is
// verified against it, so that it takes as long as a known user's.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_password(24));
  return hash;
}

}  // namespace

void UserStore::check_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!ok) throw UsageError("a user name is 1-64 of a-z 0-9 . _ - (got '" + std::string(name) + "')");
}

bool UserStore::exists() const {
  std::error_code ec;
  return fs::exists(file_, ec);
}

std::vector<User> UserStore::read() const {
  const std::string text = read_file_or_empty(file_);
  std::vector<User> out;
  if (text.empty()) return out;
  try {
    const auto j = nlohmann::json::parse(text);
    for (const auto& [name, v] : j.at("users").items()) out.push_back(from_json(name, v, file_));
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file_.string() + ": not a users file (" + e.what() + ")");
  }
  return out;
}

void UserStore::write(const std::vector<User>& users) const {
  nlohmann::json all = nlohmann::json::object();
  for (const auto& u : users) all[u.name] = to_json(u);
  replace_file(file_, nlohmann::json{{"users", all}}.dump(2) + "\n", 0600);
}

std::vector<User> UserStore::list() const { return read(); }

std::optional<User> UserStore::find(std::string_view name) const {
  for (auto& u : read())
    if (u.name == name) return u;
  return std::nullopt;
}

void UserStore::add(User user) const {
  check_name(user.name);
  if (user.roles.empty()) throw UsageError("user " + user.name + " needs at least one role");
  FileLock lock(file_.string() + ".lock");
  auto users = read();
  for (const auto& u : users)
    if (u.name == user.name) throw UsageError("there is already a user " + user.name);
  user.created = user.changed = utc_timestamp();
  users.push_back(std::move(user));
  write(users);
}

void UserStore::set_password(std::string_view name, const std::string& password_hash) const {
  FileLock lock(file_.string() + ".lock");
  auto users = read();
  for (auto& u : users)
    if (u.name == name) {
      u.password_hash = password_hash;
      u.changed = utc_timestamp();
      write(users);
      return;
    }
  throw UsageError("there is no user " + std::string(name));
}

void UserStore::remove(std::string_view name) const {
  FileLock lock(file_.string() + ".lock");
  auto users = read();
  const auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.name == name; });
  if (it == users.end()) throw UsageError("there is no user " + std::string(name));
  users.erase(it);
  write(users);
}

std::optional<User> UserStore::authenticate(std::string_view name, std::string_view password) const {
  auto user = find(name);
  const std::string& hash = user && !user->password_hash.empty() ? user->password_hash : decoy_hash();
  const bool ok = verify_password(password, hash);
  if (!user || !ok || user->password_hash.empty()) return std::nullopt;
  return user;
}

}  // namespace socialsoeg::access
