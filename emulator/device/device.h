// One emulated CPE: its data-model tree (over its profile's shared template), the events it has to
// report, its queued transfers, and what the ACS asked it to do once the session ends.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/instance_tree.h"
#include "device/behaviour_state.h"
#include "device/clock.h"
#include "device/event_queue.h"
#include "device/notification_tracker.h"
#include "device/transfer_queue.h"
#include "profile/device_template.h"

namespace cpemu::device {

// Requested by the ACS during a session; TR-069 A.4.1.1/A.4.1.5: carried out after the session ends. Saved
// with the device, so a device killed in between still carries them out when it starts again.
struct PendingActions {
  std::optional<std::string> reboot;  // CommandKey
  bool factoryReset = false;

  bool any() const { return reboot || factoryReset; }
  bool operator==(const PendingActions&) const = default;
};

// A one-time Inform the ACS asked for with ScheduleInform (TR-069 A.4.1.4), due at an absolute time.
struct ScheduledInform {
  TimePoint due;
  std::string commandKey;
  bool operator==(const ScheduledInform&) const = default;
};

class Device {
 public:
  Device(std::shared_ptr<const profile::DeviceTemplate> deviceTemplate, std::uint64_t index);

  std::uint64_t index() const { return index_; }
  const profile::DeviceTemplate& deviceTemplate() const { return *template_; }
  const std::string& rootName() const { return tree_.schema().rootName(); }

  datamodel::InstanceTree& tree() { return tree_; }
  const datamodel::InstanceTree& tree() const { return tree_; }

  // A root-relative parameter ("DeviceInfo.SerialNumber") as the device sees it; "" when absent.
  std::string value(std::string_view relativePath) const;
  // The same parameter as an unsigned number (an unsignedInt setting such as
  // ManagementServer.CWMPRetryMinimumWaitInterval); `fallback` when it is absent, empty or not a number
  // that fits.
  unsigned unsignedValue(std::string_view relativePath, unsigned fallback) const;
  // Sets a root-relative parameter from the device side (no access check); returns the fault.
  datamodel::Fault setValue(std::string_view relativePath, std::string_view value);
  // A value that belongs to this device's factory state (cpemu run --set / --acs, the Connection Request
  // URL really served): applied now, and again after every FactoryReset. `path` is a full parameter name;
  // setting it again replaces the earlier value.
  datamodel::Fault setFactoryValue(const std::string& path, const std::string& value);
  // A short label for logs: the serial number.
  std::string label() const { return value("DeviceInfo.SerialNumber"); }

  EventQueue& events() { return events_; }
  const EventQueue& events() const { return events_; }
  TransferQueue& transfers() { return transfers_; }
  const TransferQueue& transfers() const { return transfers_; }
  PendingActions& pending() { return pending_; }
  const PendingActions& pending() const { return pending_; }
  std::vector<ScheduledInform>& scheduledInforms() { return scheduledInforms_; }
  const std::vector<ScheduledInform>& scheduledInforms() const { return scheduledInforms_; }

  // Power on (the process starting, or a reboot): undelivered events that do not survive a reboot are
  // dropped (TR-069 §3.7.1.5), a pending FactoryReset or Reboot is carried out, and "1 BOOT" is raised,
  // with "M Reboot" after a Reboot and "0 BOOTSTRAP" until an ACS has accepted the device.
  void powerOn();
  bool bootstrapped() const { return bootstrapped_; }
  void setBootstrapped(bool done) { bootstrapped_ = done; }
  // The ManagementServer.URL of the ACS that accepted the BOOTSTRAP ("" = not known).
  const std::string& bootstrapUrl() const { return bootstrapUrl_; }
  void setBootstrapUrl(std::string url) { bootstrapUrl_ = std::move(url); }

  // Before a session to `acsUrl`: a device bootstrapped with another ACS URL reports "0 BOOTSTRAP" again
  // (TR-069 §3.7.1.5: BOOTSTRAP on first contact and whenever the ACS URL changes). True when it did.
  bool checkAcsUrl(const std::string& acsUrl);
  // The ACS at `acsUrl` accepted an Inform that reported `events` (InformResponse received).
  void informAccepted(const std::vector<Event>& events, const std::string& acsUrl);

  // Carries out the pending Reboot or FactoryReset (after the session that asked for it).
  void carryOutPendingActions() { powerOn(); }

  // Value-change notification (TR-069 A.3.2.4). Before an Inform: notified parameters that changed since
  // the ACS last knew them are reported with "4 VALUE CHANGE". Between sessions: true (and the event
  // raised) when a parameter with active notification changed, which calls for a session of its own.
  void prepareInform();
  bool checkActiveNotifications();
  const NotificationTracker& notifications() const { return notifications_; }
  // The profile's behaviours (device/behaviours.h): what this device remembers of them.
  BehaviourState& behaviourState() { return behaviour_; }
  const BehaviourState& behaviourState() const { return behaviour_; }

  // The session ended normally: whatever the ACS set in it is known to it, not a change to report.
  void sessionEnded() { notifications_.rebase(tree_); }

 private:
  std::shared_ptr<const profile::DeviceTemplate> template_;
  std::uint64_t index_;
  datamodel::InstanceTree tree_;
  EventQueue events_;
  NotificationTracker notifications_{tree_};
  TransferQueue transfers_;
  PendingActions pending_;
  std::vector<ScheduledInform> scheduledInforms_;
  bool bootstrapped_ = false;
  std::string bootstrapUrl_;
  BehaviourState behaviour_;
  std::vector<std::pair<std::string, std::string>> factoryValues_;

  void resetToFactory();  // TR-069 A.4.1.6
};

}  // namespace cpemu::device
