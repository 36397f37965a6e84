// A random number engine of 8 bytes for the jitter a device draws now and then (the session retry wait,
// the Heartbeat's random phase). std::mt19937_64 holds 2,504 bytes of state; two per device were half of
// a fleet device's memory (docs/performance.md, "Fleets"). splitmix64 (Steele, Lea, Flood 2014), a
// UniformRandomBitGenerator for the <random> distributions. Not for anything secret.
#pragma once

#include <cstdint>
#include <limits>

namespace cpemu::device {

class SmallRandom {
 public:
  using result_type = std::uint64_t;
  explicit SmallRandom(std::uint64_t seed) : state_(seed) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

}  // namespace cpemu::device
