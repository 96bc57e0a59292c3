// Walks the inputs of a load (files or "-" for stdin) line by line and
// deals with rejected records in one place, the same for reports and
// residents: "file:line: field: reason" on stderr (CPR numbers masked), and
// the original line in the rejects file beside the input.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "indexer/load_log.h"
#include "indexer/line_reader.h"
#include "indexer/rejection.h"

namespace socialsoeg::indexer {

struct InputFile {
  std::string path;   // as given; "-" for stdin
  uint64_t size = 0;  // bytes, 0 for stdin (unknown)
  int64_t mtime_ns = 0;
  // Identifies this content for resuming: path, size and modification time.
  // Empty for stdin, which cannot be resumed.
  std::string key;
};

// Stats each path; EnvironmentError when a file is missing or unreadable.
std::vector<InputFile> describe_inputs(const std::vector<std::string>& paths);

struct ScanCounters {
  std::atomic<uint64_t> bytes{0};     // input bytes read, over all inputs
  std::atomic<uint64_t> lines{0};     // records read (blank lines not counted)
  std::atomic<uint64_t> rejected{0};
};

class InputScanner {
 public:
  // `rejects_override` replaces the default rejects path (RejectsFile::beside),
  // which matters for stdin or a read-only input folder; with several inputs
  // it is used for all of them.
  InputScanner(std::vector<InputFile> inputs, std::optional<std::filesystem::path> rejects_override, LoadLog log,
               ScanCounters& counters);

  // Called for each record line; returns a Rejection to reject it.
  using LineHandler = std::function<std::optional<Rejection>(size_t input_index, const InputLine& line)>;
  // Called after the last line of each input.
  using InputDone = std::function<void(size_t input_index, uint64_t end_offset)>;

  void run(const LineHandler& on_line, const InputDone& on_input_done);

  const std::vector<InputFile>& inputs() const { return inputs_; }
  // Rejects files written, for the summary.
  const std::vector<std::filesystem::path>& rejects_files() const { return rejects_files_; }

 private:
  void report(const std::string& input, uint64_t line, const Rejection& why);

  std::vector<InputFile> inputs_;
  std::optional<std::filesystem::path> rejects_override_;
  LoadLog log_;
  ScanCounters& counters_;
  std::vector<std::filesystem::path> rejects_files_;
  uint64_t reported_ = 0;
};

}  // namespace socialsoeg::indexer
