#include "diagnostics/simulated_network.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {
namespace {

constexpr std::uint64_t kSegmentPayload = 1448;  // TCP payload per segment (1500 MTU, timestamps)
constexpr std::uint64_t kSegmentHeaders = 52;    // IPv4 + TCP headers with timestamps
constexpr std::uint64_t kHttpHeaders = 250;      // a request line or status line with a few headers

std::string lowerCase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool endsWithLabel(const std::string& name, const std::string& label) {
  return name == label || (name.size() > label.size() && name.ends_with("." + label));
}

bool hasVersion(const std::string& address, IpVersion version) {
  auto a = numericAddress(address);
  if (!a) return false;
  return version == IpVersion::Any || (version == IpVersion::V4) == (a->family() == AF_INET);
}

// FNV-1a: a stable hash, so a synthesized address is the same in every run and on every host.
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::uint64_t segmentsFor(std::uint64_t bytes) {
  return (bytes + kSegmentPayload - 1) / kSegmentPayload;
}

}  // namespace

SimulatedNetwork::SimulatedNetwork(const profile::DiagnosticsSettings& settings, std::uint64_t seed,
                                   device::TimePoint now)
    : settings_(settings), random_(seed), clock_(now) {}

Micros SimulatedNetwork::roundTrip(double share) {
  std::uniform_real_distribution<double> ms(settings_.latencyMinMs, settings_.latencyMaxMs);
  return Micros(static_cast<std::int64_t>(std::llround(ms(random_) * 1000.0 * share)));
}

bool SimulatedNetwork::lost() {
  std::uniform_real_distribution<double> percent(0.0, 100.0);
  return percent(random_) < settings_.lossPercent;
}

// RFC 6761: "localhost" names are the loopback addresses (§6.3) and ".invalid" names never resolve (§6.4);
// then the profile's `resolve:` table; then the `unknown_hosts` rule.
std::vector<std::string> SimulatedNetwork::addressesOf(const std::string& host) {
  if (numericAddress(host)) return {host};
  const std::string name = lowerCase(host);
  if (name.empty() || endsWithLabel(name, "invalid")) return {};
  if (endsWithLabel(name, "localhost")) return {"127.0.0.1", "::1"};
  if (auto it = settings_.resolve.find(name); it != settings_.resolve.end()) return it->second;
  if (settings_.unknownHosts == profile::UnknownHostRule::Fail) return {};
  // 198.18.0.0/15 (RFC 2544, benchmarking) and 2001:db8::/32 (RFC 3849, documentation): never real hosts.
  const std::uint64_t h = fnv1a(name);
  char v4[32];
  char v6[64];
  std::snprintf(v4, sizeof v4, "198.%u.%u.%u", 18u + static_cast<unsigned>((h >> 16) & 1),
                static_cast<unsigned>((h >> 8) & 0xff), static_cast<unsigned>(1 + h % 254));
  std::snprintf(v6, sizeof v6, "2001:db8:ffff::%x:%x", static_cast<unsigned>((h >> 32) & 0xffff),
                static_cast<unsigned>(h & 0xffff));
  return {v4, v6};
}

Resolved SimulatedNetwork::resolve(const std::string& host, IpVersion version) {
  for (const auto& a : addressesOf(host))
    if (hasVersion(a, version)) return {a};
  return {};
}

EchoOutcome SimulatedNetwork::echo(const EchoRequest& request, bool echoPlus) {
  EchoOutcome out;
  // A packet of DataBlockSize bytes goes out at the upload rate and comes back at the download rate
  // (Mbit/s are bits per microsecond).
  const double bits = 8.0 * request.dataBlockSize;
  const Micros serialization(
      static_cast<std::int64_t>(std::llround(bits / settings_.uploadMbps + bits / settings_.downloadMbps)));
  for (unsigned i = 0; i < request.repetitions; ++i) {
    EchoReply r;
    r.sent = clock_;
    const bool dropped = lost();
    const Micros rtt = roundTrip() + serialization;
    r.success = !dropped && rtt <= request.timeout;
    if (r.success) {
      r.rtt = rtt;
      r.received = clock_ + rtt;
      if (echoPlus) {  // a simulated Echo Plus responder (TR-143 A.1.4): its own sequence and clock
        auto stamp = std::chrono::duration_cast<Micros>((clock_ + rtt / 2).time_since_epoch()).count();
        r.respSn = i;
        r.respRcvTimeStamp = static_cast<std::uint32_t>(stamp);
        r.respReplyTimeStamp = static_cast<std::uint32_t>(stamp + 20);
      }
    }
    clock_ += std::max<Micros>(r.success ? rtt : request.timeout, request.interval);
    out.replies.push_back(r);
  }
  return out;
}

EchoOutcome SimulatedNetwork::ping(const EchoRequest& request) {
  return echo(request, false);
}

EchoOutcome SimulatedNetwork::udpEcho(const EchoRequest& request) {
  return echo(request, true);
}

// The route is `hops` long, the target last; the routers before it answer from 203.0.113.0/24 or
// 2001:db8:ff::/48 (documentation ranges). Each hop's round trip grows with its distance, reaching the
// ping model's latency at the target.
TraceOutcome SimulatedNetwork::traceRoute(const TraceRequest& request) {
  TraceOutcome out;
  const bool v6 = numericAddress(request.address) && numericAddress(request.address)->family() == AF_INET6;
  const unsigned length = settings_.hops;
  const unsigned shown = std::min(length, request.maxHops);
  for (unsigned k = 1; k <= shown; ++k) {
    TraceHop hop;
    bool answered = false;
    for (unsigned t = 0; t < request.tries; ++t) {
      const Micros rtt = roundTrip(static_cast<double>(k) / length);
      if (rtt > request.timeout) {
        hop.rttMs.push_back(0);
        clock_ += request.timeout;
        continue;
      }
      answered = true;
      hop.rttMs.push_back(std::max(1u, static_cast<unsigned>((rtt.count() + 500) / 1000)));  // TR-181 RTTimes
      clock_ += rtt;
    }
    if (answered)
      hop.address = k == length
                        ? request.address
                        : (v6 ? "2001:db8:ff::" + std::to_string(k) : "203.0.113." + std::to_string(k));
    out.hops.push_back(std::move(hop));
  }
  out.reached = shown == length && !out.hops.back().address.empty();
  return out;
}

LookupOutcome SimulatedNetwork::lookup(const LookupRequest& request) {
  LookupOutcome out;
  std::string server = request.dnsServer;
  if (!server.empty() && !numericAddress(server)) {
    server = resolve(server, IpVersion::Any).address;
    if (server.empty()) {
      out.error =
          NetworkError{"Error_DNSServerNotResolved", "cannot resolve DNS server " + request.dnsServer};
      return out;
    }
  }
  for (unsigned i = 0; i < request.repetitions; ++i) {
    LookupResult r;
    r.dnsServerIp = server;
    const Micros rtt = roundTrip();
    if (lost() || rtt > request.timeout) {
      r.status = "Error_Timeout";
      clock_ += request.timeout;
    } else {
      r.responseTimeMs = static_cast<unsigned>((rtt.count() + 500) / 1000);
      r.addresses = addressesOf(request.hostName);
      r.status = r.addresses.empty() ? "Error_HostNameNotResolved" : "Success";
      r.answerType = r.addresses.empty() ? "None" : "NonAuthoritative";
      if (!r.addresses.empty()) r.hostNameReturned = lowerCase(request.hostName);
      clock_ += rtt;
    }
    out.results.push_back(std::move(r));
  }
  return out;
}

// TR-143 §4.1/§4.2 over HTTP: TCP handshake (one round trip), request, first byte after another round
// trip, then the payload at the profile's rate; totals add TCP/IP headers and the HTTP headers.
TransferOutcome SimulatedNetwork::transfer(const TransferRequest& request, bool download) {
  TransferOutcome out;
  const double mbps = download ? settings_.downloadMbps : settings_.uploadMbps;
  const double bytesPerSecond = mbps * 1e6 / 8;
  std::uint64_t bytes = download ? settings_.downloadBytes : request.uploadBytes;
  Micros duration(static_cast<std::int64_t>(std::llround(static_cast<double>(bytes) / bytesPerSecond * 1e6)));
  if (request.timeBasedDuration.count() > 0) {  // TR-143 §4.1.1.1: transfer for this long, whatever the size
    duration = request.timeBasedDuration;
    bytes =
        static_cast<std::uint64_t>(bytesPerSecond * static_cast<double>(request.timeBasedDuration.count()));
  }
  out.tcpOpenRequest = clock_;
  out.tcpOpenResponse = clock_ + roundTrip() / 2;
  out.rom = out.tcpOpenResponse + roundTrip() / 2;
  out.bom = out.rom + roundTrip();
  out.eom = out.bom + duration;
  out.testBytes = bytes;
  const std::uint64_t payloadSide = bytes + segmentsFor(bytes) * kSegmentHeaders + kHttpHeaders;
  const std::uint64_t ackSide = (segmentsFor(bytes) / 2 + 3) * kSegmentHeaders + kHttpHeaders;
  out.totalBytesReceived = download ? payloadSide : ackSide;
  out.totalBytesSent = download ? ackSide : payloadSide;
  out.connections = std::max(1u, request.connections);
  // Time-based tests report each measurement interval (TR-143 §4.1.1.1); the simulated rate is steady.
  if (request.timeBasedDuration.count() > 0 && request.measurementInterval.count() > 0) {
    const auto total = std::chrono::duration_cast<Micros>(out.eom - out.bom).count();
    auto share = [&](std::uint64_t n, device::TimePoint from, device::TimePoint to) {
      const auto us = std::chrono::duration_cast<Micros>(to - from).count();
      return static_cast<std::uint64_t>(static_cast<double>(n) * static_cast<double>(us) /
                                        static_cast<double>(total));
    };
    for (auto start = out.bom + request.measurementOffset; start < out.eom;
         start += request.measurementInterval) {
      const auto end = std::min(out.eom, start + request.measurementInterval);
      out.increments.push_back({start, end, share(out.testBytes, start, end),
                                share(out.totalBytesReceived, start, end),
                                share(out.totalBytesSent, start, end)});
    }
  }
  clock_ = out.eom;
  return out;
}

TransferOutcome SimulatedNetwork::download(const TransferRequest& request) {
  return transfer(request, true);
}

TransferOutcome SimulatedNetwork::upload(const TransferRequest& request) {
  return transfer(request, false);
}

}  // namespace cpemu::diagnostics
