// Argument checks shared by Download, Upload and ScheduleDownload (TR-069 A.3.2.8, A.4.1.5, A.4.1.8).
#pragma once

#include <optional>
#include <string>

#include "cwmp/messages.h"
#include "device/device.h"

namespace cpemu::cwmp::rpc {

// A fault when the FileType is not one TR-069 defines for this direction (or a vendor "X <OUI> ..." type).
std::optional<CwmpFault> checkFileType(const std::string& fileType, bool isDownload);
// 9013 for a scheme we cannot transfer with (cpemu speaks HTTP and HTTPS), 9003 for no URL at all.
std::optional<CwmpFault> checkTransferUrl(const std::string& url);

// Checks the transfer's FileType and URL and that the queue has room (9004), then queues it.
std::optional<CwmpFault> checkAndQueue(device::Device& device, device::Transfer transfer);

}  // namespace cpemu::cwmp::rpc
