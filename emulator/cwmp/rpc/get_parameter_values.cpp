#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.2: full names and Partial Path Names; any invalid name faults the whole request (9005).
CpeResponse handle(Context& c, const GetParameterValues& r) {
  std::vector<datamodel::ParameterValue> values;
  for (const auto& name : r.parameterNames)
    if (auto f = c.device.tree().getValues(name, values, datamodel::ReadView::Acs)) return makeFault(f);
  GetParameterValuesResponse out;
  out.parameterList.reserve(values.size());
  for (auto& v : values) out.parameterList.push_back({std::move(v.path), std::move(v.value), wireType(*v.def)});
  return out;
}

}  // namespace cpemu::cwmp::rpc
