// The role a person has in a report (contract §2): what the index stores in
// XROLE and XPR terms, the persons slot and the stored report, and what
// queries (role:sigtet) and the screening rule name. Part of the format, so
// that readers parse a role without the loader's record validation.
#pragma once

#include <optional>
#include <string_view>

namespace socialsoeg::index {

enum class PersonRole { kSigtet, kForurettet, kAnmelder, kVidne, kInvolveret };

// "sigtet", "forurettet", ...: the form the index and the input use.
std::string_view to_string(PersonRole role);
// The role written exactly so; nullopt for anything else.
std::optional<PersonRole> parse_role(std::string_view text);

}  // namespace socialsoeg::index
