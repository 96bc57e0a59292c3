// A report record (contract §2) after validation: every field checked, CPR
// numbers parsed, the date known to be a real one. parse_report() is the only
// way to make one from input, so nothing unchecked reaches the index.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/cpr.h"
#include "core/date.h"
#include "index/person_role.h"
#include "index/places.h"
#include "indexer/rejection.h"

namespace socialsoeg::indexer {

struct ReportPerson {
  Cpr cpr;
  std::string name;
  index::PersonRole role;
};

struct ReportRecord {
  std::string id;
  std::string source;        // "døgnrapport" | "journal"
  std::string case_number;   // "" when absent
  std::string district;
  std::string municipality;  // "" when absent
  Date occurred;
  std::string occurred_time; // "HH:MM:SS", "" when only a date was given
  std::string title;
  std::string text;
  std::string address_id;    // "" when absent
  std::string address_text;
  std::vector<ReportPerson> persons;
};

// Parses and validates one JSON line. `places` knows the valid districts and
// municipalities. Unknown extra fields are ignored (a newer export may add some);
// null counts as absent for optional fields.
std::variant<ReportRecord, Rejection> parse_report(std::string_view line, const index::Places& places);

}  // namespace socialsoeg::indexer
