// One device's state as DeviceStore writes it: its difference from its profile's template
// (DeviceTemplate::instantiate), taken from the device in one go. DeviceStore::save builds the record on
// the saving thread, the only one that may touch the device; the commit that writes it (maybe another
// saver's thread, together with other devices' records) needs only the record.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "datamodel/instance_tree.h"
#include "device/device.h"

namespace cpemu::store {

// A device's rows are keyed by its index and its profile's file name, so devices can share one database.
struct DeviceKey {
  std::int64_t index = 0;
  std::string profile;
  auto operator<=>(const DeviceKey&) const = default;

  static DeviceKey of(const device::Device& device);
};

// The instances and tables of a tree, parents before children.
struct TreeShape {
  std::vector<std::string> instances;                         // "Device.IP.Interface.1."
  std::vector<std::pair<std::string, std::uint32_t>> tables;  // "Device.IP.Interface." -> next number
};
TreeShape shapeOf(const datamodel::InstanceTree& tree);

struct StoredAttributes {
  std::string path;
  int notification = 0;
  bool subscriberAccess = false;
};

struct DeviceRecord {
  DeviceKey key;
  bool bootstrapped = false;
  std::string bootstrapUrl;
  device::PendingActions pending;
  std::vector<device::ScheduledInform> scheduledInforms;
  TreeShape shape;  // every instance and table counter, not only those that differ
  std::vector<std::pair<std::string, std::string>> values;  // path -> value, those that differ
  std::vector<StoredAttributes> attributes;                 // those that differ
  std::vector<device::Event> events;
  std::vector<device::Transfer> transfers;
  std::vector<device::CompletedTransfer> completedTransfers;

  static DeviceRecord of(const device::Device& device);
};

}  // namespace cpemu::store
