#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.5: full names or Partial Path Names; any invalid name faults the request (9005).
CpeResponse handle(Context& c, const GetParameterAttributes& r) {
  const auto& tree = c.device.tree();
  GetParameterAttributesResponse out;
  for (const auto& name : r.parameterNames) {
    std::vector<datamodel::ParameterValue> params;
    if (auto f = tree.getValues(name, params, datamodel::ReadView::Device)) return makeFault(f);
    for (const auto& p : params) {
      auto n = tree.notification(p.path);
      ParameterAttributeStruct a{p.path, n.value, {}};
      if (tree.subscriberAccess(p.path)) a.accessList.push_back("Subscriber");
      out.parameterList.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace cpemu::cwmp::rpc
