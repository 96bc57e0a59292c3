// Who runs a command, and may they (docs/access.md). The CLI applies the
// users file of the web service: the login name (or --user) maps to a user,
// whose roles allow the command and whose districts limit every result.
// A --user other than the login name needs that user's password.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "access/principal.h"
#include "access/role.h"
#include "audit/audit_log.h"
#include "core/district_scope.h"
#include "core/installation.h"

namespace socialsoeg::cli {

using Caller = access::Principal;

// The caller of a command on database directory `db`, allowed to `action`.
// Throws AccessDenied — after recording the denial in the audit log — for an
// unknown user, a wrong password, or a role that does not allow it. Before
// the first user exists, loading data and adding that user are allowed (the
// operator setting up); reading personal data is not.
Caller authorize(const Installation& installation, const std::filesystem::path& db, const std::string& user_option,
                 access::Action action, const std::string& purpose = {});

// For commands that read personal data: a purpose must be given.
void require_purpose(const std::string& purpose, const std::string& what);

}  // namespace socialsoeg::cli
