// Where a reading command's reports come from: the database directory's own
// reports database, or — with --shards FILE — every police district's
// database searched as one (national/). The register, users and audit log
// stay in --db either way. Declared once, so search and family read the same.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/database_dir.h"
#include "index/places.h"
#include "national/national_reports.h"

namespace socialsoeg::cli {

// --shards FILE: the district databases to search as one (docs/national.md).
CLI::Option* add_shards_option(CLI::App* cmd, std::string& shards);

struct ReportsSource {
  Xapian::Database db;
  bool national = false;
  std::vector<std::string> reached;                  // national: the districts that answered
  std::vector<national::MissingDistrict> missing;    // national: those that could not be reached
};

ReportsSource open_reports(const index::DatabaseDir& dir, const std::string& shards_file,
                           const std::string& analyzer_identity, const index::Places& places);

// {"reached": [...], "missing": [{"district", "why"}]}: what every national answer carries.
nlohmann::json districts_json(const ReportsSource& source);
// "districts missing from this answer: fyn (NetworkError: …)" on standard
// output, before the answer, when any are; nothing otherwise.
void print_missing(const ReportsSource& source);

}  // namespace socialsoeg::cli
