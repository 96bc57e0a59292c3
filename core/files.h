// Small file primitives the stores share (saved searches, users, audit keys,
// the screening run log, the index's build folder): whole-file atomic
// replacement, reading a whole file, durable appends, fsync by path and an
// exclusive lock file. All fail with EnvironmentError naming the path.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace socialsoeg {

// Writes `bytes` to `path` atomically with permissions `mode`: a temporary
// file beside it, fsync, rename over the old, fsync the directory. A crash
// leaves the old file or the new, never half of one.
void replace_file(const std::filesystem::path& path, const std::string& bytes, unsigned mode = 0600);

// The whole file; empty when it does not exist. EnvironmentError when it exists but cannot be read.
std::string read_file_or_empty(const std::filesystem::path& path);

// Writes all of `bytes` to `fd` (retrying short writes and EINTR);
// EnvironmentError naming `path` on failure.
void write_all(int fd, std::string_view bytes, const std::filesystem::path& path);
// The same, for a caller that handles the failure itself: 0, or the errno
// (part of `bytes` may have been written).
int write_all_or_errno(int fd, std::string_view bytes);

// Appends `bytes` to `path` (created with `mode`, directories too) and
// fsyncs it before returning: a record that must survive a crash.
void append_synced(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0600);

// fsync a file or directory by path, so that what was written to it (or,
// for a directory, which names it holds) survives a crash.
void sync_path(const std::filesystem::path& path);

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
