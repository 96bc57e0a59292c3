#include "indexer/report_record.h"

#include "indexer/json_fields.h"
#include "indexer/record_limits.h"
#include "indexer/resident_record.h"

namespace socialsoeg::indexer {
namespace {

// Identifiers become boolean terms and appear in messages: bounded, and free
// of control characters that would garble a terminal or a log line.
std::string identifier(const nlohmann::json& object, std::string_view key, const std::string& where, bool required) {
  auto value = string_field(object, key, where, required);
  if (!value) return {};
  if (value->empty()) {
    if (required) reject(where, "empty");
    return {};
  }
  if (value->size() > kMaxIdBytes)
    reject(where, "longer than " + std::to_string(kMaxIdBytes) + " bytes (" + std::to_string(value->size()) + ")");
  for (unsigned char c : *value)
    if (c < 0x20 || c == 0x7F) reject(where, "contains a control character");
  // The index writes "A1" as Q:A1 (index/schema.h, boolean_term), so ":A1"
  // would be the same report: one would silently replace the other.
  if ((*value)[0] == ':') reject(where, "begins with ':' (reserved: the index would read \"" + *value + "\" as \"" + value->substr(1) + "\")");
  return *value;
}

void read_occurred(const nlohmann::json& object, ReportRecord& r) {
  const std::string text = *string_field(object, "occurred", "occurred", true);
  auto date = Date::parse_iso(text, /*allow_time=*/true);
  if (!date) {
    const bool shaped = text.size() >= 10 && text[4] == '-' && text[7] == '-';
    reject("occurred", shaped ? "impossible date or time \"" + text + "\""
                              : "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], found \"" + text + "\"");
  }
  if (date->year() < 1900 || date->year() > 2199) reject("occurred", "year " + std::to_string(date->year()) + " out of range");
  r.occurred = *date;
  if (text.size() > 10) r.occurred_time = text.size() == 16 ? text.substr(11) + ":00" : text.substr(11);
}

void read_address(const nlohmann::json& object, ReportRecord& r) {
  const auto it = object.find("address");
  if (it == object.end() || it->is_null()) return;
  if (!it->is_object()) reject("address", "expected an object, found " + json_type_name(*it));
  r.address_id = identifier(*it, "id", "address.id", true);
  r.address_text = string_field(*it, "text", "address.text", false).value_or("");
}

void read_persons(const nlohmann::json& object, ReportRecord& r) {
  const auto it = object.find("persons");
  if (it == object.end() || it->is_null()) return;
  if (!it->is_array()) reject("persons", "expected an array, found " + json_type_name(*it));
  if (it->size() > kMaxPersons) reject("persons", "more than " + std::to_string(kMaxPersons) + " persons");
  for (size_t i = 0; i < it->size(); ++i) {
    const auto& p = (*it)[i];
    const std::string where = "persons[" + std::to_string(i) + "]";
    if (!p.is_object()) reject(where, "expected an object, found " + json_type_name(p));
    Cpr cpr = parse_cpr_field(*string_field(p, "cpr", where + ".cpr", true), where + ".cpr");
    const std::string role_text = *string_field(p, "role", where + ".role", true);
    auto role = index::parse_person_role(role_text);
    if (!role) reject(where + ".role", "unknown role \"" + role_text + "\" (" + index::person_role_list(", ") + ")");
    r.persons.push_back(ReportPerson{std::move(cpr), string_field(p, "name", where + ".name", false).value_or(""), *role});
  }
}

}  // namespace

std::variant<ReportRecord, Rejection> parse_report(std::string_view line, const index::Places& places) {
  try {
    if (line.size() > kMaxRecordBytes) reject("(record)", "longer than the limit of " + std::to_string(kMaxRecordBytes) + " bytes");
    const nlohmann::json object = parse_object(line);
    ReportRecord r;
    r.id = identifier(object, "id", "id", true);
    r.source = *string_field(object, "source", "source", true);
    if (r.source != "døgnrapport" && r.source != "journal")
      reject("source", "unknown source \"" + r.source + "\" (døgnrapport or journal)");
    r.case_number = identifier(object, "case", "case", false);
    r.district = *string_field(object, "district", "district", true);
    if (!places.is_district(r.district)) reject("district", "unknown police district \"" + r.district + "\"");
    r.municipality = string_field(object, "municipality", "municipality", false).value_or("");
    if (!r.municipality.empty() && !places.is_municipality(r.municipality))
      reject("municipality", "unknown municipality code \"" + r.municipality + "\"");
    read_occurred(object, r);
    r.title = string_field(object, "title", "title", false).value_or("");
    r.text = *string_field(object, "text", "text", true);
    read_address(object, r);
    read_persons(object, r);
    return r;
  } catch (const FieldError& e) {
    return e.rejection;
  }
}

}  // namespace socialsoeg::indexer
