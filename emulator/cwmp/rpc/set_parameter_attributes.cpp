#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.4: each entry names a parameter or a Partial Path Name (every parameter beneath it).
// Applied all or nothing: a rejected notification (9009) or an unknown name (9005) changes nothing.
CpeResponse handle(Context& c, const SetParameterAttributes& r) {
  datamodel::InstanceTree trial = c.device.tree();
  for (const auto& entry : r.parameterList) {
    std::vector<datamodel::ParameterValue> params;
    if (auto f = trial.getValues(entry.name, params, datamodel::ReadView::Device)) return makeFault(f);
    if (entry.accessListChange) {
      for (const auto& item : entry.accessList)
        if (item != "Subscriber")  // the only entity TR-069 A.3.2.4 defines
          return makeFault(datamodel::FaultCode::InvalidArguments, "AccessList entry '" + item + "' is not defined");
    }
    for (const auto& p : params) {
      if (entry.notificationChange)
        if (auto f = trial.setNotification(p.path, entry.notification)) return makeFault(f);
      if (entry.accessListChange) trial.setSubscriberAccess(p.path, !entry.accessList.empty());
    }
  }
  c.device.tree() = std::move(trial);
  return SetParameterAttributesResponse{};
}

}  // namespace cpemu::cwmp::rpc
