#include "cwmp/rpc/rpc_handlers.h"
#include "cwmp/rpc/transfer_checks.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.5: accepted and queued; Status 1 says TransferComplete will follow.
CpeResponse handle(Context& c, const Upload& r) {
  if (auto f = checkFileType(r.fileType, false)) return *f;
  if (auto f = checkTransferUrl(r.url)) return *f;
  if (c.device.transfers().full()) return makeFault(datamodel::FaultCode::ResourcesExceeded, "transfer queue is full");
  device::Transfer t;
  t.commandKey = r.commandKey;
  t.isDownload = false;
  t.fileType = r.fileType;
  t.url = r.url;
  t.username = r.username;
  t.password = r.password;
  t.delaySeconds = r.delaySeconds;
  c.device.transfers().add(std::move(t));
  return UploadResponse{};
}

}  // namespace cpemu::cwmp::rpc
