#include "audit/audit_log.h"

#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>

#include "core/date.h"
#include "core/errors.h"

namespace socialsoeg::audit {
namespace {

// The chain starts from this value, so the first line is checked too.
constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string hash_hex(const std::string& line) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(line.data()), line.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// The last line of the file (without its newline), read from the end.
std::string last_line(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size <= 0) return {};
  std::string tail;
  off_t pos = size;
  char block[4096];
  while (pos > 0) {
    const off_t n = std::min<off_t>(pos, sizeof block);
    pos -= n;
    if (::pread(fd, block, static_cast<size_t>(n), pos) != n) break;
    tail.insert(0, block, static_cast<size_t>(n));
    const size_t body_end = tail.size() - (tail.back() == '\n' ? 1 : 0);
    const size_t nl = tail.rfind('\n', body_end == 0 ? 0 : body_end - 1);
    if (nl != std::string::npos && nl < body_end) return tail.substr(nl + 1, body_end - nl - 1);
  }
  return tail.substr(0, tail.size() - (!tail.empty() && tail.back() == '\n' ? 1 : 0));
}

}  // namespace

std::string login_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "uid" + std::to_string(::geteuid());
}

void AuditLog::append(const std::string& user, nlohmann::json entry) const {
  if (sodium_init() < 0) throw EnvironmentError("libsodium failed to initialise");
  const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw EnvironmentError("cannot open audit log " + path_.string() + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::flock(fd, LOCK_EX) != 0) throw EnvironmentError("cannot lock audit log " + path_.string());
  const std::string previous = last_line(fd);
  nlohmann::json line = {{"time", utc_timestamp()}, {"user", user}};
  line.update(entry);
  line["prev"] = previous.empty() ? kGenesis : hash_hex(previous);
  const std::string text = line.dump() + "\n";
  if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(fd) != 0)
    throw EnvironmentError("cannot write audit log " + path_.string() + ": " + std::strerror(errno));
}

std::optional<size_t> AuditLog::verify() const {
  std::ifstream in(path_);
  std::string line, expected = kGenesis;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object() || object.value("prev", "") != expected) return number;
    expected = hash_hex(line);
  }
  return std::nullopt;
}

}  // namespace socialsoeg::audit
