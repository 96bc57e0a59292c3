#include "query/field_filter.h"

#include "core/cpr.h"
#include "index/person_role.h"
#include "index/schema.h"
#include "query/date_filter.h"
#include "query/query_error.h"
#include "query/suggest.h"

namespace socialsoeg::query {
namespace {

using index::fold_place_name;
using schema::boolean_term;

// At most this many Y/M/D terms stand for one date range (a range needs at
// most 11 months and 30 days at each end, plus its whole years).
constexpr size_t kMaxPeriodTerms = 120;

Xapian::Query date_query(const QueryNode& field) {
  const DateFilter d = parse_date_filter(field.text, field.value_start);
  if (!d.period_term.empty()) return Xapian::Query(d.period_term);
  if (d.from && d.to) {
    // A range as the union of its whole years, months and days: boolean
    // posting lists that an AND skips through, where a value range must read
    // the date of every candidate. Very long day-by-day spans read the slot.
    const auto terms = period_terms(*d.from, *d.to);
    if (terms.size() <= kMaxPeriodTerms) return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotOccurredDate, d.from->compact(), d.to->compact());
  }
  if (d.from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotOccurredDate, d.from->compact());
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotOccurredDate, d.to->compact());
}

std::string district_of(const QueryNode& field, const index::Places& places) {
  const std::string slug = fold_place_name(field.text);
  if (places.is_district(slug)) return slug;
  const std::vector<std::string> all(places.districts().begin(), places.districts().end());
  std::string list;
  for (const auto& d : all) list += (list.empty() ? "" : " ") + d;
  throw QueryError(field.value_start, "there is no police district '" + field.text + "'",
                   did_you_mean(slug, all, "the districts are: " + list));
}

std::string municipality_of(const QueryNode& field, const index::Places& places) {
  if (auto code = places.municipality_code(field.text)) return *code;
  throw QueryError(field.value_start, "there is no municipality '" + field.text + "'",
                   did_you_mean(fold_place_name(field.text), places.municipality_names(),
                                "give the three-digit code (461) or the name (Odense)"));
}

std::string source_of(const QueryNode& field) {
  const std::string folded = fold_place_name(field.text);
  if (folded == "doegnrapport" || folded == "dognrapport") return "døgnrapport";
  if (folded == "journal") return "journal";
  throw QueryError(field.value_start, "there is no source '" + field.text + "'", "the sources are: døgnrapport journal");
}

}  // namespace

std::string filter_cpr(const QueryNode& field) {
  if (auto cpr = Cpr::parse(field.text)) return cpr->canonical();
  throw QueryError(field.value_start, "not a CPR number",
                   "write DDMMYY-SSSS or DDMMYYSSSS, with a real birth date");
}

std::string filter_role(const QueryNode& field) {
  std::string lower = field.text;
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (auto role = index::parse_person_role(lower)) return std::string(index::to_string(*role));
  throw QueryError(field.value_start, "there is no role '" + field.text + "'",
                   did_you_mean(lower, index::person_role_tokens(), "the roles are: " + index::person_role_list(" ")));
}

namespace {

// The value a boolean filter's term holds: checked and made canonical, or as typed.
std::string filter_value(const QueryNode& field, const index::Places& places) {
  switch (field.field) {
    case Field::kCpr: return filter_cpr(field);
    case Field::kRole: return filter_role(field);
    case Field::kDistrict: return district_of(field, places);
    case Field::kMunicipality: return municipality_of(field, places);
    case Field::kSource: return source_of(field);
    case Field::kCase:
    case Field::kAddress:
    case Field::kId: return field.text;
    case Field::kConcept:
    case Field::kDate: break;
  }
  throw QueryError(field.start, "'" + std::string(field_spec(field.field).name) + ":' has no term of its own");
}

}  // namespace

Xapian::Query filter_query(const QueryNode& field, const index::Places& places) {
  const FieldSpec& spec = field_spec(field.field);
  switch (spec.kind) {
    case FieldKind::kDate: return date_query(field);
    case FieldKind::kChecked:
    case FieldKind::kExact: return Xapian::Query(boolean_term(spec.prefix, filter_value(field, places)));
    case FieldKind::kWeighted: break;
  }
  throw QueryError(field.start, "'" + std::string(spec.name) + ":' is not a filter");
}

}  // namespace socialsoeg::query
