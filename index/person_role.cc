#include "index/person_role.h"

namespace socialsoeg::index {
namespace {

// The order is the order in which messages list the roles.
constexpr PersonRoleSpec kRoles[] = {
    {PersonRole::kSigtet, "sigtet", "sigtet", true},
    {PersonRole::kForurettet, "forurettet", "forurettet", false},
    {PersonRole::kAnmelder, "anmelder", "anmelder", false},
    {PersonRole::kVidne, "vidne", "vidne", false},
    {PersonRole::kInvolveret, "involveret", "involveret", true},
};

const PersonRoleSpec* find(std::string_view token) {
  for (const auto& spec : kRoles)
    if (spec.token == token) return &spec;
  return nullptr;
}

}  // namespace

std::span<const PersonRoleSpec> person_roles() { return kRoles; }

std::string_view to_string(PersonRole role) {
  for (const auto& spec : kRoles)
    if (spec.role == role) return spec.token;
  return "?";
}

std::optional<PersonRole> parse_person_role(std::string_view token) {
  if (const auto* spec = find(token)) return spec->role;
  return std::nullopt;
}

std::vector<std::string> person_role_tokens() {
  std::vector<std::string> out;
  for (const auto& spec : kRoles) out.emplace_back(spec.token);
  return out;
}

std::string person_role_list(std::string_view separator) {
  std::string out;
  for (const auto& spec : kRoles) {
    if (!out.empty()) out += separator;
    out += spec.token;
  }
  return out;
}

bool is_acting_role(std::string_view token) {
  const auto* spec = find(token);
  return spec && spec->acting;
}

std::set<std::string> acting_role_tokens() {
  std::set<std::string> out;
  for (const auto& spec : kRoles)
    if (spec.acting) out.emplace(spec.token);
  return out;
}

std::string danish_role_label(std::string_view token) {
  if (const auto* spec = find(token)) return std::string(spec->danish_label);
  return std::string(token);
}

}  // namespace socialsoeg::index
