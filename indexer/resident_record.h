// A residents record (contract §2): one registration period of one person
// at one unit address, validated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/cpr.h"
#include "core/date.h"
#include "indexer/rejection.h"

namespace socialsoeg::indexer {

struct ResidentRecord {
  Cpr cpr;
  std::string name;
  std::string address_id;
  Date from;                // first day at the address (inclusive)
  std::optional<Date> to;   // last day (inclusive); nullopt = still living there
};

std::variant<ResidentRecord, Rejection> parse_resident(std::string_view line);

// Shared with report persons: a CPR field with a clear reason when it is wrong.
Cpr parse_cpr_field(std::string_view text, const std::string& where);

}  // namespace socialsoeg::indexer
