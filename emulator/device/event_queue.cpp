#include "device/event_queue.h"

#include <algorithm>

namespace cpemu::device {
namespace {

bool isMultiple(std::string_view code) { return code.starts_with("M ") || code.starts_with("X "); }

}  // namespace

void EventQueue::add(std::string_view code, std::string_view commandKey) {
  for (const auto& e : events_) {
    if (e.code != code) continue;
    if (!isMultiple(code) || e.commandKey == commandKey) return;
  }
  // BOOTSTRAP leads: an ACS learns first that the device is new (§3.7.1.5 orders no events, but
  // real ACSs key their provisioning off the first code).
  if (code == event::Bootstrap) {
    events_.insert(events_.begin(), {std::string(code), std::string(commandKey)});
    return;
  }
  events_.push_back({std::string(code), std::string(commandKey)});
}

bool EventQueue::contains(std::string_view code) const {
  return std::any_of(events_.begin(), events_.end(), [&](const Event& e) { return e.code == code; });
}

std::vector<Event> EventQueue::forInform() const {
  std::size_t n = std::min(events_.size(), kMaxPerInform);
  return {events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(n)};
}

void EventQueue::delivered(std::size_t count) {
  count = std::min(count, events_.size());
  events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(count));
}

}  // namespace cpemu::device
