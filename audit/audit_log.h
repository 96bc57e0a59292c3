// The audit log (docs/access.md): one append-only file for the CLI
// and the service, one sealed record per event (audit_record.h), each
// chaining the keyed MAC of the one before, with Ed25519-signed checkpoints
// in a file of their own that can be copied elsewhere as it grows.
//
// Fail closed: append() returns only once the record is on disk (fsync), and
// throws when it cannot be written — an action that cannot be audited does
// not go ahead. Threads appending at once share one write and one fsync
// (group commit): the first becomes the leader and writes everything queued,
// the others wait for it. Processes (CLI and service side by side) take turns
// under an exclusive flock and continue the chain from the file's last record.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>

#include "audit/audit_keys.h"
#include "audit/audit_record.h"

namespace socialsoeg::audit {

// The login name of the person running the program (the --user default).
std::string login_name();

struct AuditLogFiles {
  std::filesystem::path log;          // DIR/audit.log
  std::filesystem::path checkpoints;  // DIR/audit.checkpoints (may be anywhere)
  std::filesystem::path keys;         // DIR/access
  // The files of database directory DIR; `checkpoints`, when not empty, puts
  // the checkpoints there instead (Installation::audit_checkpoints).
  static AuditLogFiles for_db(const std::filesystem::path& db_dir, const std::filesystem::path& checkpoints = {});
};

class AuditLog {
 public:
  // A checkpoint after this many records, after this many seconds with new
  // records (at the next append, or the service's periodic checkpoint()), and
  // when the log is closed.
  static constexpr uint64_t kCheckpointEvery = 256;
  static constexpr unsigned kCheckpointSeconds = 60;
  // DIR/audit.log.reserve: this much disk kept free for the audit log, given
  // up when a write finds the disk full (and made again by the next writer).
  static constexpr off_t kReserveBytes = 256 * 1024;

  explicit AuditLog(AuditLogFiles files);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `event`; returns its seq once it is durable. Thread-safe.
  // EnvironmentError when the log cannot be written.
  uint64_t append(const AuditEvent& event);

  // Signs a checkpoint for the last record now (when there is a new one).
  void checkpoint();

  const AuditKeys& keys() const { return keys_; }
  const AuditLogFiles& files() const { return files_; }
  // How many write+fsync rounds have served how many records (group commit at work).
  uint64_t fsyncs() const;
  uint64_t records_written() const;
  // EnvironmentError when the log's path no longer names the open file
  // (moved or deleted under us): append() checks it before every write.
  void check_still_named() const;

 private:
  struct Pending {
    const AuditEvent* event = nullptr;
    uint64_t seq = 0;
    bool done = false;
    std::string error;
  };
  void write_batch(std::deque<Pending*>& batch);  // under the flock; fills seq or error
  void sync_tail();                               // the file's last record, when another process wrote
  void write_checkpoint_locked();
  void write_durably(const std::string& bytes);  // uses the reserve on a full disk
  std::filesystem::path reserve_path() const;

  AuditLogFiles files_;
  AuditKeys keys_;
  int fd_ = -1;

  std::mutex mutex_;
  std::condition_variable written_;
  std::deque<Pending*> queue_;
  bool leader_active_ = false;

  // Touched only by the leader (under the flock).
  off_t known_size_ = -1;
  uint64_t last_seq_ = 0;
  std::string last_mac_;
  uint64_t checkpointed_seq_ = 0;
  std::chrono::steady_clock::time_point checkpointed_at_ = std::chrono::steady_clock::now();
  uint64_t repaired_bytes_ = 0;  // a torn tail cut, to be recorded
  uint64_t fsyncs_ = 0, records_ = 0;
};

}  // namespace socialsoeg::audit
