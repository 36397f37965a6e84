#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.1 (deprecated in favour of GetAllQueuedTransfers, still answered).
CpeResponse handle(Context& c, const GetQueuedTransfers&) {
  GetQueuedTransfersResponse out;
  for (const auto& t : c.device.transfers().all()) out.transferList.push_back({t.commandKey, t.state});
  return out;
}

}  // namespace cpemu::cwmp::rpc
