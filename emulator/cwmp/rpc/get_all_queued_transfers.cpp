#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {
namespace {

AllQueuedTransferStruct describe(const device::Transfer& t, int state) {
  return {t.commandKey, state, t.isDownload, t.fileType, t.fileSize, t.targetFileName};
}

}  // namespace

// TR-069 A.4.1.7: queued (1), running (2), and finished ones whose TransferComplete is not yet
// acknowledged (3).
CpeResponse handle(Context& c, const GetAllQueuedTransfers&) {
  GetAllQueuedTransfersResponse out;
  for (const auto& t : c.device.transfers().all()) out.transferList.push_back(describe(t, t.state));
  for (const auto& done : c.device.transfers().completed()) out.transferList.push_back(describe(done.transfer, 3));
  return out;
}

}  // namespace cpemu::cwmp::rpc
