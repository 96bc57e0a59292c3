#include "access/password.h"

#include <sodium.h>

#include "core/errors.h"

namespace socialsoeg::access {
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw EnvironmentError("libsodium failed to initialise");
}

}  // namespace

std::string hash_password(std::string_view password) {
  init_sodium();
  if (password.size() < kMinPasswordLength)
    throw UsageError("a password needs at least " + std::to_string(kMinPasswordLength) + " characters");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw EnvironmentError("not enough memory to hash a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  init_sodium();
  if (hash.rfind("$argon2id$", 0) != 0) return false;  // only argon2id hashes are accepted
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_password(size_t length) {
  init_sodium();
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
  std::string out;
  for (size_t i = 0; i < length; ++i)
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  return out;
}

}  // namespace socialsoeg::access
