// Roles and what each may do (docs/access.md). One table, read by
// the CLI and the web service alike, so that both refuse the same things.
//
//   patrol       search and family lookup
//   secretariat  patrol's, plus screening, saved searches and draft reports
//   operator     indexing, residents and health; no personal data
//   auditor      reading and verifying the audit log; no personal data otherwise
//   admin        users; no personal data
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::access {

enum class Role { kPatrol, kSecretariat, kOperator, kAuditor, kAdmin };

enum class Action {
  kSearch,     // search the reports
  kFamily,     // family lookup by CPR number or address
  kScreen,     // the weekly screening, its flags and draft reports
  kSaved,      // saved searches and saved screenings
  kLoad,       // index reports, load residents
  kHealth,     // database revision, counts, analyzer identity
  kAudit,      // read, search and verify the audit log
  kUsers,      // add, change and remove users
};

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
std::vector<std::string> role_names();
std::string_view action_name(Action action);

// Whether any of `roles` allows `action`.
bool permits(const std::set<Role>& roles, Action action);

// Whether `action` shows personal data (and so needs a purpose and a district scope).
bool shows_personal_data(Action action);

}  // namespace socialsoeg::access
