#include "cwmp/rpc/rpc_handlers.h"
#include "cwmp/rpc/transfer_checks.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.5: accepted and queued; Status 1 says TransferComplete will follow.
CpeResponse handle(Context& c, const Upload& r) {
  device::Transfer t;
  t.commandKey = r.commandKey;
  t.receivedAt = c.now;  // DelaySeconds / the time windows count from here
  t.isDownload = false;
  t.fileType = r.fileType;
  t.url = r.url;
  t.username = r.username;
  t.password = r.password;
  t.delaySeconds = r.delaySeconds;
  if (auto f = checkAndQueue(c.device, std::move(t))) return *f;
  return UploadResponse{};
}

}  // namespace cpemu::cwmp::rpc
