#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.10: only a transfer that has not started can be cancelled (else 9021).
CpeResponse handle(Context& c, const CancelTransfer& r) {
  switch (c.device.transfers().cancel(r.commandKey)) {
    case device::TransferQueue::CancelResult::Cancelled:
      return CancelTransferResponse{};
    case device::TransferQueue::CancelResult::InProgress:
      return makeFault(datamodel::FaultCode::CancelationNotPermitted, "transfer '" + r.commandKey + "' is in progress");
    default:
      return makeFault(datamodel::FaultCode::InvalidArguments, "no queued transfer with CommandKey '" + r.commandKey + "'");
  }
}

}  // namespace cpemu::cwmp::rpc
