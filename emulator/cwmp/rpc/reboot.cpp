#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.10: acknowledged now, carried out after the session; the device then reports
// "1 BOOT" and "M Reboot" with this CommandKey.
CpeResponse handle(Context& c, const Reboot& r) {
  c.device.pending().reboot = r.commandKey;
  return RebootResponse{};
}

}  // namespace cpemu::cwmp::rpc
