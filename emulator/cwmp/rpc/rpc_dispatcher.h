// Routes a decoded ACS request to its handler.
#pragma once

#include "cwmp/messages.h"
#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

CpeResponse dispatch(Context& context, const AcsRequest& request);

}  // namespace cpemu::cwmp::rpc
