// The settings of the weekly screening rule (docs/contract.md §6), read from a
// documented config file (config/screening.conf) and overridable one by one.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/concepts.h"
#include "index/person_role.h"

namespace socialsoeg::screening {

struct ScreeningRule {
  int window_days = 365;
  int min_reports = 2;
  std::set<std::string> acting_roles = index::acting_role_tokens();  // sigtet, involveret
  std::set<std::string> concepts;  // the concepts that count (filled from "risk" by default)
  int adult_age = 18;
  int child_age = 18;

  // The built-in default: every risk concept of `dictionary`.
  static ScreeningRule defaults(const analysis::ConceptDictionary& dictionary);
  // Reads `file` over the defaults; DataError with file:line on a bad line,
  // an unknown key, a value out of range, an unknown role or concept.
  static ScreeningRule load(const std::filesystem::path& file, const analysis::ConceptDictionary& dictionary);
  // Sets one value as a config line would ("window_days", "400"); DataError
  // (as UsageError for flags) on a bad value. `where` names the source.
  void set(const std::string& key, const std::string& value, const analysis::ConceptDictionary& dictionary,
           const std::string& where);
};

nlohmann::json to_json(const ScreeningRule& rule);

}  // namespace socialsoeg::screening
