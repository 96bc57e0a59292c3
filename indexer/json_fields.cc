#include "indexer/json_fields.h"

#include "core/utf8.h"

namespace socialsoeg::indexer {

nlohmann::json parse_object(std::string_view line) {
  if (auto bad = first_invalid_utf8(line)) reject("(record)", "invalid UTF-8 at byte " + std::to_string(*bad + 1));
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 7: ...";
    // the part after the bracketed id is the useful one.
    std::string message = e.what();
    if (auto close = message.find("] "); close != std::string::npos) message.erase(0, close + 2);
    // "; last read: '...'" quotes the input, which may hold part of a CPR number.
    if (auto quote = message.find("; last read:"); quote != std::string::npos) message.erase(quote);
    reject("(record)", "invalid JSON: " + message);
  }
  if (!value.is_object()) reject("(record)", "expected a JSON object, found " + json_type_name(value));
  return value;
}

std::optional<std::string> string_field(const nlohmann::json& object, std::string_view key, const std::string& where,
                                        bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) reject(where, "missing");
    return std::nullopt;
  }
  if (!it->is_string()) reject(where, "expected a string, found " + json_type_name(*it));
  return it->get<std::string>();
}

std::string json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unusual value";
  }
}

}  // namespace socialsoeg::indexer
