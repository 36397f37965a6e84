// Real mode (the single-device appliance) against loopback only: ICMP echo and traceroute to 127.0.0.1
// (and ::1 when the host has it), the system resolver for "localhost" and an RFC 6761 ".invalid" name, a
// DNS server of the test's own on 127.0.0.1:53, UDP echo against the device's own UDPEchoConfig responder,
// and HTTP download/upload against a local server started by the test. Timings are never asserted;
// timeouts are only safety nets.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "diagnostics/diagnostics_fixture.h"
#include "transport/http_server.h"

namespace cpemu::test {
namespace {

const std::string kDiag = "Device.IP.Diagnostics.";
const std::string kPing = kDiag + "IPPing.";
const std::string kTrace = kDiag + "TraceRoute.";
const std::string kDownload = kDiag + "DownloadDiagnostics.";
const std::string kUpload = kDiag + "UploadDiagnostics.";
const std::string kEchoConfig = kDiag + "UDPEchoConfig.";
const std::string kUdpEcho = kDiag + "UDPEchoDiagnostics.";
const std::string kLookup = "Device.DNS.Diagnostics.NSLookupDiagnostics.";

bool hostHasIpv6Loopback() {
  int fd = ::socket(AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// A UDP port nobody uses right now (bound and released).
std::uint16_t freeUdpPort() {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t n = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

class RealDiagnostics : public DiagnosticsFixture {
 protected:
  RealDiagnostics() {
    profile::DiagnosticsSettings s;
    s.mode = profile::DiagnosticsMode::Real;
    makeDevice(s);
  }

  void ping(const std::string& host, const std::string& version) {
    acsSets({{kPing + "Host", host},
             {kPing + "ProtocolVersion", version},
             {kPing + "NumberOfRepetitions", "3"},
             {kPing + "Timeout", "2000"},
             {kPing + "DataBlockSize", "64"},
             {kPing + "DiagnosticsState", "Requested"}});
    ASSERT_TRUE(betweenSessions());
  }
};

TEST_F(RealDiagnostics, IPPing_Loopback) {
  if (!icmpAvailable()) GTEST_SKIP() << "no ICMP socket: needs net.ipv4.ping_group_range or CAP_NET_RAW";
  ping("127.0.0.1", "IPv4");
  ASSERT_EQ(value(kPing + "DiagnosticsState"), "Complete") << log_.str();
  EXPECT_EQ(number(kPing + "SuccessCount"), 3u) << log_.str();
  EXPECT_EQ(number(kPing + "FailureCount"), 0u);
  EXPECT_EQ(value(kPing + "IPAddressUsed"), "127.0.0.1");
  EXPECT_GE(number(kPing + "MaximumResponseTimeDetailed"), number(kPing + "MinimumResponseTimeDetailed"));
  EXPECT_TRUE(diagnosticsCompleteRaised());
}

TEST_F(RealDiagnostics, IPPing_Ipv6Loopback) {
  if (!icmpAvailable()) GTEST_SKIP() << "no ICMP socket: needs net.ipv4.ping_group_range or CAP_NET_RAW";
  if (!hostHasIpv6Loopback()) GTEST_SKIP() << "no ::1 on this host";
  ping("::1", "IPv6");
  ASSERT_EQ(value(kPing + "DiagnosticsState"), "Complete") << log_.str();
  EXPECT_EQ(number(kPing + "SuccessCount"), 3u) << log_.str();
  EXPECT_EQ(value(kPing + "IPAddressUsed"), "::1");
}

TEST_F(RealDiagnostics, IPPing_NameThatCannotResolve) {
  ping("no-such-host.invalid", "Any");  // RFC 6761 §6.4: never resolves
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_TRUE(diagnosticsCompleteRaised());
}

TEST_F(RealDiagnostics, TraceRoute_LoopbackIsOneHop) {
  acsSets({{kTrace + "Host", "127.0.0.1"},
           {kTrace + "NumberOfTries", "2"},
           {kTrace + "Timeout", "2000"},
           {kTrace + "MaxHopCount", "5"},
           {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kTrace + "DiagnosticsState"), "Complete") << log_.str();
  auto hops = rows(kTrace + "RouteHops.");
  ASSERT_EQ(hops.size(), 1u);
  EXPECT_EQ(value(hops[0] + "HostAddress"), "127.0.0.1");
  EXPECT_EQ(number(hops[0] + "ErrorCode"), 0u);
  const std::string times = value(hops[0] + "RTTimes");
  EXPECT_EQ(std::count(times.begin(), times.end(), ','), 1) << times;
  EXPECT_EQ(times.find("0,"), std::string::npos) << times;  // every try was answered (at least 1 ms)
}

TEST_F(RealDiagnostics, TraceRoute_Ipv6LoopbackIsOneHop) {
  if (!hostHasIpv6Loopback()) GTEST_SKIP() << "no ::1 on this host";
  acsSets({{kTrace + "Host", "::1"},
           {kTrace + "ProtocolVersion", "IPv6"},
           {kTrace + "NumberOfTries", "1"},
           {kTrace + "Timeout", "2000"},
           {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kTrace + "DiagnosticsState"), "Complete") << log_.str();
  auto hops = rows(kTrace + "RouteHops.");
  ASSERT_EQ(hops.size(), 1u);
  EXPECT_EQ(value(hops[0] + "HostAddress"), "::1");
  EXPECT_EQ(value(kTrace + "IPAddressUsed"), "::1");
}

TEST_F(RealDiagnostics, NSLookup_LocalhostResolves_AnInvalidNameDoesNot) {
  acsSets({{kLookup + "HostName", "localhost"},
           {kLookup + "NumberOfRepetitions", "2"},
           {kLookup + "Timeout", "2000"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kLookup + "DiagnosticsState"), "Complete") << log_.str();
  auto results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(value(results[0] + "Status"), "Success");
  const std::string addresses = value(results[0] + "IPAddresses");
  EXPECT_TRUE(addresses.find("127.0.0.1") != std::string::npos || addresses.find("::1") != std::string::npos)
      << addresses;
  EXPECT_EQ(number(kLookup + "SuccessCount"), 2u);

  acsSets({{kLookup + "HostName", "nothing-here.invalid"},
           {kLookup + "NumberOfRepetitions", "1"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kLookup + "DiagnosticsState"), "Complete");  // the test ran; the name did not resolve
  results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(value(results[0] + "Status"), "Error_HostNameNotResolved");
  EXPECT_EQ(number(kLookup + "SuccessCount"), 0u);
}

// A DNS server on 127.0.0.1:53 for the test (NSLookup's DNSServer has no port): "lab.example" has the A
// record 192.0.2.55 and no AAAA, every other name is NXDOMAIN; answers are authoritative.
class LoopbackDnsServer {
 public:
  LoopbackDnsServer() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(53);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return;
    bound_ = true;
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackDnsServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
  }
  bool bound() const { return bound_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      unsigned char q[512];
      sockaddr_in from{};
      socklen_t fromLength = sizeof from;
      ssize_t n = ::recvfrom(fd_, q, sizeof q, 0, reinterpret_cast<sockaddr*>(&from), &fromLength);
      if (n < 17) continue;
      std::size_t end = 12;  // the question: labels, then QTYPE and QCLASS
      std::string name;
      while (end < static_cast<std::size_t>(n) && q[end] != 0) {
        name += (name.empty() ? "" : ".") + std::string(reinterpret_cast<char*>(&q[end + 1]), q[end]);
        end += q[end] + 1u;
      }
      end += 5;
      if (end > static_cast<std::size_t>(n)) continue;
      const bool known = name == "lab.example";
      const bool answer = known && q[end - 4] == 0 && q[end - 3] == 1;  // QTYPE A
      std::vector<unsigned char> r(q, q + end);
      r[2] = 0x85;                      // QR, AA, RD
      r[3] = known ? 0x80 : 0x83;       // RA; NOERROR or NXDOMAIN
      r[6] = 0, r[7] = answer ? 1 : 0;  // ANCOUNT
      r[8] = r[9] = r[10] = r[11] = 0;
      if (answer) {
        const unsigned char rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 55};
        r.insert(r.end(), std::begin(rr), std::end(rr));
      }
      ::sendto(fd_, r.data(), r.size(), 0, reinterpret_cast<sockaddr*>(&from), fromLength);
    }
  }

  int fd_ = -1;
  bool bound_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(RealDiagnostics, NSLookup_AsksTheGivenDnsServer) {
  LoopbackDnsServer dns;
  if (!dns.bound()) GTEST_SKIP() << "cannot bind 127.0.0.1:53 (not root, or in use)";
  acsSets({{kLookup + "HostName", "lab.example"},
           {kLookup + "DNSServer", "127.0.0.1"},
           {kLookup + "Timeout", "2000"},
           {kLookup + "NumberOfRepetitions", "1"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kLookup + "DiagnosticsState"), "Complete") << log_.str();
  auto results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(value(results[0] + "Status"), "Success");
  EXPECT_EQ(value(results[0] + "IPAddresses"), "192.0.2.55");
  EXPECT_EQ(value(results[0] + "AnswerType"), "Authoritative");
  EXPECT_EQ(value(results[0] + "DNSServerIP"), "127.0.0.1");
  EXPECT_EQ(value(results[0] + "HostNameReturned"), "lab.example");

  acsSets({{kLookup + "HostName", "gone.example"}, {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(value(results[0] + "Status"), "Error_HostNameNotResolved");

  acsSets({{kLookup + "DNSServer", "dns.invalid"}, {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kLookup + "DiagnosticsState"), "Error_DNSServerNotResolved");
}

TEST_F(RealDiagnostics, UdpEcho_AgainstTheDevicesOwnEchoPlusResponder) {
  const std::uint16_t port = freeUdpPort();
  acsSets({{kEchoConfig + "Enable", "true"},
           {kEchoConfig + "UDPPort", std::to_string(port)},
           {kEchoConfig + "EchoPlusEnabled", "true"}});
  ASSERT_TRUE(betweenSessions());  // starts the responder
  ASSERT_NE(activity_->echoServer(), nullptr) << log_.str();
  device_->events().clear();

  acsSets({{kUdpEcho + "Host", "127.0.0.1"},
           {kUdpEcho + "Port", std::to_string(port)},
           {kUdpEcho + "NumberOfRepetitions", "3"},
           {kUdpEcho + "Timeout", "2000"},
           {kUdpEcho + "DataBlockSize", "64"},
           {kUdpEcho + "InterTransmissionTime", "1"},
           {kUdpEcho + "EnableIndividualPacketResults", "true"},
           {kUdpEcho + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kUdpEcho + "DiagnosticsState"), "Complete") << log_.str();
  EXPECT_EQ(number(kUdpEcho + "SuccessCount"), 3u);
  auto packets = rows(kUdpEcho + "IndividualPacketResult.");
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(number(packets[2] + "TestGenSN"), 2u);
  EXPECT_EQ(number(packets[2] + "TestRespSN"), 2u);  // the responder's own count (Echo Plus)
  EXPECT_TRUE(diagnosticsCompleteRaised());

  // The responder's counters reach the data model before the next session.
  betweenSessions();
  EXPECT_EQ(number(kEchoConfig + "PacketsReceived"), 3u);
  EXPECT_EQ(number(kEchoConfig + "PacketsResponded"), 3u);
  EXPECT_EQ(number(kEchoConfig + "BytesReceived"), 3u * 64u);
  EXPECT_NE(value(kEchoConfig + "TimeFirstPacketReceived"), "0001-01-01T00:00:00Z");

  // Disabled: the responder stops, and a test against it gets no echo.
  acsSets({{kEchoConfig + "Enable", "false"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(activity_->echoServer(), nullptr);
  acsSets({{kUdpEcho + "NumberOfRepetitions", "1"},
           {kUdpEcho + "Timeout", "200"},
           {kUdpEcho + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUdpEcho + "DiagnosticsState"), "Complete");
  EXPECT_EQ(number(kUdpEcho + "FailureCount"), 1u);
}

TEST_F(RealDiagnostics, UdpEchoConfig_AnswersOnlyTheConfiguredSource) {
  const std::uint16_t port = freeUdpPort();
  acsSets({{kEchoConfig + "Enable", "true"},
           {kEchoConfig + "UDPPort", std::to_string(port)},
           {kEchoConfig + "SourceIPAddress", "192.0.2.1"}});
  ASSERT_TRUE(betweenSessions());
  acsSets({{kUdpEcho + "Host", "127.0.0.1"},
           {kUdpEcho + "Port", std::to_string(port)},
           {kUdpEcho + "NumberOfRepetitions", "1"},
           {kUdpEcho + "Timeout", "200"},
           {kUdpEcho + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kUdpEcho + "FailureCount"), 1u);
  betweenSessions();
  EXPECT_EQ(number(kEchoConfig + "PacketsReceived"), 0u);
}

// A local HTTP server: GET /file serves `fileBytes` bytes, PUT /upload takes anything, the rest is 404.
class RealTransferDiagnostics : public RealDiagnostics {
 protected:
  RealTransferDiagnostics() {
    port_ = server_.start("127.0.0.1", 0, [this](const transport::HttpRequest& r) {
      transport::HttpResponse response;
      if (r.method == "GET" && r.path == "/file") {
        response.status = 200;
        response.body.assign(fileBytes, 'x');
      } else if (r.method == "PUT" && r.path == "/upload") {
        uploaded = r.body.size();
        response.status = 201;
      } else {
        response.status = 404;
      }
      return response;
    });
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::size_t fileBytes = 1'000'000;
  std::atomic<std::size_t> uploaded{0};
  transport::HttpServer server_;
  std::uint16_t port_ = 0;
};

TEST_F(RealTransferDiagnostics, Download_CountsTheBytesAndOrdersTheTimes) {
  acsSets({{kDownload + "DownloadURL", url("/file")},
           {kDownload + "EnablePerConnectionResults", "true"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kDownload + "DiagnosticsState"), "Complete") << log_.str();
  EXPECT_EQ(number(kDownload + "TestBytesReceived"), 1'000'000u);
  EXPECT_GE(number(kDownload + "TotalBytesReceived"), 1'000'000u);  // the loopback interface's counters
  auto at = [&](const std::string& p) { return device::parseDateTime(value(kDownload + p)).value(); };
  EXPECT_LE(at("TCPOpenRequestTime"), at("ROMTime"));
  EXPECT_LE(at("ROMTime"), at("BOMTime"));
  EXPECT_LE(at("BOMTime"), at("EOMTime"));
  EXPECT_EQ(value(kDownload + "IPAddressUsed"), "127.0.0.1");
  EXPECT_EQ(rows(kDownload + "PerConnectionResult.").size(), 1u);  // real mode opens one connection
  EXPECT_TRUE(diagnosticsCompleteRaised());
}

TEST_F(RealTransferDiagnostics, Download_ErrorsMapToTr143States) {
  acsSets({{kDownload + "DownloadURL", url("/missing")}, {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Error_TransferFailed");

  server_.stop();
  acsSets({{kDownload + "DownloadURL", url("/file")}, {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Error_InitConnectionFailed");

  acsSets({{kDownload + "DownloadURL", "http://files.invalid/file"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_TRUE(diagnosticsCompleteRaised());
}

TEST_F(RealTransferDiagnostics, Upload_PutsTestFileLengthBytes) {
  acsSets({{kUpload + "UploadURL", url("/upload")},
           {kUpload + "TestFileLength", "300000"},
           {kUpload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kUpload + "DiagnosticsState"), "Complete") << log_.str();
  EXPECT_EQ(uploaded.load(), 300'000u);
  EXPECT_EQ(number(kUpload + "TestBytesSent"), 300'000u);
  auto at = [&](const std::string& p) { return device::parseDateTime(value(kUpload + p)).value(); };
  EXPECT_LE(at("ROMTime"), at("BOMTime"));
  EXPECT_LE(at("BOMTime"), at("EOMTime"));

  acsSets({{kUpload + "UploadURL", url("/elsewhere")}, {kUpload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUpload + "DiagnosticsState"), "Error_NoTransferComplete");
}

}  // namespace
}  // namespace cpemu::test
