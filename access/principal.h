// Who is acting: a user with roles and a district scope, from the CLI (login
// name) or the web service (a session). Every audit record starts here.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "access/role.h"
#include "audit/audit_record.h"
#include "core/district_scope.h"

namespace socialsoeg::access {

struct Principal {
  std::string name;
  std::set<Role> roles;
  DistrictScope scope = DistrictScope::only({});
  std::string client = "cli";  // or the service's client address

  bool may(Action action) const { return permits(roles, action); }
  std::vector<std::string> role_names() const;
  // An audit event with who this is filled in.
  audit::AuditEvent event(std::string action, std::string purpose = {}) const;
};

}  // namespace socialsoeg::access
