// The audit log: one JSON line per load or lookup of personal data — who,
// when, why, what — kept beside the index (DIR/audit.log). It is the only
// place a CPR number may be written outside the index itself.
//
// Append-only and tamper-evident: each line carries "prev", the BLAKE2b hash
// of the line before it, so an edited, removed or reordered line breaks the
// chain that verify() walks. Appends take an exclusive flock and fsync before
// returning, so an action is never reported done without its record.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace socialsoeg::audit {

// The login name of the person running the program (the --user default).
std::string login_name();

class AuditLog {
 public:
  explicit AuditLog(std::filesystem::path path) : path_(std::move(path)) {}

  // Appends `entry` with "time" (UTC, ISO 8601), "user" and "prev" added.
  // Throws EnvironmentError when the log cannot be written: an action that
  // cannot be audited must not go ahead.
  void append(const std::string& user, nlohmann::json entry) const;

  // Line number of the first line that breaks the chain, or nullopt when the log is intact.
  std::optional<size_t> verify() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace socialsoeg::audit
