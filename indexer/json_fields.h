// Typed access to the fields of a JSON record, for the record parsers. Each
// accessor throws FieldError naming the field and what was wrong, which the
// parser turns into a Rejection.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/rejection.h"

namespace socialsoeg::indexer {

struct FieldError {
  Rejection rejection;
};

[[noreturn]] inline void reject(std::string field, std::string reason) {
  throw FieldError{Rejection{std::move(field), std::move(reason)}};
}

// Parses `line` as one JSON object; rejects invalid UTF-8 (with its byte
// offset), invalid JSON (with nlohmann's position) and anything but an object.
nlohmann::json parse_object(std::string_view line);

// The string at `key`: nullopt when absent or null, FieldError when present
// with another type, or when `required` and absent.
std::optional<std::string> string_field(const nlohmann::json& object, std::string_view key, const std::string& where,
                                        bool required);

// A description of a JSON value's type for messages: "a number", "an array", ...
std::string json_type_name(const nlohmann::json& value);

}  // namespace socialsoeg::indexer
