// LEB128 varints: seven bits a byte, low bits first, the top bit set on every
// byte but the last. The compact integers of the binary formats we store in
// Xapian (token offsets, the stored report).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace socialsoeg {

inline void put_varint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// Reads one varint from the front of `in` and consumes it; false when `in`
// ends first or the value does not fit 32 bits.
inline bool get_varint(std::string_view& in, uint32_t& v) {
  v = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (in.empty()) return false;
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (shift == 28 && (byte & 0x70)) return false;
    v |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

}  // namespace socialsoeg
