// The firmware a device runs, as TR-181 describes it: DeviceInfo.SoftwareVersion, the FirmwareImage.{i}
// banks with their Name/Version/Status, and ActiveFirmwareImage/BootFirmwareImage pointing at one of them.
// An upgrade writes the new image into a bank and boots it; a factory reset restores the configuration,
// not the image, so a device keeps running the firmware it booted.
#pragma once

#include <string>
#include <vector>

#include "datamodel/instance_tree.h"

namespace cpemu::device {

// The firmware values of `tree` (device view), to be carried over a factory reset with
// restoreFirmwareState. Absent parameters (a model without FirmwareImage) are simply not there.
std::vector<datamodel::SetRequest> firmwareState(const datamodel::InstanceTree& tree);
// Writes `state` into `tree` (device origin), skipping what `tree` lacks.
void restoreFirmwareState(datamodel::InstanceTree& tree, const std::vector<datamodel::SetRequest>& state);

// Installs firmware `version` received as `fileName`: SoftwareVersion becomes `version`; when the model has
// FirmwareImage banks, the image goes into a bank other than the active one (the only bank, when there
// is one), whose Name, Version, Available and Status ("Active") describe it, the bank that was active
// becomes "Available", and ActiveFirmwareImage and BootFirmwareImage point at the new bank. The caller
// reboots the device. All or nothing: the fault of the first write that fails, with `tree` unchanged.
datamodel::Fault installFirmware(datamodel::InstanceTree& tree, const std::string& version,
                                 const std::string& fileName);

}  // namespace cpemu::device
