#include "transfer/vendor_config_file.h"

#include <vector>

namespace cpemu::transfer {
namespace {

using datamodel::Fault;
using datamodel::FaultCode;

std::string escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// False for a backslash that starts no known escape.
bool unescape(std::string_view v, std::string& out) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\') {
      out += v[i];
      continue;
    }
    if (++i == v.size()) return false;
    switch (v[i]) {
      case '\\':
        out += '\\';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:
        return false;
    }
  }
  return true;
}

Fault corrupted(std::size_t line, const std::string& why) {
  return {FaultCode::DownloadFailureFileCorrupted,
          "configuration file line " + std::to_string(line) + ": " + why};
}

}  // namespace

std::string exportVendorConfig(const device::Device& device) {
  std::string out = std::string(kVendorConfigMagic) + "\n";
  device.tree().forEachParameter(
      [&](const std::string& path, const datamodel::ParameterDef& def, std::string_view value) {
        if (!def.writable() || def.countsTable || def.syntax.hidden || def.syntax.secured) return;
        out += path + "=" + escape(value) + "\n";
      });
  return out;
}

Fault applyVendorConfig(device::Device& device, std::string_view file) {
  std::vector<datamodel::SetRequest> changes;
  std::vector<std::size_t> lineOf;
  std::size_t lineNumber = 0;
  bool magicSeen = false;
  while (!file.empty()) {
    const auto eol = file.find('\n');
    std::string_view line = file.substr(0, eol);
    file = eol == std::string_view::npos ? std::string_view() : file.substr(eol + 1);
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (lineNumber == 1) {
      if (line != kVendorConfigMagic)
        return corrupted(1, "not a cpemu configuration file (the first line must be '" +
                                std::string(kVendorConfigMagic) + "')");
      magicSeen = true;
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) return corrupted(lineNumber, "expected PATH=VALUE");
    std::string value;
    if (!unescape(line.substr(eq + 1), value)) return corrupted(lineNumber, "bad backslash escape");
    std::string path(line.substr(0, eq));
    // Values it already has are not written again (a default need not pass its own syntax check).
    auto current = device.tree().get(path, datamodel::ReadView::Device);
    if (!current.fault && current.value == value) continue;
    changes.push_back({std::move(path), std::move(value)});
    lineOf.push_back(lineNumber);
  }
  if (!magicSeen) return corrupted(1, "the file is empty");
  // All or nothing on a working copy of the tree (TR-069 A.3.2.1 style atomicity).
  auto failures = device.tree().setAll(changes, datamodel::WriteOrigin::Device);
  if (!failures.empty()) {
    const auto& f = failures.front();
    return corrupted(lineOf.at(f.index), changes.at(f.index).path + ": " + f.fault.message);
  }
  return {};
}

std::string vendorLog(const device::Device& device, device::TimePoint now) {
  const std::string time = device::formatDateTime(now);
  const std::string who = device.value("DeviceInfo.ProductClass") + " " + device.label();
  std::string log;
  auto line = [&](const std::string& text) { log += time + " " + who + " " + text + "\n"; };
  line("cpemu: software " + device.value("DeviceInfo.SoftwareVersion") + ", hardware " +
       device.value("DeviceInfo.HardwareVersion"));
  line("cwmp: ACS " + device.value("ManagementServer.URL") + (device.bootstrapped() ? ", bootstrapped" : ""));
  line("cwmp: " + std::to_string(device.events().all().size()) + " event(s) pending, " +
       std::to_string(device.transfers().all().size()) + " transfer(s) queued");
  for (const auto& done : device.transfers().completed())
    line("transfer: '" + done.transfer.commandKey + "' ended with fault " + std::to_string(done.faultCode));
  return log;
}

}  // namespace cpemu::transfer
