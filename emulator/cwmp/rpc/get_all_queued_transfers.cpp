#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.7.
CpeResponse handle(Context& c, const GetAllQueuedTransfers&) {
  GetAllQueuedTransfersResponse out;
  for (const auto& t : c.device.transfers().all())
    out.transferList.push_back({t.commandKey, t.state, t.isDownload, t.fileType, t.fileSize, t.targetFileName});
  return out;
}

}  // namespace cpemu::cwmp::rpc
