#include "index/person_role.h"

#include <array>
#include <utility>

namespace socialsoeg::index {
namespace {

constexpr std::array<std::pair<PersonRole, std::string_view>, 5> kRoles{{
    {PersonRole::kSigtet, "sigtet"},
    {PersonRole::kForurettet, "forurettet"},
    {PersonRole::kAnmelder, "anmelder"},
    {PersonRole::kVidne, "vidne"},
    {PersonRole::kInvolveret, "involveret"},
}};

}  // namespace

std::string_view to_string(PersonRole role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "?";
}

std::optional<PersonRole> parse_role(std::string_view text) {
  for (const auto& [r, name] : kRoles)
    if (name == text) return r;
  return std::nullopt;
}

}  // namespace socialsoeg::index
