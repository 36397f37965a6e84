#include "cwmp/rpc/rpc_handlers.h"

namespace cpemu::cwmp::rpc {

// TR-069 A.3.2.3. The tree implements the NextLevel rules; an unknown path is 9005, NextLevel true on a
// full parameter name is 9003.
CpeResponse handle(Context& c, const GetParameterNames& r) {
  std::vector<datamodel::ParameterName> names;
  if (auto f = c.device.tree().getNames(r.parameterPath, r.nextLevel, names)) return makeFault(f);
  GetParameterNamesResponse out;
  out.parameterList.reserve(names.size());
  for (auto& n : names) out.parameterList.push_back({std::move(n.path), n.writable});
  return out;
}

}  // namespace cpemu::cwmp::rpc
