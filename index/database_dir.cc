#include "index/database_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/files.h"
#include "index/schema.h"

namespace socialsoeg::index {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStub = "XAPIANDB";

std::string generation_name(unsigned generation) {
  char name[32];
  std::snprintf(name, sizeof name, "reports.%06u", generation);
  return name;
}

}  // namespace

[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& doing) {
  const std::string message = doing + ": " + e.get_type() + ": " + e.get_msg();
  if (std::string_view(e.get_type()) == "DatabaseLockError")
    throw EnvironmentError(doing + ": the database is locked by another process (" + e.get_msg() + ")");
  throw EnvironmentError(message);
}

std::optional<unsigned> DatabaseDir::live_generation() const {
  std::ifstream in(dir_ / kStub);
  if (!in) return std::nullopt;
  std::string backend, name;
  in >> backend >> name;
  unsigned generation = 0;
  if (backend != "glass" || std::sscanf(name.c_str(), "reports.%u", &generation) != 1)
    throw EnvironmentError((dir_ / kStub).string() + ": not a Socialsøg stub file");
  return generation;
}

fs::path DatabaseDir::generation_path(unsigned generation) const { return dir_ / generation_name(generation); }
fs::path DatabaseDir::build_path(unsigned generation) const { return dir_ / (generation_name(generation) + ".build"); }

void DatabaseDir::lock_for_writing() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw EnvironmentError("cannot create " + dir_.string() + ": " + ec.message());
  const fs::path lock = dir_ / "writer.lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) throw EnvironmentError("cannot open " + lock.string() + ": " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    throw EnvironmentError(dir_.string() + " is locked: another socialsoeg index is writing to it");
}

DatabaseDir::~DatabaseDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the flock
}

void check_identity(const Xapian::Database& db, const std::string& identity, const fs::path& where) {
  const std::string schema = db.get_metadata(std::string(schema::kMetaSchema));
  const std::string built = db.get_metadata(std::string(schema::kMetaAnalyzer));
  if (schema != schema::kSchemaVersion)
    throw EnvironmentError(where.string() + " has index schema \"" + schema + "\", this program writes \"" +
                           std::string(schema::kSchemaVersion) + "\": a re-index is needed (socialsoeg index --replace-all)");
  if (built != identity)
    throw EnvironmentError(where.string() + " was analysed by \"" + built + "\", this program analyses with \"" +
                           identity + "\": a re-index is needed (socialsoeg index --replace-all)");
}

Xapian::WritableDatabase DatabaseDir::open_live_for_writing(const std::string& identity) {
  try {
    if (auto generation = live_generation()) {
      Xapian::WritableDatabase db(generation_path(*generation).string(), Xapian::DB_OPEN);
      check_identity(db, identity, dir_);
      return db;
    }
    Xapian::WritableDatabase db(generation_path(1).string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaAnalyzer), identity);
    db.set_metadata(std::string(schema::kMetaLastBatch), "0");
    db.commit();
    switch_to(1);
    return db;
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, "opening " + dir_.string());
  }
}

void DatabaseDir::switch_to(unsigned generation) {
  // replace_file writes the stub beside the old, fsyncs and renames it over;
  // the directory is then synced strictly, since the switch is the commit
  // point of a replace-all.
  replace_file(dir_ / kStub, "glass " + generation_name(generation) + "\n", 0644);
  sync_path(dir_);
  // Older generations are unreachable now; a reader that still has one open
  // keeps its open files until it reopens.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    unsigned g = 0;
    char rest = 0;
    const std::string name = entry.path().filename().string();
    if (std::sscanf(name.c_str(), "reports.%u%c", &g, &rest) == 1 && g != generation) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

Xapian::Database DatabaseDir::open_live_for_reading(const std::string* expected_identity) const {
  if (!live_generation()) throw EnvironmentError(dir_.string() + " holds no Socialsøg index (run socialsoeg index first)");
  try {
    Xapian::Database db(dir_.string());
    if (expected_identity) check_identity(db, *expected_identity, dir_);
    return db;
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, "opening " + dir_.string());
  }
}

}  // namespace socialsoeg::index
