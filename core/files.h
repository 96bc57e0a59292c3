// Small file primitives the stores share (saved searches, users, audit keys):
// whole-file atomic replacement and an exclusive lock file. Both fail with
// EnvironmentError naming the path.
#pragma once

#include <filesystem>
#include <string>

namespace socialsoeg {

// Writes `bytes` to `path` atomically with permissions `mode`: a temporary
// file beside it, fsync, rename over the old, fsync the directory. A crash
// leaves the old file or the new, never half of one.
void replace_file(const std::filesystem::path& path, const std::string& bytes, unsigned mode = 0600);

// The whole file; empty when it does not exist. EnvironmentError when it exists but cannot be read.
std::string read_file_or_empty(const std::filesystem::path& path);

// Holds an exclusive flock on `path` (created 0600, directories too) while alive.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace socialsoeg
