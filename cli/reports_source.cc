#include "cli/reports_source.h"

#include <cstdio>

#include "core/redact.h"

namespace socialsoeg::cli {

CLI::Option* add_shards_option(CLI::App* cmd, std::string& shards) {
  return cmd->add_option("--shards", shards,
                         "Search every district database FILE lists as one (config/shards.conf; docs/national.md)");
}

ReportsSource open_reports(const index::DatabaseDir& dir, const std::string& shards_file,
                           const std::string& analyzer_identity, const index::Places& places) {
  ReportsSource source;
  if (shards_file.empty()) {
    source.db = dir.open_live_for_reading(&analyzer_identity);
    return source;
  }
  auto national = national::open_national(national::ShardConfig::load(shards_file, places), analyzer_identity);
  source.db = std::move(national.db);
  source.national = true;
  source.reached = std::move(national.reached);
  source.missing = std::move(national.missing);
  return source;
}

nlohmann::json districts_json(const ReportsSource& source) {
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& m : source.missing) missing.push_back({{"district", m.district}, {"why", redact_cpr(m.why)}});
  return {{"reached", source.reached}, {"missing", std::move(missing)}};
}

void print_missing(const ReportsSource& source) {
  if (source.missing.empty()) return;
  std::string line;
  for (const auto& m : source.missing) line += (line.empty() ? "" : "; ") + m.district + " (" + redact_cpr(m.why) + ")";
  std::printf("districts missing from this answer: %s\n", line.c_str());
}

}  // namespace socialsoeg::cli
