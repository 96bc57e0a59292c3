// Password hashes: argon2id through libsodium's crypto_pwhash_str, at its
// "interactive" limits (64 MiB, 2 passes) — a login costs tens of
// milliseconds, a guess on a stolen users file as much. Never a home-made hash.
#pragma once

#include <string>
#include <string_view>

namespace socialsoeg::access {

// The minimum length of a password (characters as bytes of UTF-8).
inline constexpr size_t kMinPasswordLength = 10;

// An argon2id hash string ("$argon2id$v=19$m=…"); UsageError for a password
// shorter than kMinPasswordLength, EnvironmentError when memory is short.
std::string hash_password(std::string_view password);

// Whether `password` matches `hash` (constant-time in libsodium).
bool verify_password(std::string_view password, const std::string& hash);

// A random password of `length` characters from an alphabet without look-alikes
// (for the demo user and for resets).
std::string random_password(size_t length = 16);

}  // namespace socialsoeg::access
