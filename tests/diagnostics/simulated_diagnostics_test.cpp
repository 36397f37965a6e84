// Every diagnostic in simulated mode (the fleet default): it runs once the ACS has set DiagnosticsState to
// Requested, respects the request's inputs, writes its results, raises "8 DIAGNOSTICS COMPLETE" (errors
// included), clears earlier results, and follows TR-181's rules for cancels and changed inputs.
#include <algorithm>
#include <variant>

#include "cwmp/rpc/rpc_handlers.h"
#include "diagnostics/diagnostics_fixture.h"

namespace cpemu::test {
namespace {

const std::string kPing = "Device.IP.Diagnostics.IPPing.";
const std::string kTrace = "Device.IP.Diagnostics.TraceRoute.";
const std::string kDownload = "Device.IP.Diagnostics.DownloadDiagnostics.";
const std::string kUpload = "Device.IP.Diagnostics.UploadDiagnostics.";
const std::string kUdpEcho = "Device.IP.Diagnostics.UDPEchoDiagnostics.";
const std::string kLookup = "Device.DNS.Diagnostics.NSLookupDiagnostics.";

profile::DiagnosticsSettings settings() {
  profile::DiagnosticsSettings s;
  s.resolve["acs.example"] = {"192.0.2.10"};
  s.resolve["dual.example"] = {"192.0.2.11", "2001:db8::11"};
  return s;
}

class SimulatedDiagnostics : public DiagnosticsFixture {
 protected:
  SimulatedDiagnostics() { makeDevice(settings()); }

  void requestPing(const std::string& host, unsigned repetitions, unsigned timeoutMs = 1000) {
    acsSets({{kPing + "Host", host},
             {kPing + "NumberOfRepetitions", std::to_string(repetitions)},
             {kPing + "Timeout", std::to_string(timeoutMs)},
             {kPing + "DiagnosticsState", "Requested"}});
  }
};

TEST_F(SimulatedDiagnostics, NothingRequested_NothingIsDue) {
  EXPECT_FALSE(activity_->nextDue(*device_, std::chrono::system_clock::now()));
  EXPECT_FALSE(betweenSessions());
  EXPECT_FALSE(diagnosticsCompleteRaised());
}

TEST_F(SimulatedDiagnostics, IPPing_RunsAfterTheRequest_WritesResults_AndRaisesDiagnosticsComplete) {
  requestPing("acs.example", 5);
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Requested");  // nothing happens during the session
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");
  EXPECT_TRUE(diagnosticsCompleteRaised());
  EXPECT_EQ(number(kPing + "SuccessCount"), 5u);
  EXPECT_EQ(number(kPing + "FailureCount"), 0u);
  // The default model: 8 to 25 ms.
  EXPECT_GE(number(kPing + "MinimumResponseTimeDetailed"), 8000u);
  EXPECT_LE(number(kPing + "MaximumResponseTimeDetailed"), 25000u);
  EXPECT_LE(number(kPing + "MinimumResponseTimeDetailed"), number(kPing + "AverageResponseTimeDetailed"));
  EXPECT_LE(number(kPing + "AverageResponseTimeDetailed"), number(kPing + "MaximumResponseTimeDetailed"));
  EXPECT_EQ(number(kPing + "AverageResponseTime"),
            (number(kPing + "AverageResponseTimeDetailed") + 999) / 1000);
  EXPECT_EQ(value(kPing + "IPAddressUsed"), "198.51.100.23");  // the gateway's WAN address
  // Done: nothing more to do until the ACS asks again.
  EXPECT_FALSE(betweenSessions());
}

TEST_F(SimulatedDiagnostics, IPPing_ProtocolVersionPicksTheAddressFamily) {
  acsSets({{kPing + "ProtocolVersion", "IPv6"}});
  requestPing("dual.example", 1);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");
  EXPECT_EQ(value(kPing + "IPAddressUsed"), "2001:db8:0:1::23");
  acsSets({{kPing + "ProtocolVersion", "IPv6"}});
  requestPing("acs.example", 1);  // has only an IPv4 address
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Error_CannotResolveHostName");
}

TEST_F(SimulatedDiagnostics, IPPing_InterfacePicksTheSourceAddress) {
  acsSets({{kPing + "Interface", "Device.IP.Interface.2"}});
  requestPing("acs.example", 1);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "IPAddressUsed"), value("Device.IP.Interface.2.IPv4Address.1.IPAddress"));
  EXPECT_NE(value(kPing + "IPAddressUsed"), "198.51.100.23");
}

TEST_F(SimulatedDiagnostics, IPPing_LossAndTimeoutCountAsFailures) {
  auto s = settings();
  s.lossPercent = 100;
  makeDevice(s);
  requestPing("acs.example", 3);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");  // a test that got no reply still completed
  EXPECT_EQ(number(kPing + "SuccessCount"), 0u);
  EXPECT_EQ(number(kPing + "FailureCount"), 3u);
  EXPECT_EQ(number(kPing + "AverageResponseTime"), 0u);

  s.lossPercent = 0;
  s.latencyMinMs = 50;
  s.latencyMaxMs = 60;
  makeDevice(s);
  requestPing("acs.example", 4, 10);  // Timeout 10 ms, round trip 50 ms or more
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kPing + "FailureCount"), 4u);
}

TEST_F(SimulatedDiagnostics, IPPing_DataBlockSizeTakesItsTimeOnTheLine) {
  auto s = settings();
  s.latencyMinMs = s.latencyMaxMs = 10;
  s.uploadMbps = s.downloadMbps = 1;  // 1 bit per microsecond each way
  makeDevice(s);
  acsSets({{kPing + "DataBlockSize", "1000"}});
  requestPing("acs.example", 1);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kPing + "AverageResponseTimeDetailed"), 10000u + 2 * 8000u);
  acsSets({{kPing + "DataBlockSize", "60000"}});  // almost a second on the line: past the Timeout
  requestPing("acs.example", 1, 500);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kPing + "FailureCount"), 1u);
}

TEST_F(SimulatedDiagnostics, UnknownHosts_AreSynthesizedByDefault_OrFailWhenTheProfileSaysSo) {
  requestPing("printer.example.net", 1);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");

  requestPing("no.such.invalid", 1);  // RFC 6761: .invalid never resolves
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_TRUE(diagnosticsCompleteRaised());  // errors are reported too

  auto s = settings();
  s.unknownHosts = profile::UnknownHostRule::Fail;
  makeDevice(s);
  requestPing("printer.example.net", 1);
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_TRUE(diagnosticsCompleteRaised());
  requestPing("192.0.2.99", 1);  // an address needs no name service
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");
}

TEST_F(SimulatedDiagnostics, ForcedFailures_ReportTheProfilesErrorState_WithResultsCleared) {
  requestPing("acs.example", 2);
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(number(kPing + "SuccessCount"), 2u);
  auto s = settings();
  s.fail["IPPing"] = "Error_Internal";
  s.fail["TraceRoute"] = "Error_MaxHopCountExceeded";
  auto before = device_->tree();
  makeDevice(s);
  device_->tree() = before;
  requestPing("acs.example", 2);
  acsSets({{kTrace + "Host", "acs.example"}, {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Error_Internal");
  EXPECT_EQ(number(kPing + "SuccessCount"), 0u);
  EXPECT_EQ(value(kTrace + "DiagnosticsState"), "Error_MaxHopCountExceeded");
  EXPECT_TRUE(rows(kTrace + "RouteHops.").empty());
  EXPECT_TRUE(diagnosticsCompleteRaised());
}

TEST_F(SimulatedDiagnostics, ResultsAreRepeatablePerDeviceIndex) {
  auto run = [&](std::uint64_t index) {
    makeDevice(settings(), index);
    requestPing("acs.example", 4);
    EXPECT_TRUE(betweenSessions());
    return value(kPing + "AverageResponseTimeDetailed") + "/" + value(kPing + "MaximumResponseTimeDetailed");
  };
  const std::string first = run(7);
  EXPECT_EQ(run(7), first);
  EXPECT_NE(run(8), first);
}

TEST_F(SimulatedDiagnostics, TraceRoute_OneRowPerHop_AndANewRequestClearsTheOldRows) {
  auto s = settings();
  s.hops = 4;
  makeDevice(s);
  acsSets({{kTrace + "Host", "acs.example"},
           {kTrace + "NumberOfTries", "2"},
           {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kTrace + "DiagnosticsState"), "Complete");
  auto hops = rows(kTrace + "RouteHops.");
  ASSERT_EQ(hops.size(), 4u);
  EXPECT_EQ(value(hops.back() + "HostAddress"), "192.0.2.10");
  EXPECT_EQ(value(hops.front() + "HostAddress"), "203.0.113.1");
  const std::string times = value(hops.back() + "RTTimes");
  EXPECT_EQ(std::count(times.begin(), times.end(), ','), 1) << times;  // NumberOfTries entries
  EXPECT_GT(number(kTrace + "ResponseTime"), 0u);
  EXPECT_EQ(number(kTrace + "RouteHopsNumberOfEntries"), 4u);

  // A new run starts from empty results: MaxHopCount 2 cannot reach a target 4 hops away.
  acsSets({{kTrace + "MaxHopCount", "2"}, {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kTrace + "DiagnosticsState"), "Error_MaxHopCountExceeded");
  EXPECT_EQ(rows(kTrace + "RouteHops.").size(), 2u);
  EXPECT_EQ(number(kTrace + "ResponseTime"), 0u);
}

TEST_F(SimulatedDiagnostics, ChangingAnInputAfterwards_SetsNoneAndClearsResults_WithoutAnEvent) {
  requestPing("acs.example", 2);
  ASSERT_TRUE(betweenSessions());
  ASSERT_EQ(value(kPing + "DiagnosticsState"), "Complete");
  device_->events().clear();
  // TR-181 DiagnosticsState: "Modifying any of the writable parameters ... MUST result in ... None".
  acsSets({{kPing + "DataBlockSize", "512"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "None");
  EXPECT_EQ(number(kPing + "SuccessCount"), 0u);
  EXPECT_FALSE(diagnosticsCompleteRaised());
}

// Through the SetParameterValues handler, as a session does: a later request in the same session that
// changes an input cancels the test that is waiting for the session to end.
TEST_F(SimulatedDiagnostics, AnInputChangedLaterInTheSameSession_CancelsTheRequest) {
  auto spv = [&](std::vector<cwmp::ParameterValueStruct> values) {
    cwmp::rpc::Context context{*device_, {}, std::chrono::system_clock::now()};
    auto response = cwmp::rpc::handle(context, cwmp::SetParameterValues{std::move(values), "k"});
    EXPECT_TRUE(std::holds_alternative<cwmp::SetParameterValuesResponse>(response));
  };
  spv({{kPing + "Host", "acs.example", ""}, {kPing + "DiagnosticsState", "Requested", ""}});
  spv({{kPing + "NumberOfRepetitions", "9", ""}});
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "None");
  EXPECT_FALSE(betweenSessions());
  EXPECT_FALSE(diagnosticsCompleteRaised());

  // Inputs and Requested together, or the same value written again, keep the request.
  spv({{kPing + "NumberOfRepetitions", "2", ""}, {kPing + "DiagnosticsState", "Requested", ""}});
  spv({{kPing + "Host", "acs.example", ""}});
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Requested");
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kPing + "SuccessCount"), 2u);

  // After the test: a changed input sets None at once; the results go before the next session.
  spv({{kPing + "Host", "192.0.2.1", ""}});
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "None");
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(number(kPing + "SuccessCount"), 0u);
}

TEST_F(SimulatedDiagnostics, Canceled_SetsNone_WithoutRunningOrAnEvent) {
  acsSets({{kPing + "Host", "acs.example"}, {kPing + "DiagnosticsState", "Canceled"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "None");
  EXPECT_FALSE(diagnosticsCompleteRaised());
}

TEST_F(SimulatedDiagnostics, NSLookup_OneResultPerRepetition_AndUnresolvableNamesAreResultsNotErrors) {
  acsSets({{kLookup + "HostName", "dual.example"},
           {kLookup + "NumberOfRepetitions", "3"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kLookup + "DiagnosticsState"), "Complete");
  auto results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(value(results[0] + "Status"), "Success");
  EXPECT_EQ(value(results[0] + "IPAddresses"), "192.0.2.11,2001:db8::11");
  EXPECT_EQ(value(results[0] + "HostNameReturned"), "dual.example");
  EXPECT_EQ(number(kLookup + "SuccessCount"), 3u);

  acsSets({{kLookup + "HostName", "nothing.invalid"},
           {kLookup + "NumberOfRepetitions", "1"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kLookup + "DiagnosticsState"), "Complete");
  results = rows(kLookup + "Result.");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(value(results[0] + "Status"), "Error_HostNameNotResolved");
  EXPECT_EQ(number(kLookup + "SuccessCount"), 0u);

  acsSets({{kLookup + "HostName", "acs.example"},
           {kLookup + "DNSServer", "dns.invalid"},
           {kLookup + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kLookup + "DiagnosticsState"), "Error_DNSServerNotResolved");
  EXPECT_TRUE(rows(kLookup + "Result.").empty());
}

TEST_F(SimulatedDiagnostics, Download_TakesTheProfilesSizeAndRate_WithOrderedTimes) {
  auto s = settings();
  s.downloadBytes = 25'000'000;
  s.downloadMbps = 100;  // 2 s for 25 MB
  makeDevice(s);
  acsSets({{kDownload + "DownloadURL", "http://acs.example/file.bin"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Complete");
  EXPECT_EQ(number(kDownload + "TestBytesReceived"), 25'000'000u);
  EXPECT_GT(number(kDownload + "TotalBytesReceived"), 25'000'000u);  // plus TCP/IP and HTTP headers
  auto at = [&](const std::string& p) { return device::parseDateTime(value(kDownload + p)).value(); };
  EXPECT_LE(at("TCPOpenRequestTime"), at("TCPOpenResponseTime"));
  EXPECT_LE(at("TCPOpenResponseTime"), at("ROMTime"));
  EXPECT_LT(at("ROMTime"), at("BOMTime"));
  EXPECT_EQ(at("EOMTime") - at("BOMTime"), std::chrono::seconds(2));

  acsSets({{kDownload + "DownloadURL", "http://unknown.invalid/file.bin"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_EQ(number(kDownload + "TestBytesReceived"), 0u);
}

TEST_F(SimulatedDiagnostics, Download_TimeBasedTest_ReportsIncrementsAndPerConnectionResults) {
  acsSets({{kDownload + "DownloadURL", "http://acs.example/file.bin"},
           {kDownload + "TimeBasedTestDuration", "10"},
           {kDownload + "TimeBasedTestMeasurementInterval", "4"},
           {kDownload + "NumberOfConnections", "2"},
           {kDownload + "EnablePerConnectionResults", "true"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kDownload + "DiagnosticsState"), "Complete");
  EXPECT_EQ(number(kDownload + "TestBytesReceived"), 250'000'000u);  // 200 Mbit/s for 10 s
  EXPECT_EQ(rows(kDownload + "IncrementalResult.").size(), 3u);      // 4 s + 4 s + 2 s
  auto connections = rows(kDownload + "PerConnectionResult.");
  ASSERT_EQ(connections.size(), 2u);
  EXPECT_EQ(number(connections[0] + "TestBytesReceived") + number(connections[1] + "TestBytesReceived"),
            250'000'000u);
  // The next request without per-connection results leaves none of the old rows behind.
  acsSets({{kDownload + "EnablePerConnectionResults", "false"},
           {kDownload + "TimeBasedTestDuration", "0"},
           {kDownload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_TRUE(rows(kDownload + "PerConnectionResult.").empty());
  EXPECT_TRUE(rows(kDownload + "IncrementalResult.").empty());
}

TEST_F(SimulatedDiagnostics, Upload_SendsTestFileLengthBytes) {
  acsSets({{kUpload + "UploadURL", "http://acs.example/put"},
           {kUpload + "TestFileLength", "5000000"},
           {kUpload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUpload + "DiagnosticsState"), "Complete");
  EXPECT_EQ(number(kUpload + "TestBytesSent"), 5'000'000u);
  EXPECT_GT(number(kUpload + "TotalBytesSent"), 5'000'000u);
  // 5 MB at the default 40 Mbit/s: one second from the first to the last byte.
  auto at = [&](const std::string& p) { return device::parseDateTime(value(kUpload + p)).value(); };
  EXPECT_EQ(at("EOMTime") - at("BOMTime"), std::chrono::seconds(1));

  acsSets({{kUpload + "UploadURL", ""}, {kUpload + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUpload + "DiagnosticsState"), "Error_InitConnectionFailed");
}

TEST_F(SimulatedDiagnostics, UdpEcho_IndividualPacketResultsWhenAskedFor) {
  acsSets({{kUdpEcho + "Host", "acs.example"},
           {kUdpEcho + "Port", "7"},
           {kUdpEcho + "NumberOfRepetitions", "3"},
           {kUdpEcho + "EnableIndividualPacketResults", "true"},
           {kUdpEcho + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUdpEcho + "DiagnosticsState"), "Complete");
  EXPECT_EQ(number(kUdpEcho + "SuccessCount"), 3u);
  auto packets = rows(kUdpEcho + "IndividualPacketResult.");
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(value(packets[2] + "PacketSuccess"), "true");
  EXPECT_EQ(number(packets[2] + "TestGenSN"), 2u);
  EXPECT_GE(number(kUdpEcho + "MinimumResponseTime"), 8000u);  // microseconds here (TR-181)

  acsSets({{kUdpEcho + "Host", "nowhere.invalid"}, {kUdpEcho + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kUdpEcho + "DiagnosticsState"), "Error_CannotResolveHostName");
  EXPECT_TRUE(rows(kUdpEcho + "IndividualPacketResult.").empty());
}

TEST_F(SimulatedDiagnostics, SeveralRequestsInOneSession_AllRun_OneEventReportsThem) {
  requestPing("acs.example", 1);
  acsSets({{kTrace + "Host", "acs.example"}, {kTrace + "DiagnosticsState", "Requested"}});
  ASSERT_TRUE(betweenSessions());
  EXPECT_EQ(value(kPing + "DiagnosticsState"), "Complete");
  EXPECT_EQ(value(kTrace + "DiagnosticsState"), "Complete");
  EXPECT_EQ(device_->events().all().size(), 1u);  // "8 DIAGNOSTICS COMPLETE" is a single event
}

}  // namespace
}  // namespace cpemu::test
