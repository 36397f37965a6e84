// Builds the Inform a device sends to open a session (TR-069 A6 §3.7.1.1, A.3.3.1).
#pragma once

#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "device/device.h"

namespace cpemu::cwmp {

struct InformOptions {
  // Parameters the profile adds to every Inform (cwmp.inform_parameters), e.g. the WAN IP address.
  std::vector<std::string> extraParameters;
};

// DeviceId from DeviceInfo; the pending events (at most 64); every parameter the data model marks
// forcedInform="true" (TR-181: HardwareVersion, SoftwareVersion, ProvisioningCode, ConnectionRequestURL,
// ParameterKey, …); the profile's extra parameters; and the enabled ManagementServer.InformParameter.{i}
// entries whose EventList is empty or names one of the events (TR-181 2.19).
Inform buildInform(const device::Device& device, const InformOptions& options, const std::string& currentTime,
                   unsigned retryCount);

}  // namespace cpemu::cwmp
