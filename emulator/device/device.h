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
#include "device/event_queue.h"
#include "device/transfer_queue.h"
#include "profile/device_template.h"

namespace cpemu::device {

// Requested by the ACS during a session; TR-069 A.3.2.3/A.4.1.5: carried out after the session ends.
struct PendingActions {
  std::optional<std::string> reboot;  // CommandKey
  bool factoryReset = false;
  struct ScheduledInform {
    unsigned delaySeconds;
    std::string commandKey;
  };
  std::vector<ScheduledInform> scheduledInforms;

  bool any() const { return reboot || factoryReset || !scheduledInforms.empty(); }
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
  // Sets a root-relative parameter from the device side (no access check); returns the fault.
  datamodel::Fault setValue(std::string_view relativePath, std::string_view value);
  // A value that belongs to this device's factory state (cpemu run --set / --acs): applied now, and again
  // after every FactoryReset. `path` is a full parameter name.
  datamodel::Fault setFactoryValue(const std::string& path, const std::string& value);
  // A short label for logs: the serial number.
  std::string label() const { return value("DeviceInfo.SerialNumber"); }

  EventQueue& events() { return events_; }
  const EventQueue& events() const { return events_; }
  TransferQueue& transfers() { return transfers_; }
  const TransferQueue& transfers() const { return transfers_; }
  PendingActions& pending() { return pending_; }

  // Power on: "1 BOOT", plus "0 BOOTSTRAP" until an ACS has accepted the device once (TR-069 §3.7.1.5).
  void powerOn();
  bool bootstrapped() const { return bootstrapped_; }
  void setBootstrapped(bool done) { bootstrapped_ = done; }

  // The ACS accepted an Inform that reported `count` events (InformResponse received).
  void informAccepted(std::size_t count);

  // Carries out the Reboot the ACS asked for: configuration kept, "1 BOOT" + "M Reboot" reported next.
  void reboot(const std::string& commandKey);
  // Back to the profile's state (TR-069 A.4.1.6): "0 BOOTSTRAP" + "1 BOOT" reported next.
  void factoryReset();

 private:
  std::shared_ptr<const profile::DeviceTemplate> template_;
  std::uint64_t index_;
  datamodel::InstanceTree tree_;
  EventQueue events_;
  TransferQueue transfers_;
  PendingActions pending_;
  bool bootstrapped_ = false;
  std::vector<std::pair<std::string, std::string>> factoryValues_;
};

}  // namespace cpemu::device
