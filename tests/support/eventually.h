// Waits for a condition another thread brings about (a fleet's sessions, a server's requests). A safety
// net only, never a measurement: tests assert on what happened, not on how long it took.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace cpemu::test {

// True once `done()` is; false when it still is not after `limit`.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace cpemu::test
