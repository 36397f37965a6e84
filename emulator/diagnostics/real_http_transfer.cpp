// DownloadDiagnostics and UploadDiagnostics over the host's network: one HTTP(S) GET or PUT through
// transport::HttpSession (the only place that speaks HTTP), timed as TR-143 §4.1/§4.2 asks. The interface
// totals come from the kernel's counters of the interface that carries the test (getifaddrs).
#include <ifaddrs.h>
#include <linux/if_link.h>
#include <net/if.h>

#include <cstring>
#include <optional>

#include "diagnostics/real_network.h"
#include "diagnostics/socket_address.h"
#include "transport/http_session.h"

namespace cpemu::diagnostics {
namespace {

constexpr std::uint64_t kMaxUploadBytes = 1ull << 30;  // 1 GiB

struct InterfaceBytes {  // rtnl_link_stats counts in 32 bits: differences are taken modulo 2^32
  std::uint32_t received = 0;
  std::uint32_t sent = 0;
};

// The byte counters of the interface that holds `localAddress`; none when it cannot be found.
std::optional<InterfaceBytes> interfaceBytes(const std::string& localAddress) {
  ifaddrs* all = nullptr;
  if (::getifaddrs(&all) != 0) return std::nullopt;
  std::string name;
  for (ifaddrs* i = all; i && name.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6)) continue;
    SocketAddress a;
    a.length = i->ifa_addr->sa_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    std::memcpy(&a.storage, i->ifa_addr, a.length);
    if (a.address() == localAddress) name = i->ifa_name;
  }
  std::optional<InterfaceBytes> out;
  for (ifaddrs* i = all; i && !out; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_PACKET || !i->ifa_data || name != i->ifa_name) continue;
    const auto* stats = static_cast<const rtnl_link_stats*>(i->ifa_data);
    out = InterfaceBytes{stats->rx_bytes, stats->tx_bytes};
  }
  ::freeifaddrs(all);
  return out;
}

// TR-143's error states for what the transport reports.
std::string stateFor(const transport::TransportError& e, bool responseStarted, bool download) {
  if (responseStarted) return download ? "Error_TransferFailed" : "Error_NoTransferComplete";
  if (e.message.starts_with("no response")) return "Error_NoResponse";
  return "Error_InitConnectionFailed";
}

TransferOutcome transfer(const TransferRequest& request, bool download) {
  TransferOutcome out;
  out.sourceAddress = sourceAddressFor(resolvedAddress(request.serverAddress));
  const auto before = interfaceBytes(out.sourceAddress);

  auto session = transport::openHttpSession(request.url, transport::HttpClientOptions{});
  transport::TransferRequest http;
  transport::TransferTimes times;
  bool stoppedOnTime = false;
  if (download) {
    // TR-143 §4.1.1.1: a time-based test stops receiving once TimeBasedTestDuration has passed.
    const auto stopAt = std::chrono::steady_clock::now() + request.timeBasedDuration;
    http.onBody = [&](const char*, std::size_t) {
      if (request.timeBasedDuration.count() > 0 && std::chrono::steady_clock::now() >= stopAt) {
        stoppedOnTime = true;
        return false;
      }
      return true;
    };
  } else {
    // The transport sends a PUT body from memory, so the file is built there; keep that bounded.
    if (request.uploadBytes > kMaxUploadBytes) {
      out.error = NetworkError{"Error_Internal", "TestFileLength above " + std::to_string(kMaxUploadBytes) +
                                                     " bytes is not supported in real mode"};
      return out;
    }
    http.method = "PUT";
    http.body.assign(request.uploadBytes, '\x5a');
  }
  auto result = session->transfer(http, &times);
  if (auto* e = std::get_if<transport::TransportError>(&result); e && !stoppedOnTime) {
    out.error = NetworkError{stateFor(*e, times.responseStarted.has_value(), download), e->message};
    return out;
  }
  if (auto* r = std::get_if<transport::HttpResponse>(&result); r && (r->status < 200 || r->status > 299)) {
    const bool login = r->status == 401 || r->status == 403;
    out.error = NetworkError{login      ? "Error_LoginFailed"
                             : download ? "Error_TransferFailed"
                                        : "Error_NoTransferComplete",
                             "HTTP " + std::to_string(r->status)};
    return out;
  }
  if (auto* r = std::get_if<transport::HttpResponse>(&result); r && download) {
    const std::string length = r->header("Content-Length");
    if (!length.empty() && length != std::to_string(times.bodyBytes)) {
      out.error = NetworkError{"Error_IncorrectSize",
                               "Content-Length " + length + ", received " + std::to_string(times.bodyBytes)};
      return out;
    }
  }
  const auto now = std::chrono::system_clock::now();
  out.rom = times.requestSent.value_or(now);
  // The connection's SYN-ACK is not seen above the socket; the request leaves right after it.
  out.tcpOpenRequest = times.tcpOpenRequest.value_or(out.rom);
  out.tcpOpenResponse = out.rom;
  // A download begins with the response; an upload's body follows its request headers at once.
  out.bom = download ? times.responseStarted.value_or(now) : out.rom;
  out.eom = times.responseEnded.value_or(now);
  out.testBytes = times.bodyBytes;
  if (const auto after = interfaceBytes(out.sourceAddress); before && after) {
    out.totalBytesReceived = static_cast<std::uint32_t>(after->received - before->received);
    out.totalBytesSent = static_cast<std::uint32_t>(after->sent - before->sent);
  }
  return out;
}

}  // namespace

TransferOutcome RealNetwork::download(const TransferRequest& request) {
  return transfer(request, true);
}

TransferOutcome RealNetwork::upload(const TransferRequest& request) {
  return transfer(request, false);
}

}  // namespace cpemu::diagnostics
