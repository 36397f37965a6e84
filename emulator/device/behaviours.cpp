#include "device/behaviours.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cpemu::device {
namespace {

using datamodel::BaseType;

double secondsBetween(TimePoint from, TimePoint to) {
  return std::max(0.0, std::chrono::duration<double>(to - from).count());
}

// Deterministic noise in [-1, 1] for (seed, n): splitmix64, so a walk needs no random-generator state.
double noise(std::uint64_t seed, std::uint64_t n) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (n + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ull << 52) - 1.0;
}

// The value as the parameter's type writes it: integers whole (unsignedInt counters wrap at 2^32 like
// Counter32), anything else with two decimals.
std::string format(const datamodel::ParameterDef* def, double v, bool wrap) {
  BaseType t = def ? def->syntax.type : BaseType::String;
  switch (t) {
    case BaseType::UnsignedInt:
      if (wrap) return std::to_string(static_cast<std::uint64_t>(std::floor(v)) % (1ull << 32));
      return std::to_string(static_cast<std::uint64_t>(std::clamp(std::floor(v), 0.0, 4294967295.0)));
    case BaseType::UnsignedLong:
      return std::to_string(static_cast<std::uint64_t>(std::max(0.0, std::floor(v))));
    case BaseType::Int:
    case BaseType::Long:
      return std::to_string(static_cast<std::int64_t>(std::llround(v)));
    default: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f", v);
      return buf;
    }
  }
}

const profile::BehaviourSettings& settingsOf(const Device& d) { return d.deviceTemplate().profile().behaviours; }

}  // namespace

void bootBehaviours(Device& device, TimePoint now) {
  const auto& s = settingsOf(device);
  BehaviourState& state = device.behaviourState();
  state.bootTime = now;
  state.walks.assign(s.walks.size(), {});
  for (std::size_t i = 0; i < s.walks.size(); ++i)
    state.walks[i].value = s.walks[i].start.value_or((s.walks[i].min + s.walks[i].max) / 2);
  state.timelineDue.clear();
  for (const auto& step : s.timeline)
    state.timelineDue.push_back(now + std::chrono::duration_cast<TimePoint::duration>(
                                          std::chrono::duration<double>(step.atSeconds)));
  refreshBehaviours(device, now);
}

void refreshBehaviours(Device& device, TimePoint now) {
  const auto& s = settingsOf(device);
  if (s.counters.empty() && s.walks.empty()) return;
  BehaviourState& state = device.behaviourState();
  const double up = secondsBetween(state.bootTime, now);
  const std::string root = device.rootName() + ".";
  auto write = [&](const std::string& path, double v, bool wrap) {
    const datamodel::ParameterDef* def = device.tree().findParameter(path);
    if (!def) return;  // its instance was deleted: nothing to update
    device.tree().set(path, format(def, v, wrap), datamodel::WriteOrigin::Device);
  };
  for (const auto& c : s.counters) write(c.path, c.start + c.ratePerSecond * up, true);
  const std::uint64_t seed = device.index() * 0x100000001B3ull;
  for (std::size_t i = 0; i < s.walks.size() && i < state.walks.size(); ++i) {
    const auto& w = s.walks[i];
    auto& st = state.walks[i];
    const auto steps = static_cast<std::uint64_t>(up / w.everySeconds);
    // A device asked after a long quiet spell catches up by at most 10,000 steps: the walk is bounded
    // anyway, and the cost of a read stays small.
    if (steps > st.step + 10000) st.step = steps - 10000;
    for (; st.step < steps; ++st.step)
      st.value = std::clamp(st.value + w.step * noise(seed + i, st.step), w.min, w.max);
    write(w.path, st.value, false);
  }
}

std::optional<TimePoint> BehaviourTimeline::nextDue(const Device& device, TimePoint) const {
  std::optional<TimePoint> next;
  for (const auto& due : device.behaviourState().timelineDue)
    if (due && (!next || *due < *next)) next = due;
  return next;
}

void BehaviourTimeline::run(Device& device, TimePoint now) {
  const auto& steps = settingsOf(device).timeline;
  auto& due = device.behaviourState().timelineDue;
  for (std::size_t i = 0; i < steps.size() && i < due.size(); ++i) {
    if (!due[i] || *due[i] > now) continue;
    const auto& step = steps[i];
    for (const auto& [path, value] : step.set) device.tree().set(path, value, datamodel::WriteOrigin::Device);
    if (!step.event.empty()) {
      std::string code = step.event;
      if (auto at = code.find("{oui}"); at != std::string::npos)
        code.replace(at, 5, device.value("DeviceInfo.ManufacturerOUI"));
      device.events().add(code, step.commandKey);
    }
    if (!step.everySeconds) {
      due[i].reset();
      continue;
    }
    const auto every = std::chrono::duration_cast<TimePoint::duration>(std::chrono::duration<double>(*step.everySeconds));
    while (*due[i] <= now) *due[i] += every;  // missed repetitions are not queued
  }
}

}  // namespace cpemu::device
