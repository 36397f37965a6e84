#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.6: ObjectName is a table's Partial Path Name; the new instance number is returned, never
// one used before. The ParameterKey changes only on success.
CpeResponse handle(Context& c, const AddObject& r) {
  if (r.objectName.empty() || r.objectName.back() != '.')
    return makeFault(datamodel::FaultCode::InvalidParameterName, r.objectName + ": ObjectName must end with '.'");
  auto added = c.device.tree().addObject(r.objectName, datamodel::WriteOrigin::Acs);
  if (added.fault) return makeFault(added.fault);
  c.device.setValue("ManagementServer.ParameterKey", r.parameterKey);
  return AddObjectResponse{added.value, 0};
}

}  // namespace cpemu::cwmp::rpc
