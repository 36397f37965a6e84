// The diagnostics: section (docs/diagnostics.md): mode, simulated models, resolve table, unknown-host rule,
// forced failures; defaults, merging through `extends`, and errors that name the line and key.
#include <gtest/gtest.h>

#include "profile/profile_workspace.h"

namespace cpemu::profile {
namespace {

using test::deviceModelSection;
using test::lineOf;
using test::ProfileWorkspace;

class ProfileDiagnostics : public ::testing::Test {
 protected:
  std::optional<ProfileError> errorFor(const std::string& yaml) {
    ws.write("p.yaml", yaml);
    return ws.buildError("p.yaml");
  }
  std::filesystem::path file() const { return ws.dir() / "p.yaml"; }

  ProfileWorkspace ws;
};

TEST_F(ProfileDiagnostics, WithoutTheSection_DiagnosticsAreSimulatedWithTheDocumentedDefaults) {
  ws.write("p.yaml", deviceModelSection());
  const DiagnosticsSettings d = ws.load("p.yaml").diagnostics;
  EXPECT_EQ(d.mode, DiagnosticsMode::Simulated);
  EXPECT_EQ(d.latencyMinMs, 8);
  EXPECT_EQ(d.latencyMaxMs, 25);
  EXPECT_EQ(d.lossPercent, 0);
  EXPECT_EQ(d.downloadMbps, 200);
  EXPECT_EQ(d.uploadMbps, 40);
  EXPECT_EQ(d.hops, 6u);
  EXPECT_EQ(d.downloadBytes, 10'000'000u);
  EXPECT_EQ(d.unknownHosts, UnknownHostRule::Synthesize);
  EXPECT_TRUE(d.resolve.empty());
  EXPECT_TRUE(d.fail.empty());
}

TEST_F(ProfileDiagnostics, EveryKeyIsRead) {
  ws.write("p.yaml",
           deviceModelSection() +
               "diagnostics:\n"
               "  mode: real\n"
               "  latency_ms: {min: 2, max: 4.5}\n"
               "  loss_percent: 12.5\n"
               "  download_mbps: 1000\n"
               "  upload_mbps: 50\n"
               "  hops: 9\n"
               "  download_bytes: 2048\n"
               "  seed: 7\n"
               "  unknown_hosts: fail\n"
               "  resolve:\n"
               "    ACS.Example: 192.0.2.10\n"
               "    dual.example: [192.0.2.11, \"2001:db8::11\"]\n"
               "  fail: {IPPing: Error_Internal, NSLookupDiagnostics: Error_DNSServerNotResolved}\n");
  const DiagnosticsSettings d = ws.load("p.yaml").diagnostics;
  EXPECT_EQ(d.mode, DiagnosticsMode::Real);
  EXPECT_EQ(d.latencyMinMs, 2);
  EXPECT_EQ(d.latencyMaxMs, 4.5);
  EXPECT_EQ(d.lossPercent, 12.5);
  EXPECT_EQ(d.downloadMbps, 1000);
  EXPECT_EQ(d.uploadMbps, 50);
  EXPECT_EQ(d.hops, 9u);
  EXPECT_EQ(d.downloadBytes, 2048u);
  EXPECT_EQ(d.seed, 7u);
  EXPECT_EQ(d.unknownHosts, UnknownHostRule::Fail);
  EXPECT_EQ(d.resolve.at("acs.example"), std::vector<std::string>{"192.0.2.10"});  // names are case-blind
  EXPECT_EQ(d.resolve.at("dual.example"), (std::vector<std::string>{"192.0.2.11", "2001:db8::11"}));
  EXPECT_EQ(d.fail.at("IPPing"), "Error_Internal");
  EXPECT_EQ(d.fail.at("NSLookupDiagnostics"), "Error_DNSServerNotResolved");
}

TEST_F(ProfileDiagnostics, AChildOverridesKeysOneByOne_AndAddsResolveAndFailEntries) {
  ws.write("base.yaml", deviceModelSection() +
                            "diagnostics:\n  mode: real\n  hops: 3\n  resolve: {a.example: 192.0.2.1}\n"
                            "  fail: {IPPing: Error_Other}\n");
  ws.write("child.yaml",
           "extends: base.yaml\ndiagnostics:\n  hops: 4\n  resolve: {b.example: 192.0.2.2}\n"
           "  fail: {IPPing: Error_Internal}\n");
  const DiagnosticsSettings d = ws.load("child.yaml").diagnostics;
  EXPECT_EQ(d.mode, DiagnosticsMode::Real);
  EXPECT_EQ(d.hops, 4u);
  EXPECT_EQ(d.resolve.size(), 2u);
  EXPECT_EQ(d.fail.at("IPPing"), "Error_Internal");
}

TEST_F(ProfileDiagnostics, BadValuesAreReportedWithTheirLineAndKey) {
  struct Case {
    std::string section;
    std::string line;  // text on the offending line
    std::string key;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"  mode: fast\n", "mode: fast", "diagnostics.mode", "expected simulated or real"},
      {"  latency_ms: {min: 30, max: 10}\n", "latency_ms", "diagnostics.latency_ms", "min is above max"},
      {"  latency_ms: {avg: 3}\n", "latency_ms", "diagnostics.latency_ms.avg", "unknown key"},
      {"  loss_percent: 101\n", "loss_percent", "diagnostics.loss_percent", "is not a number from 0 to 100"},
      {"  download_mbps: fast\n", "download_mbps", "diagnostics.download_mbps", "is not a number"},
      {"  hops: 2.5\n", "hops", "diagnostics.hops", "whole number"},
      {"  unknown_hosts: maybe\n", "unknown_hosts", "diagnostics.unknown_hosts",
       "expected synthesize or fail"},
      {"  resolve: {acs.example: not-an-ip}\n", "resolve", "diagnostics.resolve.acs.example",
       "is not an IPv4 or IPv6 address"},
      {"  fail: {Ping: Error_Internal}\n", "fail", "diagnostics.fail.Ping", "unknown diagnostic"},
      {"  fail: {IPPing: Error_Timeout}\n", "fail", "diagnostics.fail.IPPing",
       "'Error_Timeout' is not an error state of IPPing"},
      {"  colour: blue\n", "colour", "diagnostics.colour", "unknown key"},
  };
  for (const auto& c : cases) {
    const std::string yaml = deviceModelSection() + "diagnostics:\n" + c.section;
    auto e = errorFor(yaml);
    ASSERT_TRUE(e) << c.section;
    EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, c.line), c.key);
    EXPECT_MESSAGE_HAS(*e, c.message);
  }
}

TEST_F(ProfileDiagnostics, TheSectionMustBeAMapping) {
  const std::string yaml = deviceModelSection() + "diagnostics: real\n";
  auto e = errorFor(yaml);
  ASSERT_TRUE(e);
  EXPECT_PROFILE_ERROR_AT(*e, file(), lineOf(yaml, "diagnostics"), "diagnostics");
}

}  // namespace
}  // namespace cpemu::profile
