// The rejects file: every rejected record's original line, in input order,
// beside the input ("reports.jsonl" -> "reports.jsonl.rejects"), so an
// operator can fix the lines and load that file again. Created on the first
// reject; an older rejects file for the same input is removed when a run
// starts, so the file always describes the latest run.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace socialsoeg::indexer {

class RejectsFile {
 public:
  explicit RejectsFile(std::filesystem::path path);
  ~RejectsFile();
  RejectsFile(const RejectsFile&) = delete;
  RejectsFile& operator=(const RejectsFile&) = delete;

  // Appends bytes of a rejected line; `end_of_line` adds the newline.
  // Throws EnvironmentError when the file cannot be written.
  void write(std::string_view bytes, bool end_of_line);
  // Flushes to disk; called at the end of each input.
  void close();

  const std::filesystem::path& path() const { return path_; }
  uint64_t lines() const { return lines_; }

  // Where the rejects of `input` go when no --rejects path is given.
  static std::filesystem::path beside(const std::string& input);

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  uint64_t lines_ = 0;
};

}  // namespace socialsoeg::indexer
