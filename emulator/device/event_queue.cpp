#include "device/event_queue.h"

#include <algorithm>

namespace cpemu::device {
namespace {

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

}  // namespace

bool isVendorEventCode(std::string_view code) {
  if (code.size() < 10 || !code.starts_with("X ") || code[8] != ' ') return false;
  return std::all_of(code.begin() + 2, code.begin() + 8, isHex) && code.size() <= 64;
}

// TR-069 A6 §3.7.1.5, Table 7, and its rules for undelivered events. Cumulative behaviour is from the
// table; what survives a failed session or a reboot:
//   6 CONNECTION REQUEST is not retried: a failed session drops it (the ACS asks again if it still cares);
//   1 BOOT, 4 VALUE CHANGE, 8 DIAGNOSTICS COMPLETE, 14 HEARTBEAT describe the state before a reboot and are
//   dropped by one (the new boot raises its own 1 BOOT; values and diagnostics restart);
//   everything else (BOOTSTRAP, PERIODIC, SCHEDULED, TRANSFER COMPLETE, the M and X codes …) is kept until
//   an InformResponse acknowledges it, across failed sessions and restarts.
EventPolicy eventPolicy(std::string_view code) {
  EventPolicy p;
  if (code.starts_with("M ") && code.size() > 2) {
    p.known = true;
    p.multiple = true;
    return p;
  }
  if (code.starts_with("X ")) {
    p.known = isVendorEventCode(code);
    p.multiple = true;
    return p;
  }
  static constexpr std::string_view kNumbered[] = {
      event::Bootstrap, event::Boot, event::Periodic, event::Scheduled, event::ValueChange, event::Kicked,
      event::ConnectionRequest, event::TransferComplete, event::DiagnosticsComplete, event::RequestDownload,
      event::AutonomousTransferComplete, event::DuStateChangeComplete, event::AutonomousDuStateChangeComplete,
      event::Wakeup, event::Heartbeat};
  p.known = std::find(std::begin(kNumbered), std::end(kNumbered), code) != std::end(kNumbered);
  if (code == event::ConnectionRequest) {
    p.retryAfterFailure = false;
    p.keepAcrossReboot = false;
  }
  if (code == event::Boot || code == event::ValueChange || code == event::DiagnosticsComplete ||
      code == event::Heartbeat)
    p.keepAcrossReboot = false;
  p.standalone = code == event::Heartbeat;
  return p;
}

void EventQueue::add(std::string_view code, std::string_view commandKey) {
  const bool multiple = eventPolicy(code).multiple;
  for (const auto& e : events_) {
    if (e.code != code) continue;
    if (!multiple || e.commandKey == commandKey) return;
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
  std::vector<Event> out;
  for (const auto& e : events_) {
    if (out.size() == kMaxPerInform) break;
    if (!eventPolicy(e.code).standalone) out.push_back(e);
  }
  if (out.empty() && !events_.empty()) out.push_back(events_.front());  // only standalone ones are left
  return out;
}

void EventQueue::delivered(const std::vector<Event>& done) {
  dropIf([&](const Event& e) { return std::find(done.begin(), done.end(), e) != done.end(); });
}

void EventQueue::sessionFailed() {
  dropIf([](const Event& e) { return !eventPolicy(e.code).retryAfterFailure; });
}

void EventQueue::rebooted() {
  dropIf([](const Event& e) { return !eventPolicy(e.code).keepAcrossReboot; });
}

template <typename Pred>
void EventQueue::dropIf(Pred pred) {
  events_.erase(std::remove_if(events_.begin(), events_.end(), pred), events_.end());
}

}  // namespace cpemu::device
