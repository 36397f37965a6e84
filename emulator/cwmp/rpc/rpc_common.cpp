#include "cwmp/rpc/rpc_handlers.h"
#include "cwmp/soap_codec.h"

namespace cpemu::cwmp::rpc {

CwmpFault makeFault(datamodel::FaultCode code, const std::string& detail) {
  auto number = static_cast<unsigned>(code);
  std::string text(standardFaultString(number));
  if (!detail.empty()) text += ": " + detail;
  CwmpFault fault;
  fault.faultCode = number;
  fault.faultString = std::move(text);
  return fault;
}

CwmpFault makeFault(const datamodel::Fault& f) { return makeFault(f.code, f.message); }

std::string wireType(const datamodel::ParameterDef& def) {
  if (def.syntax.list) return "xsd:string";
  // TR-069 A.2.1 base64 travels as XML Schema's base64Binary (the only name the CWMP schema resolves).
  if (def.syntax.type == datamodel::BaseType::Base64) return "xsd:base64Binary";
  return "xsd:" + std::string(datamodel::xsdName(def.syntax.type));
}

const std::vector<std::string>& supportedMethods() {
  static const std::vector<std::string> methods = {
      "GetRPCMethods",  "SetParameterValues",  "GetParameterValues",   "GetParameterNames",
      "SetParameterAttributes", "GetParameterAttributes", "AddObject", "DeleteObject",
      "Reboot",         "Download",            "Upload",               "FactoryReset",
      "GetQueuedTransfers", "GetAllQueuedTransfers", "ScheduleInform", "ScheduleDownload",
      "CancelTransfer"};
  return methods;
}

}  // namespace cpemu::cwmp::rpc
