#include "audit/audit_log.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/date.h"
#include "core/errors.h"
#include "core/files.h"

namespace socialsoeg::audit {
namespace {

namespace fs = std::filesystem;

// Holds the flock that serialises writers across processes. On the log's own
// descriptor, held open for the service's life (core's FileLock opens a lock
// file by path), and released without closing it.
class FlockGuard {
 public:
  explicit FlockGuard(int fd) : fd_(fd) {
    if (::flock(fd_, LOCK_EX) != 0) throw EnvironmentError(std::string("cannot lock the audit log: ") + std::strerror(errno));
  }
  ~FlockGuard() { ::flock(fd_, LOCK_UN); }
  FlockGuard(const FlockGuard&) = delete;
  FlockGuard& operator=(const FlockGuard&) = delete;

 private:
  int fd_;
};

// The mac a sealed line ends with (…,"mac":"<64 hex>"}).
std::string mac_of_line(const std::string& line) { return line.substr(line.size() - 66, 64); }

}  // namespace

std::string login_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "uid" + std::to_string(::geteuid());
}

AuditLogFiles AuditLogFiles::for_db(const fs::path& db_dir, const fs::path& checkpoints) {
  return {db_dir / "audit.log", checkpoints.empty() ? db_dir / "audit.checkpoints" : checkpoints, keys_dir(db_dir)};
}

// The record number the last line of a checkpoints file vouches for (0 when
// it cannot be read: the verifier, not the writer, judges checkpoints).
static uint64_t last_checkpoint_seq(const fs::path& checkpoints) {
  std::ifstream in(checkpoints);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  const auto j = nlohmann::json::parse(last, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_unsigned()) return 0;
  return j["seq"].get<uint64_t>();
}

AuditLog::AuditLog(AuditLogFiles files) : files_(std::move(files)), keys_(AuditKeys::load_or_create(files_.keys)) {
  std::error_code ec;
  if (files_.log.has_parent_path()) fs::create_directories(files_.log.parent_path(), ec);
  // Checkpoints without their log: the log was moved, deleted or emptied.
  // Starting a new chain at record 1 would hide that; an operator restores
  // the log (or moves the checkpoints away on purpose) first.
  const bool has_checkpoints = fs::exists(files_.checkpoints, ec) && fs::file_size(files_.checkpoints, ec) > 0;
  const bool has_log = fs::exists(files_.log, ec) && fs::file_size(files_.log, ec) > 0;
  if (has_checkpoints && !has_log)
    throw EnvironmentError("the audit log " + files_.log.string() + " is missing or empty, but " +
                           files_.checkpoints.string() +
                           " holds checkpoints of its records: restore the log (never start a new one)");
  fd_ = ::open(files_.log.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw EnvironmentError("cannot open audit log " + files_.log.string() + ": " + std::strerror(errno));
  // Room kept for the records of a failure: a load that fills the disk must
  // still record what it did. Without room for it, there is no reserve.
  if (!fs::exists(reserve_path(), ec)) {
    const int rfd = ::open(reserve_path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (rfd >= 0) {
      const bool made = ::posix_fallocate(rfd, 0, kReserveBytes) == 0 && ::fsync(rfd) == 0;
      ::close(rfd);
      if (!made) fs::remove(reserve_path(), ec);
    }
  }
  // The last checkpoint vouches for its record: a log that ends before it was
  // cut, and the first write says so instead of reusing the cut numbers.
  if (has_checkpoints) last_seq_ = checkpointed_seq_ = last_checkpoint_seq(files_.checkpoints);
}

AuditLog::~AuditLog() {
  try {
    checkpoint();
  } catch (const std::exception&) {
    // The records are durable; a missing last checkpoint only weakens the
    // truncation check until the next one, and a destructor must not throw.
  }
  if (fd_ >= 0) ::close(fd_);
}

// Position of the last '\n' in [0, end) of `fd`, or -1.
static off_t last_newline_before(int fd, off_t end) {
  char block[8192];
  while (end > 0) {
    const off_t n = std::min<off_t>(end, sizeof block);
    end -= n;
    if (::pread(fd, block, static_cast<size_t>(n), end) != n) throw EnvironmentError("cannot read the audit log");
    for (off_t i = n; i-- > 0;)
      if (block[i] == '\n') return end + i;
  }
  return -1;
}

void AuditLog::sync_tail() {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw EnvironmentError("cannot stat the audit log");
  if (st.st_size == known_size_) return;
  const off_t last_nl = last_newline_before(fd_, st.st_size);
  const off_t complete = last_nl + 1;
  if (complete != st.st_size) {
    // A torn write (a process died inside write()): nobody was told those
    // records were durable, so they are cut, and the next record says so.
    if (::ftruncate(fd_, complete) != 0 || ::fsync(fd_) != 0) throw EnvironmentError("cannot repair the audit log's torn last line");
    repaired_bytes_ += static_cast<uint64_t>(st.st_size - complete);
  }
  known_size_ = complete;
  if (complete == 0) {
    last_seq_ = 0;
    last_mac_ = std::string(kGenesis);
    return;
  }
  const off_t start = last_newline_before(fd_, last_nl) + 1;
  std::string line(static_cast<size_t>(last_nl - start), '\0');
  if (::pread(fd_, line.data(), line.size(), start) != static_cast<ssize_t>(line.size()))
    throw EnvironmentError("cannot read the audit log");
  const auto record = unseal(&keys_, line);
  if (!record || !record->mac_ok) {
    known_size_ = -1;
    throw EnvironmentError("the audit log's last record is damaged: run `socialsoeg audit verify`");
  }
  // Records this writer wrote (or saw) are gone: someone cut whole records off
  // the end. Continuing would give their numbers to new records and hide the
  // cut, so nothing more is written (fail closed) until the log is restored.
  if (record->seq < last_seq_) {
    known_size_ = -1;
    throw EnvironmentError("the audit log ends at record " + std::to_string(record->seq) + ", but records up to " +
                           std::to_string(last_seq_) +
                           " were written (a checkpoint or this writer saw them): records were cut off; restore the log");
  }
  last_seq_ = record->seq;
  last_mac_ = record->mac;
}

std::filesystem::path AuditLog::reserve_path() const {
  return files_.log.string() + ".reserve";
}

// A full disk gives up the reserve once: the part written is cut and the
// batch written again into the room freed.
void AuditLog::write_durably(const std::string& bytes) {
  int error = write_all_or_errno(fd_, bytes);
  std::error_code ec;
  if (error == ENOSPC && fs::remove(reserve_path(), ec)) {
    if (::ftruncate(fd_, known_size_) != 0) throw EnvironmentError("cannot cut a partly written audit record");
    error = write_all_or_errno(fd_, bytes);
  }
  if (error) throw EnvironmentError("cannot write " + files_.log.string() + ": " + std::strerror(error));
}

// Whether the log's path still names the file we hold open: a log moved or
// deleted under a running writer would take every later record with it.
void AuditLog::check_still_named() const {
  struct stat open_file {}, named {};
  if (::fstat(fd_, &open_file) != 0) throw EnvironmentError("cannot stat the audit log");
  if (open_file.st_nlink == 0 || ::stat(files_.log.c_str(), &named) != 0 || named.st_dev != open_file.st_dev ||
      named.st_ino != open_file.st_ino)
    throw EnvironmentError("the audit log " + files_.log.string() +
                           " was moved or deleted while in use: nothing more is recorded, so nothing is shown");
}

void AuditLog::write_batch(std::deque<Pending*>& batch) {
  try {
    FlockGuard lock(fd_);
    check_still_named();
    sync_tail();
    std::string bytes;
    uint64_t seq = last_seq_;
    std::string mac = last_mac_;
    const std::string now = utc_timestamp();
    if (repaired_bytes_ > 0) {
      AuditEvent repair;
      repair.user = login_name();
      repair.action = "audit-repair";
      repair.details = {{"torn_bytes_removed", repaired_bytes_}};
      const std::string line = seal(keys_, repair, ++seq, mac, now);
      mac = mac_of_line(line);
      bytes += line + '\n';
    }
    for (Pending* p : batch) {
      const std::string line = seal(keys_, *p->event, ++seq, mac, now);
      mac = mac_of_line(line);
      p->seq = seq;
      bytes += line;
      bytes += '\n';
    }
    write_durably(bytes);
    if (::fdatasync(fd_) != 0) throw EnvironmentError("cannot fsync the audit log: " + std::string(std::strerror(errno)));
    known_size_ += static_cast<off_t>(bytes.size());
    last_seq_ = seq;
    last_mac_ = mac;
    repaired_bytes_ = 0;
    ++fsyncs_;
    records_ += batch.size();
    // A checkpoint every kCheckpointEvery records, and at least every
    // kCheckpointSeconds while records come: records after the last
    // checkpoint could be cut unnoticed once no writer remembers them.
    if (last_seq_ >= checkpointed_seq_ + kCheckpointEvery ||
        std::chrono::steady_clock::now() - checkpointed_at_ >= std::chrono::seconds(kCheckpointSeconds))
      write_checkpoint_locked();
  } catch (const std::exception& e) {
    // Nothing of this batch counts as written: every caller gets the error.
    known_size_ = -1;
    for (Pending* p : batch) p->error = e.what();
  }
}

uint64_t AuditLog::append(const AuditEvent& event) {
  Pending mine;
  mine.event = &event;
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leader_active_) {
      written_.wait(lock);
      continue;
    }
    leader_active_ = true;
    std::deque<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    write_batch(batch);
    lock.lock();
    for (Pending* p : batch) p->done = true;
    leader_active_ = false;
    written_.notify_all();
  }
  if (!mine.error.empty()) throw EnvironmentError("audit log: " + mine.error);
  return mine.seq;
}

void AuditLog::write_checkpoint_locked() {
  if (last_seq_ == 0 || last_seq_ == checkpointed_seq_) return;
  const std::string line = checkpoint_line(keys_, last_seq_, last_mac_, utc_timestamp()) + "\n";
  append_synced(files_.checkpoints, line, 0600);
  checkpointed_seq_ = last_seq_;
  checkpointed_at_ = std::chrono::steady_clock::now();
}

void AuditLog::checkpoint() {
  std::unique_lock lock(mutex_);
  written_.wait(lock, [this] { return !leader_active_; });
  leader_active_ = true;
  lock.unlock();
  try {
    FlockGuard flock(fd_);
    sync_tail();
    if (last_seq_ > checkpointed_seq_) write_checkpoint_locked();
  } catch (...) {
    lock.lock();
    leader_active_ = false;
    written_.notify_all();
    throw;
  }
  lock.lock();
  leader_active_ = false;
  written_.notify_all();
}

uint64_t AuditLog::fsyncs() const { return fsyncs_; }
uint64_t AuditLog::records_written() const { return records_; }

}  // namespace socialsoeg::audit
