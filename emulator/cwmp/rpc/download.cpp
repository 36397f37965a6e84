#include "cwmp/rpc/rpc_handlers.h"
#include "cwmp/rpc/transfer_checks.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.8: accepted and queued; Status 1 says TransferComplete will follow once it has run.
CpeResponse handle(Context& c, const Download& r) {
  device::Transfer t;
  t.commandKey = r.commandKey;
  t.receivedAt = c.now;  // DelaySeconds / the time windows count from here
  t.isDownload = true;
  t.fileType = r.fileType;
  t.url = r.url;
  t.username = r.username;
  t.password = r.password;
  t.fileSize = r.fileSize;
  t.targetFileName = r.targetFileName;
  t.delaySeconds = r.delaySeconds;
  if (auto f = checkAndQueue(c.device, std::move(t))) return *f;
  return DownloadResponse{};
}

}  // namespace cpemu::cwmp::rpc
