#include "indexer/input_scanner.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "core/errors.h"
#include "core/redact.h"
#include "indexer/record_limits.h"
#include "indexer/rejects_file.h"

namespace socialsoeg::indexer {
namespace {

// Past this many, rejects go only to the rejects file (and the count): a
// wholly wrong file must not bury the terminal.
constexpr uint64_t kMaxReportedRejects = 100;

}  // namespace

std::vector<InputFile> describe_inputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> inputs;
  for (const auto& path : paths) {
    InputFile in;
    in.path = path;
    if (path != "-") {
      struct stat st{};
      if (::stat(path.c_str(), &st) != 0) throw EnvironmentError("cannot read " + path + ": " + std::strerror(errno));
      if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) throw EnvironmentError(path + " is not a file");
      in.size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
      in.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
      if (S_ISREG(st.st_mode))
        in.key = std::filesystem::absolute(path).lexically_normal().string() + "|" + std::to_string(in.size) + "|" +
                 std::to_string(in.mtime_ns);
    }
    inputs.push_back(std::move(in));
  }
  return inputs;
}

InputScanner::InputScanner(std::vector<InputFile> inputs, std::optional<std::filesystem::path> rejects_override,
                           LoadLog log, ScanCounters& counters)
    : inputs_(std::move(inputs)), rejects_override_(std::move(rejects_override)), log_(std::move(log)), counters_(counters) {}

void InputScanner::report(const std::string& input, uint64_t line, const Rejection& why) {
  ++counters_.rejected;
  if (++reported_ <= kMaxReportedRejects) {
    note(log_, LoadNote::kError, input + ":" + std::to_string(line) + ": " + why.field + ": " + redact_cpr(why.reason));
  } else if (reported_ == kMaxReportedRejects + 1) {
    note(log_, LoadNote::kError, "more rejected records: only counted here, all written to the rejects file");
  }
}

void InputScanner::run(const LineHandler& on_line, const InputDone& on_input_done) {
  uint64_t bytes_before = 0;
  // One rejects file for all inputs when the path is given, else one beside each input.
  std::unique_ptr<RejectsFile> shared;
  if (rejects_override_) shared = std::make_unique<RejectsFile>(*rejects_override_);
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const InputFile& input = inputs_[i];
    std::unique_ptr<RejectsFile> own;
    if (!shared) own = std::make_unique<RejectsFile>(RejectsFile::beside(input.path));
    RejectsFile& rejects = shared ? *shared : *own;
    const uint64_t rejects_before = rejects.lines();
    LineReader reader(input.path, kMaxRecordBytes,
                      [&](std::string_view bytes, bool last) { rejects.write(bytes, last); });
    InputLine line;
    while (reader.next(line)) {
      ++counters_.lines;
      counters_.bytes = bytes_before + reader.bytes_read();
      if (line.too_long) {
        report(reader.name(), line.number,
               {"(record)", "longer than the limit of " + std::to_string(kMaxRecordBytes) + " bytes"});
        continue;
      }
      if (auto why = on_line(i, line)) {
        report(reader.name(), line.number, *why);
        rejects.write(line.text, true);
      }
    }
    if (own) own->close();
    if (rejects.lines() > rejects_before &&
        (rejects_files_.empty() || rejects_files_.back() != rejects.path()))
      rejects_files_.push_back(rejects.path());
    bytes_before += reader.bytes_read();
    counters_.bytes = bytes_before;
    on_input_done(i, reader.bytes_read());
  }
  if (shared) shared->close();
}

}  // namespace socialsoeg::indexer
