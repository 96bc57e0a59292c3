// The field:value filters of the query language, one row per field: its
// name and Danish aliases, the term prefix it reads, how its value meets the
// index, an example value and a line of help. The lexer recognises names from
// this table, the builder dispatches on it, suggestions and help texts list
// it, and tests/query_fields_test.cc checks docs/search.md against it — so a
// field is added in one place.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::query {

enum class Field { kConcept, kCpr, kRole, kDistrict, kMunicipality, kSource, kCase, kAddress, kId, kDate };

// How a field's value meets the index.
enum class FieldKind {
  kWeighted,  // a term whose wdf counts mentions: it ranks as well as filters (concept:)
  kChecked,   // checked against a vocabulary and made canonical, then one boolean term
  kExact,     // the value as typed, one boolean term (identifiers)
  kDate,      // year, month and day terms, or the date slot for long or open ranges
};

struct FieldSpec {
  Field field;
  std::string_view name;                     // canonical English name, lower case
  std::array<std::string_view, 2> aliases;   // Danish names; unused entries empty
  std::string_view prefix;                   // schema term prefix it reads; empty for dates (D, M, Y)
  FieldKind kind;
  std::string_view example;                  // a value, as in "role:sigtet"
  std::string_view help;                     // one line for help texts
};

// Every field, in the order help texts list them.
std::span<const FieldSpec> query_fields();
const FieldSpec& field_spec(Field field);
// The field a name or alias (any case) stands for; nullptr when none.
const FieldSpec* find_field(std::string_view name);

// Every name the language knows: the canonical names in table order, then
// the aliases (dato -> date) — the candidates of "did you mean".
const std::vector<std::string>& field_names();
// "concept cpr role ... date": the canonical names, for messages.
std::string canonical_field_list();
// One line per field, "  name:example  help (also aliases)", for --help.
std::string field_help();

}  // namespace socialsoeg::query
