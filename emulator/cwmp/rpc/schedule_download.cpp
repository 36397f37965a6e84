#include "cwmp/rpc/rpc_handlers.h"
#include "cwmp/rpc/transfer_checks.h"

namespace cpemu::cwmp::rpc {
namespace {

bool validWindowMode(const std::string& m) {
  return m == "1 At Any Time" || m == "2 Immediately" || m == "3 When Idle" || m == "4 Confirmation Needed" ||
         m.starts_with("X ");
}

}  // namespace

// TR-069 A.4.1.8: one or two time windows, each WindowStart < WindowEnd, in order, not overlapping.
CpeResponse handle(Context& c, const ScheduleDownload& r) {
  const auto& w = r.timeWindowList;
  if (w.empty() || w.size() > 2)
    return makeFault(datamodel::FaultCode::InvalidArguments, "TimeWindowList must hold one or two windows");
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i].windowEnd <= w[i].windowStart)
      return makeFault(datamodel::FaultCode::InvalidArguments, "WindowEnd must be after WindowStart");
    if (!validWindowMode(w[i].windowMode))
      return makeFault(datamodel::FaultCode::InvalidArguments, "unknown WindowMode '" + w[i].windowMode + "'");
    if (i > 0 && w[i].windowStart < w[i - 1].windowEnd)
      return makeFault(datamodel::FaultCode::InvalidArguments, "time windows overlap or are out of order");
  }
  device::Transfer t;
  t.commandKey = r.commandKey;
  t.receivedAt = c.now;  // DelaySeconds / the time windows count from here
  t.isDownload = true;
  t.scheduled = true;
  t.fileType = r.fileType;
  t.url = r.url;
  t.username = r.username;
  t.password = r.password;
  t.fileSize = r.fileSize;
  t.targetFileName = r.targetFileName;
  for (const auto& win : w) t.windows.push_back({win.windowStart, win.windowEnd, win.windowMode, win.userMessage, win.maxRetries});
  if (auto f = checkAndQueue(c.device, std::move(t))) return *f;
  return ScheduleDownloadResponse{};
}

}  // namespace cpemu::cwmp::rpc
