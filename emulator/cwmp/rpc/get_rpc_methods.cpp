#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.1.1: the methods this CPE supports.
CpeResponse handle(Context&, const GetRPCMethods&) { return GetRPCMethodsResponse{supportedMethods()}; }

}  // namespace cpemu::cwmp::rpc
