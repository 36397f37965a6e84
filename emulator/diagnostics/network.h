// The one seam between the TR-143 diagnostics and a network: each diagnostic (ip_ping.cpp, …) reads its
// inputs from the data model, asks a Network to measure, and writes what came back. SimulatedNetwork draws
// the measurements from the profile's models (fleets, no privileges); RealNetwork really sends packets and
// HTTP requests over the host's network (the single-device appliance). docs/diagnostics.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "device/clock.h"

namespace cpemu::diagnostics {

using Micros = std::chrono::microseconds;

// TR-181 ProtocolVersion of the diagnostics: Any, IPv4, IPv6.
enum class IpVersion { Any, V4, V6 };
IpVersion parseIpVersion(const std::string& text);  // anything else than IPv4/IPv6 is Any

struct Resolved {
  std::string address;  // numeric; empty: the name could not be resolved
  bool ok() const { return !address.empty(); }
};

// What a test could not do, as the TR-181 error DiagnosticsState it maps to ("Error_Internal").
struct NetworkError {
  std::string state;
  std::string detail;  // for the log
};

struct EchoRequest {       // IPPing and UDPEchoDiagnostics
  std::string address;     // resolved target
  std::uint16_t port = 0;  // UDP echo only
  unsigned repetitions = 1;
  Micros timeout{1000000};
  unsigned dataBlockSize = 24;
  unsigned dscp = 0;
  Micros interval{0};  // UDP echo: InterTransmissionTime between two sends
};

struct EchoReply {
  bool success = false;
  Micros rtt{0};
  device::TimePoint sent;
  device::TimePoint received;
  // UDP Echo Plus fields the server put in its reply (TR-143 A.1.4); zero from a plain echo server.
  std::uint32_t respSn = 0;
  std::uint32_t respRcvTimeStamp = 0;
  std::uint32_t respReplyTimeStamp = 0;
  std::uint32_t respReplyFailureCount = 0;
};

struct EchoOutcome {
  std::optional<NetworkError> error;
  std::string sourceAddress;       // IPAddressUsed
  std::vector<EchoReply> replies;  // one per repetition, in order
};

struct TraceRequest {
  std::string address;
  unsigned tries = 3;
  Micros timeout{5000000};
  unsigned dataBlockSize = 38;
  unsigned dscp = 0;
  unsigned maxHops = 30;
};

struct TraceHop {
  std::string address;          // empty: no try got an answer
  unsigned errorCode = 0;       // ICMP code of an unexpected answer (unreachable), 0 otherwise
  std::vector<unsigned> rttMs;  // one per try, 0 for a try without answer
};

struct TraceOutcome {
  std::optional<NetworkError> error;
  std::string sourceAddress;
  std::vector<TraceHop> hops;  // in path order
  bool reached = false;        // the last hop is the target
};

struct LookupRequest {
  std::string hostName;
  std::string dnsServer;  // empty: the system's resolver
  Micros timeout{5000000};
  unsigned repetitions = 1;
};

struct LookupResult {                  // TR-181 NSLookupDiagnostics.Result.{i}
  std::string status = "Error_Other";  // Success, Error_DNSServerNotAvailable, Error_HostNameNotResolved, …
  std::string answerType = "None";     // None, Authoritative, NonAuthoritative
  std::string hostNameReturned;
  std::vector<std::string> addresses;
  std::string dnsServerIp;
  unsigned responseTimeMs = 0;
};

struct LookupOutcome {
  std::optional<NetworkError> error;  // Error_DNSServerNotResolved, Error_Internal
  std::vector<LookupResult> results;
};

struct TransferRequest {      // DownloadDiagnostics (GET) and UploadDiagnostics (PUT)
  std::string url;            // a valid http(s) URL
  std::string serverAddress;  // its host, resolved for `ipVersion`
  IpVersion ipVersion = IpVersion::Any;
  unsigned dscp = 0;
  std::uint64_t uploadBytes = 0;                // TestFileLength
  std::chrono::seconds timeBasedDuration{0};    // TimeBasedTestDuration; 0: transfer the whole file
  std::chrono::seconds measurementInterval{0};  // TimeBasedTestMeasurementInterval; 0: no increments
  std::chrono::seconds measurementOffset{0};    // TimeBasedTestMeasurementOffset
  unsigned connections = 1;                     // NumberOfConnections
};

struct TransferIncrement {  // one TimeBasedTestMeasurementInterval of a time-based test
  device::TimePoint start, end;
  std::uint64_t testBytes = 0;
  std::uint64_t totalBytesReceived = 0;
  std::uint64_t totalBytesSent = 0;
};

struct TransferOutcome {
  std::optional<NetworkError> error;
  std::string sourceAddress;
  device::TimePoint tcpOpenRequest, tcpOpenResponse, rom, bom, eom;
  std::uint64_t testBytes = 0;  // payload received (download) or sent (upload)
  std::uint64_t totalBytesReceived = 0;
  std::uint64_t totalBytesSent = 0;
  unsigned connections = 1;                   // connections really used; the byte counts are their sums
  std::vector<TransferIncrement> increments;  // empty when not measured
};

class Network {
 public:
  virtual ~Network() = default;
  // The address a host name (or address literal) stands for, of the version asked for.
  virtual Resolved resolve(const std::string& host, IpVersion version) = 0;
  virtual EchoOutcome ping(const EchoRequest& request) = 0;
  virtual TraceOutcome traceRoute(const TraceRequest& request) = 0;
  virtual LookupOutcome lookup(const LookupRequest& request) = 0;
  virtual EchoOutcome udpEcho(const EchoRequest& request) = 0;
  virtual TransferOutcome download(const TransferRequest& request) = 0;
  virtual TransferOutcome upload(const TransferRequest& request) = 0;
};

}  // namespace cpemu::diagnostics
