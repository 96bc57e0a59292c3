// The screening runs remembered with the index (DIR/screening/runs.jsonl):
// each run's number, time, user, as-of date and the index's last batch, so
// that the next run can show only what is new — exact by index order, not by
// dates written in the reports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace socialsoeg::screening {

struct RunRecord {
  uint64_t number = 0;
  std::string time, user, as_of;
  std::string scope = "all";  // the districts it read (DistrictScope::describe)
  uint64_t last_batch = 0;
  size_t flags = 0, new_flags = 0;
};

class RunLog {
 public:
  explicit RunLog(std::filesystem::path dir) : path_(std::move(dir) / "screening" / "runs.jsonl") {}

  // The last run over `scope` (DistrictScope::describe), or nullopt when
  // there has been none: "new" for Fyn's secretariat is new since Fyn's run.
  std::optional<RunRecord> last(const std::string& scope = "all") const;
  // Appends `run` (its number: the last one's + 1), fsynced; returns the number.
  uint64_t append(RunRecord run) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace socialsoeg::screening
