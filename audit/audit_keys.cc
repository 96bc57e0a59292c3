#include "audit/audit_keys.h"

#include <sodium.h>

#include "core/cpr.h"
#include "core/errors.h"
#include "core/files.h"
#include "core/hash.h"
#include "core/redact.h"

namespace socialsoeg::audit {
namespace {

namespace fs = std::filesystem;

std::string to_hex(const unsigned char* bytes, size_t n) {
  return socialsoeg::to_hex(std::string_view(reinterpret_cast<const char*>(bytes), n));
}

template <size_t N>
std::string_view key_bytes(const std::array<unsigned char, N>& key) {
  return {reinterpret_cast<const char*>(key.data()), N};
}

template <size_t N>
bool from_hex(std::string_view hex, std::array<unsigned char, N>& out) {
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.remove_suffix(1);
  size_t len = 0;
  return sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == N;
}

template <size_t N>
void read_key(const fs::path& file, std::array<unsigned char, N>& out) {
  const std::string text = read_file_or_empty(file);
  if (!from_hex(text, out)) throw EnvironmentError(file.string() + ": not a key of " + std::to_string(N) + " bytes in hex");
}

}  // namespace

AuditKeys AuditKeys::load_or_create(const fs::path& dir) {
  if (sodium_init() < 0) throw EnvironmentError("libsodium failed to initialise");
  AuditKeys k;
  FileLock lock(dir / "keys.lock");
  std::error_code ec;
  const auto make_random = [&](const fs::path& file, auto& key) {
    if (fs::exists(file, ec)) return read_key(file, key);
    randombytes_buf(key.data(), key.size());
    replace_file(file, to_hex(key.data(), key.size()) + "\n", 0600);
  };
  make_random(dir / "audit-chain.key", k.chain);
  make_random(dir / "audit-person.key", k.person);
  const fs::path secret = dir / "audit-sign.key", pub = dir / "audit-sign.pub";
  if (fs::exists(secret, ec)) {
    read_key(secret, k.sign_secret);
    crypto_sign_ed25519_sk_to_pk(k.sign_public.data(), k.sign_secret.data());
  } else {
    crypto_sign_keypair(k.sign_public.data(), k.sign_secret.data());
    replace_file(secret, to_hex(k.sign_secret.data(), k.sign_secret.size()) + "\n", 0600);
  }
  if (!fs::exists(pub, ec)) replace_file(pub, to_hex(k.sign_public.data(), k.sign_public.size()) + "\n", 0644);
  return k;
}

std::string AuditKeys::person_hash(std::string_view cpr) const {
  const auto parsed = Cpr::parse(cpr);
  const std::string text = parsed ? parsed->canonical() : std::string(cpr);
  return blake2b_hex(text, 16, key_bytes(person));
}

std::string AuditKeys::pseudonymise(std::string_view text) const {
  return replace_cpr(text, [this](std::string_view cpr) { return "cpr#" + person_hash(cpr); });
}

std::string AuditKeys::mac(std::string_view bytes) const {
  return blake2b_hex(bytes, 32, key_bytes(chain));
}

std::string sign_hex(const AuditKeys& keys, std::string_view message) {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       keys.sign_secret.data());
  return to_hex(sig, sizeof sig);
}

bool signature_ok(const std::array<unsigned char, 32>& public_key, std::string_view message, std::string_view signature_hex) {
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  if (!from_hex(signature_hex, sig)) return false;
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     public_key.data()) == 0;
}

std::array<unsigned char, 32> read_public_key(const fs::path& file) {
  if (sodium_init() < 0) throw EnvironmentError("libsodium failed to initialise");
  std::array<unsigned char, 32> key{};
  read_key(file, key);
  return key;
}

}  // namespace socialsoeg::audit
