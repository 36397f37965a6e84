#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.4.1.6: after the session the device returns to its profile's state and bootstraps again.
CpeResponse handle(Context& c, const FactoryReset&) {
  c.device.pending().factoryReset = true;
  return FactoryResetResponse{};
}

}  // namespace cpemu::cwmp::rpc
