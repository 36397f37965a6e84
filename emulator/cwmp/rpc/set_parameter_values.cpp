#include <map>
#include <set>

#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {
namespace {

std::string_view localType(std::string_view xsiType) {
  auto colon = xsiType.find(':');
  std::string_view local = colon == std::string_view::npos ? xsiType : xsiType.substr(colon + 1);
  return local == "base64" ? "base64Binary" : local;  // ACSs use both spellings
}

}  // namespace

// TR-069 A.3.2.1: all or nothing. On any failure the CPE answers 9003 with one SetParameterValuesFault per
// failing parameter (9005/9006/9007/9008) and changes nothing, the ParameterKey included.
CpeResponse handle(Context& c, const SetParameterValues& r) {
  std::set<std::string> seen;
  for (const auto& p : r.parameterList)
    if (!seen.insert(p.name).second)
      return makeFault(datamodel::FaultCode::InvalidArguments, "parameter " + p.name + " appears more than once");

  std::map<std::size_t, datamodel::Fault> failures;
  std::vector<datamodel::SetRequest> requests;
  requests.reserve(r.parameterList.size());
  for (std::size_t i = 0; i < r.parameterList.size(); ++i) {
    const auto& p = r.parameterList[i];
    requests.push_back({p.name, p.value});
    if (!c.options.strictTypes || p.type.empty()) continue;
    const datamodel::ParameterDef* def = c.device.tree().findParameter(p.name);
    if (def && localType(p.type) != localType(wireType(*def)))
      failures[i] = {datamodel::FaultCode::InvalidParameterType,
                     p.name + ": sent as " + p.type + ", the parameter is " + wireType(*def)};
  }
  datamodel::InstanceTree trial = c.device.tree();  // O(1): shares every node
  for (auto& f : trial.setAll(requests, datamodel::WriteOrigin::Acs)) failures.try_emplace(f.index, std::move(f.fault));

  if (!failures.empty()) {
    CwmpFault fault = makeFault(datamodel::FaultCode::InvalidArguments);
    for (const auto& [index, f] : failures) {
      CwmpFault one = makeFault(f);
      fault.setParameterValuesFaults.push_back({r.parameterList[index].name, one.faultCode, one.faultString});
    }
    return fault;
  }
  c.device.tree() = std::move(trial);
  c.device.setValue("ManagementServer.ParameterKey", r.parameterKey);
  return SetParameterValuesResponse{0};
}

}  // namespace cpemu::cwmp::rpc
