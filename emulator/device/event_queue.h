// The events a device has to report in its next Inform (TR-069 A6 §3.7.1.5, Table 7).
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
inline constexpr std::string_view ConnectionRequest = "6 CONNECTION REQUEST";
inline constexpr std::string_view TransferComplete = "7 TRANSFER COMPLETE";
inline constexpr std::string_view DiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";
inline constexpr std::string_view MReboot = "M Reboot";
inline constexpr std::string_view MScheduleInform = "M ScheduleInform";
inline constexpr std::string_view MDownload = "M Download";
inline constexpr std::string_view MScheduleDownload = "M ScheduleDownload";
inline constexpr std::string_view MUpload = "M Upload";
}  // namespace event

struct Event {
  std::string code;
  std::string commandKey;
  bool operator==(const Event&) const = default;
};

class EventQueue {
 public:
  // TR-069 §3.7.1.5: a "single" event (numbered codes) appears at most once per Inform; "multiple"
  // events (M …, X …) appear once per CommandKey.
  void add(std::string_view code, std::string_view commandKey = "");
  bool contains(std::string_view code) const;
  bool empty() const { return events_.empty(); }
  // What the next Inform reports: at most 64 events (TR-069 A.3.3.1 EventStruct[64]).
  std::vector<Event> forInform() const;
  // The ACS answered the Inform: the first `delivered` events are done.
  void delivered(std::size_t count);
  void clear() { events_.clear(); }
  const std::vector<Event>& all() const { return events_; }

  static constexpr std::size_t kMaxPerInform = 64;

 private:
  std::vector<Event> events_;
};

}  // namespace cpemu::device
