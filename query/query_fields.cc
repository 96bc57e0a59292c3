#include "query/query_fields.h"

#include <algorithm>

#include "index/schema.h"

namespace socialsoeg::query {
namespace {

// The order is the order of help texts and of "did you mean" candidates
// (ties go to the earlier name), so it is kept stable.
constexpr FieldSpec kFields[] = {
    {Field::kConcept, "concept", {"begreb", ""}, schema::kConceptAffirmed, FieldKind::kWeighted, "husspektakel",
     "a risk concept mentioned, by id or English alias"},
    {Field::kCpr, "cpr", {"", ""}, schema::kCpr, FieldKind::kChecked, "010190-1234",
     "a person named (DDMMYY-SSSS or ten digits)"},
    {Field::kRole, "role", {"rolle", ""}, schema::kRole, FieldKind::kChecked, "sigtet",
     "someone's role; next to cpr: that person's role"},
    {Field::kDistrict, "district", {"kreds", "politikreds"}, schema::kDistrict, FieldKind::kChecked, "fyn",
     "police district, by slug or name"},
    {Field::kMunicipality, "municipality", {"kommune", ""}, schema::kMunicipality, FieldKind::kChecked, "461",
     "municipality, by code or name"},
    {Field::kSource, "source", {"kilde", ""}, schema::kSource, FieldKind::kChecked, "journal",
     "journal or døgnrapport"},
    {Field::kCase, "case", {"sag", "journal"}, schema::kCase, FieldKind::kExact, "...",
     "journal number, exactly"},
    {Field::kAddress, "address", {"adresse", ""}, schema::kAddress, FieldKind::kExact, "...",
     "unit address id, exactly"},
    {Field::kId, "id", {"", ""}, schema::kId, FieldKind::kExact, "...", "record id, exactly"},
    {Field::kDate, "date", {"dato", ""}, "", FieldKind::kDate, "2024-03-01..2024-06-30",
     "a year, month or day, or a range a..b open at one end (..2023-12-31)"},
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::span<const FieldSpec> query_fields() { return kFields; }

const FieldSpec& field_spec(Field field) {
  // Rows are in enum order; checked once by tests/query_fields_test.cc.
  return kFields[static_cast<size_t>(field)];
}

const FieldSpec* find_field(std::string_view name) {
  const std::string lower = lower_ascii(name);
  for (const auto& f : kFields) {
    if (lower == f.name) return &f;
    for (const auto alias : f.aliases)
      if (!alias.empty() && lower == alias) return &f;
  }
  return nullptr;
}

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& f : kFields) v.emplace_back(f.name);
    for (const auto& f : kFields)
      for (const auto alias : f.aliases)
        if (!alias.empty()) v.emplace_back(alias);
    return v;
  }();
  return names;
}

std::string canonical_field_list() {
  std::string out;
  for (const auto& f : kFields) {
    if (!out.empty()) out += ' ';
    out += f.name;
  }
  return out;
}

std::string field_help() {
  std::vector<std::string> heads;
  size_t width = 0;
  for (const auto& f : kFields) {
    heads.push_back(std::string(f.name) + ":" + std::string(f.example));
    width = std::max(width, heads.back().size());
  }
  std::string out;
  for (size_t i = 0; i < std::size(kFields); ++i) {
    const auto& f = kFields[i];
    std::string aliases;
    for (const auto alias : f.aliases)
      if (!alias.empty()) aliases += (aliases.empty() ? "" : " ") + std::string(alias) + ":";
    out += "  " + heads[i] + std::string(width - heads[i].size() + 2, ' ') + std::string(f.help);
    if (!aliases.empty()) out += " (also " + aliases + ")";
    out += '\n';
  }
  return out;
}

}  // namespace socialsoeg::query
