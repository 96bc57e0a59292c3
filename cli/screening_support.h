// What `screen` and `saved` share about the screening: the rule's settings
// from the config file and flags, and how a result is shown — readable on a
// terminal, JSON or CSV (docs/screening.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzers/concepts.h"
#include "core/installation.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "screening/screener.h"
#include "screening/screening_json.h"

namespace socialsoeg::cli {

// --config and the flags that override single settings.
struct RuleFlags {
  std::string config, window_days, min_reports, roles, concepts, adult_age, child_age;
};
void add_rule_flags(CLI::App* cmd, RuleFlags& flags);
// The rule: the config file (or the installation's screening.conf), then the flags.
// UsageError for a bad flag value; DataError (file:line) for a bad file.
screening::ScreeningRule rule_from(const RuleFlags& flags, const analysis::ConceptDictionary& concepts,
                                   const Installation& installation);

enum class Format { kReadable, kJson, kCsv };

// Writes one draft socialrapport per flag in `shown` to `dir` (created), as
// NN-ADDRESS.md and NN-ADDRESS.html; returns the number written.
size_t write_drafts(const std::filesystem::path& dir, const screening::ScreeningResult& result,
                    const std::vector<const screening::Flag*>& shown, const Xapian::Database& reports,
                    const index::ResidentStore& residents, const index::Places& places,
                    const analysis::ConceptDictionary& concepts);

// Shows `shown` (flags of `result`) for run number `run`.
void show_screening(const screening::ScreeningResult& result, const std::vector<const screening::Flag*>& shown,
                    uint64_t run, bool only_new, Format format);

}  // namespace socialsoeg::cli
