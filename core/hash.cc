#include "core/hash.h"

#include <sodium.h>

#include <stdexcept>

namespace socialsoeg {

std::string blake2b(std::string_view bytes, size_t size, std::string_view key) {
  if (size < crypto_generichash_BYTES_MIN || size > crypto_generichash_BYTES_MAX ||
      (!key.empty() && (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)))
    throw std::logic_error("blake2b: digest or key size out of range");
  std::string digest(size, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                     key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return digest;
}

std::string blake2b_hex(std::string_view bytes, size_t size, std::string_view key) {
  return to_hex(blake2b(bytes, size, key));
}

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

uint64_t fnv1a(std::string_view bytes, uint64_t h) {
  for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace socialsoeg
