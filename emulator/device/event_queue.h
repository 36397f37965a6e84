// The events a device has to report in its next Inform (TR-069 A6 §3.7.1.5, Table 7), and the rules for
// keeping the ones not yet delivered.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cpemu::device {

namespace event {
inline constexpr std::string_view Bootstrap = "0 BOOTSTRAP";
inline constexpr std::string_view Boot = "1 BOOT";
inline constexpr std::string_view Periodic = "2 PERIODIC";
inline constexpr std::string_view Scheduled = "3 SCHEDULED";
inline constexpr std::string_view ValueChange = "4 VALUE CHANGE";
inline constexpr std::string_view Kicked = "5 KICKED";
inline constexpr std::string_view ConnectionRequest = "6 CONNECTION REQUEST";
inline constexpr std::string_view TransferComplete = "7 TRANSFER COMPLETE";
inline constexpr std::string_view DiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";
inline constexpr std::string_view RequestDownload = "9 REQUEST DOWNLOAD";
inline constexpr std::string_view AutonomousTransferComplete = "10 AUTONOMOUS TRANSFER COMPLETE";
inline constexpr std::string_view DuStateChangeComplete = "11 DU STATE CHANGE COMPLETE";
inline constexpr std::string_view AutonomousDuStateChangeComplete = "12 AUTONOMOUS DU STATE CHANGE COMPLETE";
inline constexpr std::string_view Wakeup = "13 WAKEUP";
inline constexpr std::string_view Heartbeat = "14 HEARTBEAT";
inline constexpr std::string_view MReboot = "M Reboot";
inline constexpr std::string_view MScheduleInform = "M ScheduleInform";
inline constexpr std::string_view MDownload = "M Download";
inline constexpr std::string_view MScheduleDownload = "M ScheduleDownload";
inline constexpr std::string_view MUpload = "M Upload";
inline constexpr std::string_view MChangeDUState = "M ChangeDUState";
}  // namespace event

// What §3.7.1.5 says about one event code.
struct EventPolicy {
  bool known = false;             // a code of Table 7 (or a well-formed "M …"/"X <OUI> …" code)
  bool multiple = false;          // "M …" and "X …": once per CommandKey; numbered codes: once
  bool retryAfterFailure = true;  // kept when the session that carried it fails
  bool keepAcrossReboot = true;   // kept when the device reboots before delivering it
  bool standalone = false;        // never shares an Inform with other events (14 HEARTBEAT, Annex O)
};
EventPolicy eventPolicy(std::string_view code);

// "X <OUI> <event>" (TR-069 §3.7.1.5, cwmp-1-4.xsd EventCodeType): six upper-case hex digits, a name.
bool isVendorEventCode(std::string_view code);

struct Event {
  std::string code;
  std::string commandKey;
  bool operator==(const Event&) const = default;
};

class EventQueue {
 public:
  // A "single" event appears at most once per Inform; a "multiple" one once per CommandKey.
  void add(std::string_view code, std::string_view commandKey = "");
  bool contains(std::string_view code) const;
  bool empty() const { return events_.empty(); }
  // What the next Inform reports: at most 64 events (TR-069 A.3.3.1 EventStruct[64]). A standalone event
  // (14 HEARTBEAT) goes alone, after every other pending event has been delivered.
  std::vector<Event> forInform() const;
  // The ACS answered the Inform that reported `events`: they are done.
  void delivered(const std::vector<Event>& events);
  // §3.7.1.5: the session failed — drop what is not retried (6 CONNECTION REQUEST).
  void sessionFailed();
  // §3.7.1.5: the device rebooted — drop what does not survive a reboot (1 BOOT is raised anew).
  void rebooted();
  void clear() { events_.clear(); }
  const std::vector<Event>& all() const { return events_; }

  static constexpr std::size_t kMaxPerInform = 64;

 private:
  template <typename Pred>
  void dropIf(Pred pred);
  std::vector<Event> events_;
};

}  // namespace cpemu::device
