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

// TR-181 DiagnosticsState (the TR-143 diagnostics): "Modifying any of the writable parameters in this
// object except for this one MUST result in the value of this parameter being set to None", including
// while a test requested earlier in the same session waits for the session to end (the device runs it
// afterwards). A request that also sets DiagnosticsState (to Requested) keeps it.
void resetDiagnosticsWithChangedInputs(const datamodel::InstanceTree& before, datamodel::InstanceTree& after,
                                       const std::vector<datamodel::SetRequest>& requests) {
  constexpr std::string_view kState = "DiagnosticsState";
  auto objectOf = [](const std::string& path) { return path.substr(0, path.rfind('.') + 1); };
  auto valueIn = [](const datamodel::InstanceTree& tree, const std::string& path) {
    return tree.get(path, datamodel::ReadView::Device).value;
  };
  std::set<std::string> stateSet;
  for (const auto& r : requests)
    if (r.path.ends_with(kState)) stateSet.insert(objectOf(r.path));
  for (const auto& r : requests) {
    const std::string object = objectOf(r.path);
    const std::string state = object + std::string(kState);
    if (stateSet.count(object) || !after.findParameter(state)) continue;
    if (valueIn(before, r.path) == valueIn(after, r.path)) continue;
    const std::string current = valueIn(after, state);
    if (!current.empty() && current != "None") after.set(state, "None", datamodel::WriteOrigin::Device);
  }
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
  resetDiagnosticsWithChangedInputs(c.device.tree(), trial, requests);
  c.device.tree() = std::move(trial);
  c.device.setValue("ManagementServer.ParameterKey", r.parameterKey);
  return SetParameterValuesResponse{0};
}

}  // namespace cpemu::cwmp::rpc
