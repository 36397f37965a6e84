// CPE-side handlers for every ACS request of TR-069 A6 Annex A (one .cpp per RPC, named after it).
// Handlers know the device and the messages, never HTTP or SOAP.
#pragma once

#include <string>
#include <vector>

#include "cwmp/messages.h"
#include "datamodel/fault_code.h"
#include "device/device.h"

namespace cpemu::cwmp::rpc {

// What the device's profile says about protocol strictness.
struct HandlerOptions {
  bool strictTypes = true;  // SetParameterValues: an xsi:type that disagrees with the model -> 9006
};

struct Context {
  device::Device& device;
  HandlerOptions options;
  device::TimePoint now;  // when the request arrived (ScheduleInform counts its delay from it)
};

CpeResponse handle(Context& c, const GetRPCMethods& r);
CpeResponse handle(Context& c, const GetParameterNames& r);
CpeResponse handle(Context& c, const GetParameterValues& r);
CpeResponse handle(Context& c, const SetParameterValues& r);
CpeResponse handle(Context& c, const GetParameterAttributes& r);
CpeResponse handle(Context& c, const SetParameterAttributes& r);
CpeResponse handle(Context& c, const AddObject& r);
CpeResponse handle(Context& c, const DeleteObject& r);
CpeResponse handle(Context& c, const Reboot& r);
CpeResponse handle(Context& c, const FactoryReset& r);
CpeResponse handle(Context& c, const ScheduleInform& r);
CpeResponse handle(Context& c, const Download& r);
CpeResponse handle(Context& c, const Upload& r);
CpeResponse handle(Context& c, const ScheduleDownload& r);
CpeResponse handle(Context& c, const CancelTransfer& r);
CpeResponse handle(Context& c, const GetQueuedTransfers& r);
CpeResponse handle(Context& c, const GetAllQueuedTransfers& r);

// Every ACS->CPE method the CPE supports, as GetRPCMethodsResponse lists them.
const std::vector<std::string>& supportedMethods();

// A CWMP fault with the standard FaultString (TR-069 Table A.5.1) and the detail after it.
CwmpFault makeFault(datamodel::FaultCode code, const std::string& detail = "");
CwmpFault makeFault(const datamodel::Fault& f);

// The xsi:type a parameter travels with ("xsd:unsignedInt"; lists are "xsd:string").
std::string wireType(const datamodel::ParameterDef& def);

}  // namespace cpemu::cwmp::rpc
