#include "device/firmware_state.h"

namespace cpemu::device {
namespace {

using datamodel::InstanceTree;
using datamodel::ReadView;
using datamodel::SetRequest;

std::string deviceInfo(const InstanceTree& tree) { return tree.schema().rootName() + ".DeviceInfo."; }

// "Device.DeviceInfo.FirmwareImage.2" for every bank that exists, in instance order.
std::vector<std::string> banks(const InstanceTree& tree) {
  std::vector<datamodel::ParameterName> names;
  std::vector<std::string> out;
  const std::string table = deviceInfo(tree) + "FirmwareImage.";
  if (!tree.hasObject(table) || tree.getNames(table, true, names)) return out;
  for (const auto& n : names)
    if (n.path.ends_with('.')) out.push_back(n.path.substr(0, n.path.size() - 1));
  return out;
}

std::string withoutDot(std::string ref) {
  if (ref.ends_with('.')) ref.pop_back();
  return ref;
}

// TR-181: FirmwareImage.{i}.Name is at most 64 characters.
std::string imageName(const std::string& fileName) { return fileName.substr(0, 64); }

}  // namespace

std::vector<SetRequest> firmwareState(const InstanceTree& tree) {
  std::vector<SetRequest> out;
  const std::string info = deviceInfo(tree);
  for (const char* name : {"SoftwareVersion", "ActiveFirmwareImage", "BootFirmwareImage"})
    if (auto r = tree.get(info + name, ReadView::Device)) out.push_back({info + name, r.value});
  for (const auto& bank : banks(tree))
    for (const char* name : {"Name", "Version", "Available", "Status"})
      if (auto r = tree.get(bank + "." + name, ReadView::Device)) out.push_back({bank + "." + name, r.value});
  return out;
}

void restoreFirmwareState(InstanceTree& tree, const std::vector<SetRequest>& state) {
  for (const auto& s : state)
    if (tree.findParameter(s.path)) tree.set(s.path, s.value, datamodel::WriteOrigin::Device);
}

datamodel::Fault installFirmware(InstanceTree& tree, const std::string& version, const std::string& fileName) {
  const std::string info = deviceInfo(tree);
  std::vector<SetRequest> writes{{info + "SoftwareVersion", version}};
  const std::vector<std::string> all = banks(tree);
  if (!all.empty()) {
    const std::string active = withoutDot(tree.get(info + "ActiveFirmwareImage", ReadView::Device).value);
    std::string target = all.front();
    for (const auto& bank : all)
      if (bank != active) {
        target = bank;
        break;
      }
    auto put = [&](const std::string& path, const std::string& value) {
      if (tree.findParameter(path)) writes.push_back({path, value});
    };
    if (!active.empty() && active != target) put(active + ".Status", "Available");
    put(target + ".Name", imageName(fileName));
    put(target + ".Version", version);
    put(target + ".Available", "true");
    put(target + ".Status", "Active");
    put(info + "ActiveFirmwareImage", target);
    put(info + "BootFirmwareImage", target);
  }
  auto failures = tree.setAll(writes, datamodel::WriteOrigin::Device);
  if (failures.empty()) return {};
  const auto& first = failures.front();
  return {first.fault.code, writes[first.index].path + ": " + first.fault.message};
}

}  // namespace cpemu::device
