// The role a person has in a report (contract §2), one table: the token that
// records, the index (XROLE and XPR terms, the persons slot, the stored
// report) and queries (role:sigtet) write, how a Danish text shows it, and
// whether the role "acts" — what the screening counts by default and the
// family history counts. Record parsing, the role: filter, the family
// lookup, the screening rule and the socialrapport draft all read it. Part of
// the format, so that readers know the roles without the loader.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::index {

enum class PersonRole { kSigtet, kForurettet, kAnmelder, kVidne, kInvolveret };

struct PersonRoleSpec {
  PersonRole role;
  std::string_view token;         // "sigtet": records, terms, slots, queries
  std::string_view danish_label;  // as a Danish sentence names it ("registreret som sigtet")
  bool acting;                    // the person acts (is charged, is involved), not only present
};

// Every role, in the order messages list them.
std::span<const PersonRoleSpec> person_roles();

// The token of a role ("sigtet"): the form the index and the input use.
std::string_view to_string(PersonRole role);
// The role whose token is exactly `token`; nullopt for anything else.
std::optional<PersonRole> parse_person_role(std::string_view token);

// The tokens in table order, and joined by `separator` for messages.
std::vector<std::string> person_role_tokens();
std::string person_role_list(std::string_view separator);

// Whether the role written `token` acts; false for an unknown token.
bool is_acting_role(std::string_view token);
// The tokens of the acting roles: the screening rule's default acting_roles.
std::set<std::string> acting_role_tokens();
// How a Danish text names the role written `token`; the token itself when unknown.
std::string danish_role_label(std::string_view token);

}  // namespace socialsoeg::index
