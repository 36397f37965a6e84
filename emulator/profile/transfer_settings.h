// How a device carries out Download, Upload and ScheduleDownload (profile key `transfers:`,
// docs/transfers.md): which firmware images it knows, and the failures it fakes for ACS back-testing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "profile/profile_error.h"

namespace cpemu::profile {

// A firmware image the device accepts, by the file name in the Download URL (its last path segment) or
// TargetFileName: the version it installs, and what the downloaded file must be.
struct FirmwareImage {
  std::string version;                // becomes DeviceInfo.SoftwareVersion
  std::optional<std::uint64_t> size;  // bytes; a file of another size is refused (9018)
  std::string sha256;                 // 64 hex digits, lower case; a file that differs is refused (9019)
  SourceLocation where;
};

struct TransferSettings {
  std::map<std::string, FirmwareImage> firmwareImages;  // by file name
  // Faults forced on every transfer (`fail: {download: 9018, upload: 9011}`); none: transfers run normally.
  std::optional<unsigned> failDownload;  // 9010, 9012, 9015, 9016, 9017, 9018, 9019
  std::optional<unsigned> failUpload;    // 9011, 9012
  // Simulated time a firmware image or configuration file takes to install once downloaded; meanwhile the
  // transfer is in progress (State 2, CancelTransfer 9021).
  unsigned applySeconds = 0;
  std::uint64_t maxFileSize =
      256ull * 1024 * 1024;  // larger downloads are refused (9010): the device is full
};

}  // namespace cpemu::profile
