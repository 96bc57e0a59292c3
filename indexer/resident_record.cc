#include "indexer/resident_record.h"

#include "indexer/json_fields.h"
#include "indexer/record_limits.h"

namespace socialsoeg::indexer {
namespace {

Date date_field(const nlohmann::json& object, std::string_view key, bool required) {
  const std::string where(key);
  const std::string text = *string_field(object, key, where, required);
  auto date = Date::parse_iso(text);
  if (!date) {
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    reject(where, shaped ? "impossible date \"" + text + "\"" : "expected YYYY-MM-DD, found \"" + text + "\"");
  }
  return *date;
}

bool looks_like_cpr(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (s.size() == 10) return digits(0, 10);
  return s.size() == 11 && s[6] == '-' && digits(0, 6) && digits(7, 4);
}

}  // namespace

Cpr parse_cpr_field(std::string_view text, const std::string& where) {
  if (!looks_like_cpr(text)) reject(where, "not a CPR number (DDMMYY-SSSS or DDMMYYSSSS)");
  auto cpr = Cpr::parse(text);
  // The shape is right, so the date is what failed: day, month, or a 29 February
  // in a year that (with the century digit 7 gives) was not a leap year.
  if (!cpr) reject(where, "impossible birth date in CPR number");
  return *cpr;
}

std::variant<ResidentRecord, Rejection> parse_resident(std::string_view line) {
  try {
    if (line.size() > kMaxRecordBytes) reject("(record)", "longer than the limit of " + std::to_string(kMaxRecordBytes) + " bytes");
    const nlohmann::json object = parse_object(line);
    const std::string cpr_text = *string_field(object, "cpr", "cpr", true);
    ResidentRecord r{parse_cpr_field(cpr_text, "cpr"), string_field(object, "name", "name", false).value_or(""), {},
                     date_field(object, "from", true), std::nullopt};
    r.address_id = *string_field(object, "address_id", "address_id", true);
    if (r.address_id.empty()) reject("address_id", "empty");
    // As a report's address id (report_record.cc): ":A-1" would be A-1 in the index.
    if (r.address_id[0] == ':') reject("address_id", "begins with ':' (reserved)");
    if (r.address_id.size() > kMaxIdBytes) reject("address_id", "longer than " + std::to_string(kMaxIdBytes) + " bytes");
    for (unsigned char c : r.address_id)
      if (c < 0x20 || c == 0x7F) reject("address_id", "contains a control character");
    if (auto it = object.find("to"); it != object.end() && !it->is_null()) {
      r.to = date_field(object, "to", false);
      if (*r.to < r.from) reject("to", "ends (" + r.to->iso() + ") before it starts (" + r.from.iso() + ")");
    }
    return r;
  } catch (const FieldError& e) {
    return e.rejection;
  }
}

}  // namespace socialsoeg::indexer
