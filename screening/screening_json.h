// A screening result as JSON (contract §7 plus docs/screening.md): the one
// form the CLI's --json and the web service both give.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "screening/screener.h"

namespace socialsoeg::screening {

// `shown` (flags of `result`) as run number `run` (0: not recorded).
nlohmann::json screening_json(const ScreeningResult& result, const std::vector<const Flag*>& shown, uint64_t run);

}  // namespace socialsoeg::screening
