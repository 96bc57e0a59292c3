// The database directory: where the live reports database is, how a new one
// is switched in atomically, who may write, and whether the index was built
// by the analyzer this program runs.
//
//   DIR/XAPIANDB          Xapian stub file "glass reports.NNNNNN": the live
//                         reports database. Xapian::Database(DIR) opens it;
//                         a replace-all writes a new stub and rename()s it over
//                         this one, so a reader sees either the old index or
//                         the new, never a mix.
//   DIR/reports.NNNNNN/   reports databases (the live one; others are removed)
//   DIR/reports.NNNNNN.build/  a replace-all in progress (resumable)
//   DIR/residents/        the residents database
//   DIR/writer.lock       held (flock) by the one process that changes reports
//   DIR/access/           users.json and the audit log's keys (docs/access.md)
//   DIR/audit.log, DIR/audit.checkpoints   the audit log and its signed checkpoints
//   DIR/saved/, DIR/screening/             saved searches, screening runs
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <xapian.h>

namespace socialsoeg::index {

class DatabaseDir {
 public:
  explicit DatabaseDir(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path residents_path() const { return dir_ / "residents"; }
  std::filesystem::path audit_log_path() const { return dir_ / "audit.log"; }

  // The generation number of the live reports database; nullopt when there is none yet.
  std::optional<unsigned> live_generation() const;
  std::filesystem::path generation_path(unsigned generation) const;
  std::filesystem::path build_path(unsigned generation) const;

  // Creates DIR if needed and takes the writer lock (released by the destructor).
  // Throws EnvironmentError when another process holds it.
  void lock_for_writing();

  // Opens the live reports database for writing, creating generation 1 when
  // there is none. New databases are stamped with `analyzer_identity`;
  // existing ones must carry it (else EnvironmentError: re-index needed).
  Xapian::WritableDatabase open_live_for_writing(const std::string& analyzer_identity);

  // Makes `generation` the live one: writes the stub beside the old, fsyncs,
  // renames over XAPIANDB, fsyncs DIR. Then removes older generations.
  void switch_to(unsigned generation);

  // Opens the live reports database for reading. EnvironmentError when DIR
  // holds none. `expected_identity`, when given, is compared with the
  // database's: a mismatch throws EnvironmentError saying to re-index.
  Xapian::Database open_live_for_reading(const std::string* expected_identity = nullptr) const;

  ~DatabaseDir();
  DatabaseDir(const DatabaseDir&) = delete;
  DatabaseDir& operator=(const DatabaseDir&) = delete;

 private:
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

// Throws EnvironmentError unless `db` was analysed by `identity` with this schema.
void check_identity(const Xapian::Database& db, const std::string& identity, const std::filesystem::path& where);

// Runs `f`, turning Xapian's exceptions into the typed errors of core/errors.h
// (a locked or missing database is an environment error).
[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& doing);

}  // namespace socialsoeg::index
