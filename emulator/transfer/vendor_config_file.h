// cpemu's own vendor configuration file (FileType "3 Vendor Configuration File" downloads, and "1 Vendor
// Configuration File" uploads, so an ACS can back a device up and restore it). docs/transfers.md:
//
//     # cpemu vendor configuration 1
//     Device.ManagementServer.PeriodicInformInterval=300
//     Device.DeviceInfo.ProvisioningCode=lab\twest      (\\ \n \r \t escape those characters)
//
// One full parameter name and its value a line; empty lines and lines starting with '#' are ignored.
#pragma once

#include <string>
#include <string_view>

#include "datamodel/fault_code.h"
#include "device/device.h"

namespace cpemu::transfer {

inline constexpr std::string_view kVendorConfigMagic = "# cpemu vendor configuration 1";

// Every writable parameter's value that is neither hidden nor secured (passwords stay on the device).
std::string exportVendorConfig(const device::Device& device);

// Applies the file atomically, as the device itself (WriteOrigin::Device): every value, or none and a 9018
// fault naming the first bad line (TR-069 A.5.1: file corrupted).
datamodel::Fault applyVendorConfig(device::Device& device, std::string_view file);

// FileType "2 Vendor Log File": a short log the device makes up from its state.
std::string vendorLog(const device::Device& device, device::TimePoint now);

}  // namespace cpemu::transfer
