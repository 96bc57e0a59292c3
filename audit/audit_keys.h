// The audit log's keys (docs/access.md), each in its own 0600 file under
// DIR/access/, made on first use:
//
//   audit-chain.key   32 bytes: the keyed BLAKE2b MAC of every record, which
//                     the next record carries — without it nobody can edit,
//                     insert or remove a record unnoticed
//   audit-person.key  32 bytes: CPR numbers are written as a keyed BLAKE2b
//                     hash, so an auditor with this key can find every lookup
//                     of a person, while the log is no register of CPR
//                     numbers (unkeyed, all CPR numbers can be tried in an hour)
//   audit-sign.key    Ed25519 secret key: signs checkpoints
//   audit-sign.pub    its public key: checks them, wherever they are kept
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace socialsoeg::audit {

struct AuditKeys {
  std::array<unsigned char, 32> chain{};
  std::array<unsigned char, 32> person{};
  std::array<unsigned char, 64> sign_secret{};
  std::array<unsigned char, 32> sign_public{};

  // Reads the keys in `dir`, making those that are missing (under a lock, so
  // two first writers agree). EnvironmentError when a key cannot be read or made.
  static AuditKeys load_or_create(const std::filesystem::path& dir);

  // The keyed hash of a CPR number (any spelling), 32 hex digits; for what is
  // not a valid CPR number, the hash of the text as given.
  std::string person_hash(std::string_view cpr) const;
  // `text` with every CPR-shaped number replaced by "cpr#" + its person hash.
  std::string pseudonymise(std::string_view text) const;
  // The keyed MAC of `bytes` under the chain key, 64 hex digits.
  std::string mac(std::string_view bytes) const;
};

// Where the keys of the database directory DIR live.
inline std::filesystem::path keys_dir(const std::filesystem::path& db_dir) { return db_dir / "access"; }

// Ed25519 signature (hex) of `message`, and its check against a public key (hex or raw).
std::string sign_hex(const AuditKeys& keys, std::string_view message);
bool signature_ok(const std::array<unsigned char, 32>& public_key, std::string_view message, std::string_view signature_hex);

// Reads a public key file (hex). EnvironmentError when missing or malformed.
std::array<unsigned char, 32> read_public_key(const std::filesystem::path& file);

}  // namespace socialsoeg::audit
