// `socialsoeg audit verify`: walks the log's chain and checks it against the
// signed checkpoints. Names the first record that was edited, deleted,
// inserted or reordered, and a tail cut off after the last checkpoint.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit_keys.h"

namespace socialsoeg::audit {

struct VerifyProblem {
  uint64_t line = 0;     // line of the log (1-based; 0: not a line of the log)
  uint64_t record = 0;   // the record (seq) concerned, when known
  std::string kind;      // edited | inserted | deleted | reordered | truncated | malformed | checkpoint
  std::string message;   // a sentence for the auditor
};

struct VerifyReport {
  uint64_t records = 0;          // records read
  uint64_t checkpoints = 0;      // checkpoints read
  uint64_t last_checkpoint = 0;  // the record the last checkpoint vouches for
  std::string warning;           // e.g. no checkpoint yet
  std::optional<VerifyProblem> problem;  // the first problem; none: intact
};

// {"intact", "records", "checkpoints", "last_checkpoint", "warning", "problem"?: {"line", "record", "kind", "message"}}
nlohmann::json to_json(const VerifyReport& report);

// `keys` must hold the chain key; `public_key` checks the checkpoints.
VerifyReport verify_log(const std::filesystem::path& log, const AuditKeys& keys,
                        const std::filesystem::path& checkpoints, const std::array<unsigned char, 32>& public_key);

}  // namespace socialsoeg::audit
