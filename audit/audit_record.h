// One audit record (docs/access.md): who (user, roles, district
// scope, client), what (action, query or person, ids shown), why (purpose),
// and how it ended (allowed, denied, error) — sealed into one JSON line:
//
//   {"action", "client", "details", "ids", "outcome", "persons", "prev",
//    "purpose", "query", "roles", "scope", "seq", "time", "user", "mac"}
//
// "seq" numbers records from 1; "prev" is the previous record's "mac" (64
// zeros for the first); "mac" is the keyed BLAKE2b of the line without it.
// CPR numbers appear only as keyed hashes ("persons", and "cpr#…" in text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_keys.h"

namespace socialsoeg::audit {

struct AuditEvent {
  std::string user;
  std::vector<std::string> roles;
  std::string scope = "all";        // DistrictScope::describe()
  std::string client = "cli";       // "cli", or the service's client address
  std::string action;               // search, family, screen, saved-run, index, login, …
  std::string purpose;
  std::string query;                // as typed: CPR numbers in it are written as hashes
  std::vector<std::string> persons; // CPR numbers looked up or shown: written as hashes
  std::vector<std::string> ids;     // report ids shown
  std::string outcome = "allowed";  // allowed | denied | error
  nlohmann::json details = nlohmann::json::object();  // the rest; strings pseudonymised too
};

inline constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// The record line (no newline) for `event` as record `seq` after `prev`, at `time`.
std::string seal(const AuditKeys& keys, const AuditEvent& event, uint64_t seq, std::string_view prev, std::string_view time);

struct SealedRecord {
  nlohmann::json body;  // the record without "mac"
  std::string mac;      // as written
  bool mac_ok = false;  // whether it matches the chain key
  uint64_t seq = 0;
  std::string prev;
};

// Parses a record line; nullopt when it is not one (not JSON, no mac, no seq).
std::optional<SealedRecord> unseal(const AuditKeys* keys, std::string_view line);

// A checkpoint: the seq and mac of a record, signed with Ed25519.
struct Checkpoint {
  uint64_t seq = 0;
  std::string mac, time, signature;
  std::string message() const;  // what the signature covers
};
std::string checkpoint_line(const AuditKeys& keys, uint64_t seq, std::string_view mac, std::string_view time);
std::optional<Checkpoint> parse_checkpoint(std::string_view line);

}  // namespace socialsoeg::audit
