// One generated report record (contract §2) and its ground-truth labels.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace socialsoeg::sample {

struct ReportPerson {
  std::string cpr;  // as written in the record: with or without hyphen
  std::string name;
  std::string role;  // sigtet, forurettet, anmelder, vidne, involveret
};

struct Report {
  std::string id;
  std::string source;  // "døgnrapport" or "journal"
  std::string case_number;
  std::string district;
  std::string municipality;
  Date date;
  std::string time;  // "HH:MM", empty when only the date is recorded
  std::string title;
  std::string text;
  std::optional<std::pair<std::string, std::string>> address;  // id, text
  std::vector<ReportPerson> persons;
  // Concept -> affirmed? (affirmed when any mention of it is affirmed).
  std::map<std::string, bool> concepts;
};

// The record as one JSON line, and its labels line ({"id", "concepts"}).
std::string report_json(const Report& r);
std::string labels_json(const Report& r);

}  // namespace socialsoeg::sample
