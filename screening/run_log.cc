#include "screening/run_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>

#include "core/date.h"
#include "core/errors.h"

namespace socialsoeg::screening {
namespace {

std::optional<RunRecord> last_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  if (last.empty()) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(last);
    RunRecord r;
    r.number = j.at("number");
    r.time = j.value("time", "");
    r.user = j.value("user", "");
    r.as_of = j.value("as_of", "");
    r.last_batch = j.at("last_batch");
    r.flags = j.value("flags", size_t{0});
    r.new_flags = j.value("new_flags", size_t{0});
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw DataError(path.string() + ": the last line is not a run record (" + e.what() + ")");
  }
}

}  // namespace

std::optional<RunRecord> RunLog::last() const { return last_of(path_); }

uint64_t RunLog::append(RunRecord run) const {
  std::error_code ec;
  std::filesystem::create_directories(path_.parent_path(), ec);
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw EnvironmentError("cannot write " + path_.string());
  ::flock(fd, LOCK_EX);  // numbers stay unique when two runs end together
  const auto previous = last_of(path_);
  run.number = previous ? previous->number + 1 : 1;
  const nlohmann::json j = {{"number", run.number},   {"time", run.time.empty() ? utc_timestamp() : run.time},
                            {"user", run.user},       {"as_of", run.as_of},
                            {"last_batch", run.last_batch}, {"flags", run.flags},
                            {"new_flags", run.new_flags}};
  const std::string line = j.dump() + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw EnvironmentError("cannot write " + path_.string());
  return run.number;
}

}  // namespace socialsoeg::screening
