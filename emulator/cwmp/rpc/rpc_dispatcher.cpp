#include "cwmp/rpc/rpc_dispatcher.h"

namespace cpemu::cwmp::rpc {

CpeResponse dispatch(Context& context, const AcsRequest& request) {
  return std::visit([&](const auto& r) { return handle(context, r); }, request);
}

}  // namespace cpemu::cwmp::rpc
