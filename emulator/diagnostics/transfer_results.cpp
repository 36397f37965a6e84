#include "diagnostics/transfer_results.h"

#include <algorithm>

#include "transport/url.h"

namespace cpemu::diagnostics {
namespace {

unsigned allowedConnections(DiagnosticContext& c, TransferDirection direction) {
  const bool download = direction == TransferDirection::Download;
  const std::uint64_t wanted = c.inputUnsigned("NumberOfConnections", 1);
  // The device's own limit (DownloadDiagnosticMaxConnections / UploadDiagnosticsMaxConnections).
  const std::uint64_t max =
      c.inputUnsigned(download ? "DownloadDiagnosticMaxConnections" : "UploadDiagnosticsMaxConnections", 0);
  return static_cast<unsigned>(max ? std::min(wanted, max) : wanted);
}

// The test bytes go one way: received by a download, sent by an upload.
std::string testBytesName(TransferDirection direction) {
  return direction == TransferDirection::Download ? "TestBytesReceived" : "TestBytesSent";
}

}  // namespace

std::string runTransferDiagnostics(DiagnosticContext& c, TransferDirection direction) {
  const bool download = direction == TransferDirection::Download;
  const char* name = download ? "DownloadDiagnostics" : "UploadDiagnostics";
  TransferRequest request;
  request.url = c.input(download ? "DownloadURL" : "UploadURL");
  request.ipVersion = parseIpVersion(c.input("ProtocolVersion"));
  request.dscp = c.inputUnsigned("DSCP", 0);
  if (!download) request.uploadBytes = c.inputUnsigned("TestFileLength", 0);
  request.timeBasedDuration = std::chrono::seconds(c.inputUnsigned("TimeBasedTestDuration", 0));
  request.measurementInterval = std::chrono::seconds(c.inputUnsigned("TimeBasedTestMeasurementInterval", 0));
  request.measurementOffset = std::chrono::seconds(c.inputUnsigned("TimeBasedTestMeasurementOffset", 0));
  request.connections = allowedConnections(c, direction);
  auto url = transport::parseUrl(request.url);  // http and https (DownloadTransports: HTTP)
  if (auto* e = std::get_if<transport::UrlError>(&url))
    return c.failed(name, request.url, NetworkError{"Error_InitConnectionFailed", e->message});
  const Resolved server = c.resolveTarget(name, std::get<transport::Url>(url).host, request.ipVersion);
  if (!server.ok()) return "Error_CannotResolveHostName";
  request.serverAddress = server.address;
  TransferOutcome out = download ? c.network().download(request) : c.network().upload(request);
  if (out.error) return c.failed(name, request.url, *out.error);
  const std::string testBytes = testBytesName(direction);
  c.set("IPAddressUsed",
        out.sourceAddress.empty() ? c.modelSourceAddress(request.ipVersion) : out.sourceAddress);
  c.set("ROMTime", formatMicroTime(out.rom));
  c.set("BOMTime", formatMicroTime(out.bom));
  c.set("EOMTime", formatMicroTime(out.eom));
  c.set(testBytes, out.testBytes);
  c.set("TotalBytesReceived", out.totalBytesReceived);
  c.set("TotalBytesSent", out.totalBytesSent);
  c.set("TCPOpenRequestTime", formatMicroTime(out.tcpOpenRequest));
  c.set("TCPOpenResponseTime", formatMicroTime(out.tcpOpenResponse));
  // One connection loads the line from BOM to EOM, so the "full loading" period is the whole transfer.
  c.set(testBytes + "UnderFullLoading", out.testBytes);
  c.set("TotalBytesReceivedUnderFullLoading", out.totalBytesReceived);
  c.set("TotalBytesSentUnderFullLoading", out.totalBytesSent);
  const auto period = std::chrono::duration_cast<Micros>(out.eom - out.bom).count();
  c.set("PeriodOfFullLoading",
        std::min<std::uint64_t>(static_cast<std::uint64_t>(period), 4294967295u));  // unsignedInt
  if (c.inputBool("EnablePerConnectionResults")) {
    const unsigned n = std::max(1u, out.connections);
    for (unsigned i = 0; i < n; ++i) {  // the simulated connections share the totals evenly
      auto part = [&](std::uint64_t total) { return total / n + (i < total % n ? 1 : 0); };
      const std::string row = c.addRow("PerConnectionResult");
      c.set(row + "ROMTime", formatMicroTime(out.rom));
      c.set(row + "BOMTime", formatMicroTime(out.bom));
      c.set(row + "EOMTime", formatMicroTime(out.eom));
      c.set(row + testBytes, part(out.testBytes));
      c.set(row + "TotalBytesReceived", part(out.totalBytesReceived));
      c.set(row + "TotalBytesSent", part(out.totalBytesSent));
      c.set(row + "TCPOpenRequestTime", formatMicroTime(out.tcpOpenRequest));
      c.set(row + "TCPOpenResponseTime", formatMicroTime(out.tcpOpenResponse));
    }
  }
  for (const auto& inc : out.increments) {
    const std::string row = c.addRow("IncrementalResult");
    c.set(row + testBytes, inc.testBytes);
    c.set(row + "TotalBytesReceived", inc.totalBytesReceived);
    c.set(row + "TotalBytesSent", inc.totalBytesSent);
    c.set(row + "StartTime", formatMicroTime(inc.start));
    c.set(row + "EndTime", formatMicroTime(inc.end));
  }
  c.log().info(c.device().label(),
               std::string(name) + " " + request.url + ": " + std::to_string(out.testBytes) + " bytes");
  return "Complete";
}

}  // namespace cpemu::diagnostics
