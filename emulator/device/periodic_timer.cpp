#include "device/periodic_timer.h"

namespace cpemu::device {

TimePoint PeriodicTimer::nextAligned(TimePoint phase, std::chrono::seconds interval, TimePoint from) {
  using std::chrono::duration_cast;
  using Tick = TimePoint::duration;
  const Tick step = duration_cast<Tick>(interval);
  Tick offset = (from - phase) % step;  // in (-step, step)
  if (offset < Tick::zero()) offset += step;
  return offset == Tick::zero() ? from : from + (step - offset);
}

void PeriodicTimer::configure(const TimerSettings& settings, TimePoint now, std::optional<TimePoint> unknownPhase) {
  if (configured_ && settings == settings_) return;
  configured_ = true;
  settings_ = settings;
  if (!settings.enabled || settings.interval.count() <= 0) {
    due_.reset();
    return;
  }
  phase_ = settings.phase.value_or(unknownPhase.value_or(now));
  // A phase of "now" means: first fire one interval from now, not at once.
  TimePoint next = nextAligned(phase_, settings.interval, now);
  if (next == now && !settings.phase) next += settings.interval;
  due_ = next;
}

bool PeriodicTimer::fire(TimePoint now) {
  if (!due_ || now < *due_) return false;
  // The next period after now: a device that was suspended (or a slow session) skips missed periods.
  TimePoint next = nextAligned(phase_, settings_.interval, now);
  if (next <= now) next += settings_.interval;
  due_ = next;
  return true;
}

}  // namespace cpemu::device
