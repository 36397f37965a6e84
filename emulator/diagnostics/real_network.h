// The host's network, for the single-device appliance (`diagnostics: {mode: real}`): ICMP echo, UDP
// probes with a growing TTL, the system resolver or a given DNS server, UDP echo, and HTTP transfers
// through transport/. Privileges: ICMP needs net.ipv4.ping_group_range to include the process's group, or
// CAP_NET_RAW (root) for raw sockets; the rest needs none. One method per file: real_ping.cpp,
// real_trace_route.cpp, real_lookup.cpp, real_udp_echo.cpp, real_http_transfer.cpp; resolve in
// real_network.cpp.
#pragma once

#include "diagnostics/network.h"

namespace cpemu::diagnostics {

class RealNetwork final : public Network {
 public:
  Resolved resolve(const std::string& host, IpVersion version) override;
  EchoOutcome ping(const EchoRequest& request) override;
  TraceOutcome traceRoute(const TraceRequest& request) override;
  LookupOutcome lookup(const LookupRequest& request) override;
  EchoOutcome udpEcho(const EchoRequest& request) override;
  TransferOutcome download(const TransferRequest& request) override;
  TransferOutcome upload(const TransferRequest& request) override;
};

// RFC 6761 §6.4: names under "invalid." never resolve, and resolver libraries should say so at once
// rather than ask a DNS server.
bool isInvalidName(const std::string& host);

}  // namespace cpemu::diagnostics
