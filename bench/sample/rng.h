// Deterministic randomness for the sample generator.
//
// Every record is drawn from its own stream, seeded from (run seed, record
// kind, record number), so the same seed gives the same bytes whatever the
// order or number of records generated, and any household or report can be
// re-derived on its own without keeping the population in memory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace socialsoeg::sample {

constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Salts that separate the streams of different record kinds.
enum class Stream : uint64_t { kHousehold = 1, kReport = 2, kPlan = 3, kAddress = 4 };

// xoshiro256** — small, fast and good enough for synthetic data.
class Rng {
 public:
  Rng(uint64_t seed, Stream stream, uint64_t index) {
    uint64_t x = splitmix64(seed ^ splitmix64(static_cast<uint64_t>(stream) * 0x100000001B3ULL + index));
    for (auto& word : s_) word = x = splitmix64(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n).
  // Lemire's multiply-shift: unbiased enough for sample data, no division.
  uint64_t below(uint64_t n) {
    __extension__ using u128 = unsigned __int128;
    return n == 0 ? 0 : static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace socialsoeg::sample
