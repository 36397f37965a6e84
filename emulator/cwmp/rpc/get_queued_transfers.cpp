#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.1 (deprecated in favour of GetAllQueuedTransfers, still answered). A finished transfer stays
// listed, state 3, until the ACS has acknowledged its TransferComplete.
CpeResponse handle(Context& c, const GetQueuedTransfers&) {
  GetQueuedTransfersResponse out;
  for (const auto& t : c.device.transfers().all()) out.transferList.push_back({t.commandKey, t.state});
  for (const auto& done : c.device.transfers().completed()) out.transferList.push_back({done.transfer.commandKey, 3});
  return out;
}

}  // namespace cpemu::cwmp::rpc
