#include "access/role.h"

#include <array>
#include <utility>

namespace socialsoeg::access {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles = {{
    {Role::kPatrol, "patrol"},
    {Role::kSecretariat, "secretariat"},
    {Role::kOperator, "operator"},
    {Role::kAuditor, "auditor"},
    {Role::kAdmin, "admin"},
}};

// The whole policy: who may do what. Nothing else grants an action.
bool role_permits(Role role, Action action) {
  switch (role) {
    case Role::kPatrol:
      return action == Action::kSearch || action == Action::kFamily;
    case Role::kSecretariat:
      return action == Action::kSearch || action == Action::kFamily || action == Action::kScreen ||
             action == Action::kSaved;
    case Role::kOperator:
      return action == Action::kLoad || action == Action::kHealth;
    case Role::kAuditor:
      return action == Action::kAudit;
    case Role::kAdmin:
      return action == Action::kUsers;
  }
  return false;
}

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [r, n] : kRoles)
    if (n == name) return r;
  return std::nullopt;
}

std::vector<std::string> role_names() {
  std::vector<std::string> out;
  for (const auto& [r, name] : kRoles) out.emplace_back(name);
  return out;
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kSearch: return "search";
    case Action::kFamily: return "family";
    case Action::kScreen: return "screen";
    case Action::kSaved: return "saved";
    case Action::kLoad: return "load";
    case Action::kHealth: return "health";
    case Action::kAudit: return "audit";
    case Action::kUsers: return "users";
  }
  return "?";
}

bool permits(const std::set<Role>& roles, Action action) {
  for (Role r : roles)
    if (role_permits(r, action)) return true;
  return false;
}

bool shows_personal_data(Action action) {
  return action == Action::kSearch || action == Action::kFamily || action == Action::kScreen || action == Action::kSaved;
}

}  // namespace socialsoeg::access
