#include "screening/run_log.h"

#include <fstream>

#include "core/date.h"
#include "core/errors.h"
#include "core/files.h"

namespace socialsoeg::screening {
namespace {

RunRecord parse_run(const std::filesystem::path& path, const std::string& line) {
  try {
    const auto j = nlohmann::json::parse(line);
    RunRecord r;
    r.number = j.at("number");
    r.time = j.value("time", "");
    r.user = j.value("user", "");
    r.as_of = j.value("as_of", "");
    r.last_batch = j.at("last_batch");
    r.flags = j.value("flags", size_t{0});
    r.new_flags = j.value("new_flags", size_t{0});
    r.scope = j.value("scope", "all");
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw DataError(path.string() + ": a line is not a run record (" + e.what() + ")");
  }
}

// The last run of any scope (numbering) or of `scope`.
std::optional<RunRecord> last_of(const std::filesystem::path& path, const std::string* scope) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string line;
  std::optional<RunRecord> last;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    RunRecord r = parse_run(path, line);
    if (!scope || r.scope == *scope) last = std::move(r);
  }
  return last;
}

}  // namespace

std::optional<RunRecord> RunLog::last(const std::string& scope) const { return last_of(path_, &scope); }

uint64_t RunLog::append(RunRecord run) const {
  // Numbers stay unique when two runs end together: the next number is read
  // and the record appended under the log's own flock.
  const FileLock lock(path_);
  const auto previous = last_of(path_, nullptr);
  run.number = previous ? previous->number + 1 : 1;
  const nlohmann::json j = {{"number", run.number},   {"time", run.time.empty() ? utc_timestamp() : run.time},
                            {"user", run.user},       {"as_of", run.as_of},
                            {"last_batch", run.last_batch}, {"flags", run.flags},
                            {"new_flags", run.new_flags}, {"scope", run.scope}};
  append_synced(path_, j.dump() + "\n", 0600);
  return run.number;
}

}  // namespace socialsoeg::screening
