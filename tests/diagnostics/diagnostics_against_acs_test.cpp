// End to end: the real `cpemu run` process against the scripted test ACS over loopback HTTP. The ACS asks
// for a diagnostic in one session; the device runs it once that session is over and comes back with
// "8 DIAGNOSTICS COMPLETE", and the ACS reads the results.
#include <gtest/gtest.h>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "diagnostics/diagnostics_fixture.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::test {
namespace {

class DiagnosticsAgainstAcs : public ::testing::Test {
 protected:
  // The ACS sets `parameters` (ParameterValueStructs in YAML) in the BOOTSTRAP session, and reads `read`
  // (a list of names) in the session that reports "8 DIAGNOSTICS COMPLETE".
  void startAcs(const std::vector<std::string>& parameters, const std::string& read) {
    std::string script =
        "sessions:\n"
        "  - match: {event: \"0 BOOTSTRAP\"}\n"
        "    rpcs:\n"
        "      - SetParameterValues:\n"
        "          ParameterList:\n";
    for (const auto& p : parameters) script += "            - " + p + "\n";
    script +=
        "  - match: {event: \"8 DIAGNOSTICS COMPLETE\"}\n"
        "    rpcs:\n"
        "      - GetParameterValues: " +
        read + "\n";
    acs_.setScript(acs::parseAcsScript(script, "diagnostics.yaml"));
    acs_.start("127.0.0.1", 0);
  }

  // The shipped gateway with a diagnostics: section of the test's own.
  std::filesystem::path profile(const std::string& diagnostics) {
    return dir_.write("gateway-diag.yaml", "extends: \"" + (profilesDir() / "gateway.yaml").string() +
                                               "\"\ndiagnostics:\n" + diagnostics);
  }

  CommandResult runDevice(const std::filesystem::path& profileFile, unsigned sessions) {
    return runCpemu({"run", profileFile.string(), "--acs", acs_.url(), "--max-sessions",
                     std::to_string(sessions), "--cr-port", "0", "--state-dir",
                     (dir_.path() / "state").string()});
  }

  static const acs::RpcExchange* exchange(const acs::SessionRecord& s, const std::string& method) {
    for (const auto& e : s.exchanges)
      if (e.requestMethod == method) return &e;
    return nullptr;
  }
  static std::string parameter(const acs::RpcExchange& e, const std::string& name) {
    for (const auto& p : e.responseParameters)
      if (p.name == name) return p.value;
    ADD_FAILURE() << name << " not in the GetParameterValuesResponse";
    return "";
  }

  TempDir dir_;
  acs::AcsServer acs_;
};

TEST_F(DiagnosticsAgainstAcs, RealPingOfLoopback_ReportedWithDiagnosticsComplete) {
  if (!icmpAvailable()) GTEST_SKIP() << "no ICMP socket: needs net.ipv4.ping_group_range or CAP_NET_RAW";
  startAcs({"{Name: Device.IP.Diagnostics.IPPing.Host, Value: \"127.0.0.1\", Type: xsd:string}",
            "{Name: Device.IP.Diagnostics.IPPing.NumberOfRepetitions, Value: \"2\", Type: xsd:unsignedInt}",
            "{Name: Device.IP.Diagnostics.IPPing.Timeout, Value: \"2000\", Type: xsd:unsignedInt}",
            "{Name: Device.IP.Diagnostics.IPPing.DiagnosticsState, Value: Requested, Type: xsd:string}"},
           "[Device.IP.Diagnostics.IPPing.]");
  auto run = runDevice(profile("  mode: real\n"), 2);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_.sessions();
  ASSERT_EQ(sessions.size(), 2u) << run.err;
  EXPECT_FALSE(sessions[0].hasEvent("8 DIAGNOSTICS COMPLETE"));
  ASSERT_TRUE(sessions[1].hasEvent("8 DIAGNOSTICS COMPLETE")) << run.err;
  const acs::RpcExchange* results = exchange(sessions[1], "GetParameterValues");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.DiagnosticsState"), "Complete") << run.err;
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.SuccessCount"), "2") << run.err;
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.FailureCount"), "0");
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.IPAddressUsed"), "127.0.0.1");
  EXPECT_NE(run.err.find("IPPing: Complete"), std::string::npos) << run.err;
}

TEST_F(DiagnosticsAgainstAcs, SimulatedTraceRouteAndForcedNSLookupFailure_InOneSession) {
  startAcs(
      {"{Name: Device.IP.Diagnostics.TraceRoute.Host, Value: acs.example, Type: xsd:string}",
       "{Name: Device.IP.Diagnostics.TraceRoute.DiagnosticsState, Value: Requested, Type: xsd:string}",
       "{Name: Device.DNS.Diagnostics.NSLookupDiagnostics.HostName, Value: acs.example, Type: xsd:string}",
       "{Name: Device.DNS.Diagnostics.NSLookupDiagnostics.DiagnosticsState, Value: Requested, Type: "
       "xsd:string}"},
      "[Device.IP.Diagnostics.TraceRoute., Device.DNS.Diagnostics.NSLookupDiagnostics.DiagnosticsState]");
  auto run = runDevice(profile("  hops: 3\n"
                               "  resolve: {acs.example: 192.0.2.10}\n"
                               "  fail: {NSLookupDiagnostics: Error_DNSServerNotResolved}\n"),
                       2);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_.sessions();
  ASSERT_EQ(sessions.size(), 2u) << run.err;
  ASSERT_TRUE(sessions[1].hasEvent("8 DIAGNOSTICS COMPLETE"));
  const acs::RpcExchange* results = exchange(sessions[1], "GetParameterValues");
  ASSERT_NE(results, nullptr);
  const std::string trace = "Device.IP.Diagnostics.TraceRoute.";
  EXPECT_EQ(parameter(*results, trace + "DiagnosticsState"), "Complete");
  EXPECT_EQ(parameter(*results, trace + "RouteHopsNumberOfEntries"), "3");
  EXPECT_EQ(parameter(*results, trace + "RouteHops.3.HostAddress"), "192.0.2.10");
  EXPECT_EQ(parameter(*results, "Device.DNS.Diagnostics.NSLookupDiagnostics.DiagnosticsState"),
            "Error_DNSServerNotResolved");
}

// The worked example of docs/diagnostics.md, as shipped, against the gateway profile (simulated mode).
TEST_F(DiagnosticsAgainstAcs, TheShippedExampleScript) {
  const auto file = sourceDir() / "tools/acs/scripts/diagnostics.yaml";
  acs_.setScript(acs::loadAcsScript(file));
  acs_.start("127.0.0.1", 0);
  auto run = runDevice(profilesDir() / "gateway.yaml", 2);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  auto sessions = acs_.sessions();
  ASSERT_EQ(sessions.size(), 2u) << run.err;
  ASSERT_TRUE(sessions[1].hasEvent("8 DIAGNOSTICS COMPLETE"));
  const acs::RpcExchange* results = exchange(sessions[1], "GetParameterValues");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.DiagnosticsState"), "Complete");
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.IPPing.SuccessCount"), "5");
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.DownloadDiagnostics.DiagnosticsState"), "Complete");
  EXPECT_EQ(parameter(*results, "Device.IP.Diagnostics.DownloadDiagnostics.TestBytesReceived"), "10000000");
}

}  // namespace
}  // namespace cpemu::test
