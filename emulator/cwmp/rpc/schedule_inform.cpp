#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.4: DelaySeconds (> 0) counts from this call; the Inform then reports "3 SCHEDULED" and
// "M ScheduleInform" with the CommandKey. Kept with the device's state, so it survives a restart.
CpeResponse handle(Context& c, const ScheduleInform& r) {
  if (r.delaySeconds == 0) return makeFault(datamodel::FaultCode::InvalidArguments, "DelaySeconds must be greater than 0");
  c.device.scheduledInforms().push_back({c.now + std::chrono::seconds(r.delaySeconds), r.commandKey});
  return ScheduleInformResponse{};
}

}  // namespace cpemu::cwmp::rpc
