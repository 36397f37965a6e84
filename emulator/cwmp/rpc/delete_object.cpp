#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.7: ObjectName is an instance's Partial Path Name ("Device.NAT.PortMapping.3.").
CpeResponse handle(Context& c, const DeleteObject& r) {
  if (r.objectName.empty() || r.objectName.back() != '.')
    return makeFault(datamodel::FaultCode::InvalidParameterName, r.objectName + ": ObjectName must end with '.'");
  if (auto f = c.device.tree().deleteObject(r.objectName, datamodel::WriteOrigin::Acs)) return makeFault(f);
  c.device.setValue("ManagementServer.ParameterKey", r.parameterKey);
  return DeleteObjectResponse{0};
}

}  // namespace cpemu::cwmp::rpc
