#include "access/principal.h"

namespace socialsoeg::access {

std::vector<std::string> Principal::role_names() const {
  std::vector<std::string> out;
  for (auto r : roles) out.emplace_back(role_name(r));
  return out;
}

audit::AuditEvent Principal::event(std::string action, std::string purpose) const {
  audit::AuditEvent e;
  e.user = name;
  e.roles = role_names();
  e.scope = scope.describe();
  e.client = client;
  e.action = std::move(action);
  e.purpose = std::move(purpose);
  return e;
}

}  // namespace socialsoeg::access
