#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.4: DelaySeconds must be positive; the Inform then reports "3 SCHEDULED" and
// "M ScheduleInform" with the CommandKey.
CpeResponse handle(Context& c, const ScheduleInform& r) {
  if (r.delaySeconds == 0) return makeFault(datamodel::FaultCode::InvalidArguments, "DelaySeconds must be greater than 0");
  c.device.pending().scheduledInforms.push_back({r.delaySeconds, r.commandKey});
  return ScheduleInformResponse{};
}

}  // namespace cpemu::cwmp::rpc
