// BLAKE2b (libsodium's crypto_generichash), the one cryptographic hash the
// project stores or compares: content hashes of reports, resume keys of inputs, the audit
// log's keyed person hashes and MAC chain. One place, so that a digest size
// or key is never passed in the wrong order and the hex form is the same
// everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace socialsoeg {

// The raw digest of `bytes`: `size` bytes (16..64), keyed when `key` is not
// empty (16..64 bytes).
std::string blake2b(std::string_view bytes, size_t size, std::string_view key = {});

// The same digest in lower-case hex (2 * size characters).
std::string blake2b_hex(std::string_view bytes, size_t size, std::string_view key = {});

// FNV-1a (64 bits), continuing from `h`: a fast, unkeyed hash that is the
// same on every platform and run — for sort keys and plan fingerprints,
// never for anything an attacker could choose to collide.
constexpr uint64_t kFnv1aStart = 1469598103934665603ull;
uint64_t fnv1a(std::string_view bytes, uint64_t h = kFnv1aStart);

// Lower-case hex of arbitrary bytes.
std::string to_hex(std::string_view bytes);

}  // namespace socialsoeg
