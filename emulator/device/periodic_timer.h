// A repeating timer with an optional absolute phase: the periodic Inform (ManagementServer.PeriodicInform*)
// and the Heartbeat (ManagementServer.HeartbeatPolicy.*) both fire every `interval`, at `phase` plus a
// whole number of intervals when a phase is given (TR-181 PeriodicInformTime / InitiationTime).
#pragma once

#include <chrono>
#include <optional>

#include "device/clock.h"

namespace cpemu::device {

struct TimerSettings {
  bool enabled = false;
  std::chrono::seconds interval{0};
  std::optional<TimePoint> phase;  // none: the Unknown Time, the timer counts from when it was (re)started
  bool operator==(const TimerSettings&) const = default;
};

class PeriodicTimer {
 public:
  // Applies `settings` at `now`. When they differ from the current ones the timer restarts (TR-181: the
  // new values take effect at once); otherwise nothing changes. `unknownPhase` is the phase used when
  // settings.phase is none (the time the timer starts, or a random one for the Heartbeat).
  void configure(const TimerSettings& settings, TimePoint now, std::optional<TimePoint> unknownPhase = {});
  // When it fires next; none while disabled.
  std::optional<TimePoint> due() const { return due_; }
  // True when due at `now`; then it moves to the next time after `now` (missed periods are not queued).
  bool fire(TimePoint now);

  // The first time at or after `from` that lies on phase + k·interval (k any integer).
  static TimePoint nextAligned(TimePoint phase, std::chrono::seconds interval, TimePoint from);

 private:
  TimerSettings settings_;
  bool configured_ = false;
  TimePoint phase_{};
  std::optional<TimePoint> due_;
};

}  // namespace cpemu::device
