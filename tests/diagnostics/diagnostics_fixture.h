// A gateway device and its DiagnosticsActivity, driven the way the agent drives them: the "ACS" writes
// parameters (as a SetParameterValues would), then the activity runs when it says it is due.
// Header-only so that the diagnostics_tests target picks it up without a CMake entry.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "device/device.h"
#include "diagnostics/diagnostics_activity.h"
#include "support/shipped_profiles.h"

namespace cpemu::test {

// Whether this process may send ICMP echo requests: a ping socket (net.ipv4.ping_group_range) or a raw
// socket (CAP_NET_RAW). CI runs as root; elsewhere the real ping tests are skipped rather than failed.
inline bool icmpAvailable() {
  for (int type : {SOCK_DGRAM, SOCK_RAW}) {
    int fd = ::socket(AF_INET, type, IPPROTO_ICMP);
    if (fd >= 0) {
      ::close(fd);
      return true;
    }
  }
  return false;
}

class DiagnosticsFixture : public ::testing::Test {
 protected:
  // The gateway profile's device `index` with these diagnostics settings.
  void makeDevice(profile::DiagnosticsSettings settings, std::uint64_t index = 1) {
    device_ = std::make_unique<device::Device>(shippedProfile("gateway.yaml"), index);
    activity_ = std::make_unique<diagnostics::DiagnosticsActivity>(std::move(settings), logger_);
    device_->events().clear();
  }

  // Writes values as the ACS does (read-only values and read-only enumeration values are refused).
  void acsSets(const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<datamodel::SetRequest> requests;
    for (const auto& [path, v] : values) requests.push_back({path, v});
    auto failures = device_->tree().setAll(requests, datamodel::WriteOrigin::Acs);
    for (const auto& f : failures) ADD_FAILURE() << requests[f.index].path << ": " << f.fault.message;
  }

  // What the agent does between sessions: run the activity if it is due. True when it ran.
  bool betweenSessions() {
    auto now = std::chrono::system_clock::now();
    auto due = activity_->nextDue(*device_, now);
    if (!due || *due > now) return false;
    activity_->run(*device_, now);
    return true;
  }

  std::string value(const std::string& path) const {
    auto r = device_->tree().get(path, datamodel::ReadView::Device);
    if (r.fault) ADD_FAILURE() << path << ": " << r.fault.message;
    return r.value;
  }
  unsigned long long number(const std::string& path) const { return std::stoull(value(path)); }
  // Instance paths of a table ("Device.IP.Diagnostics.TraceRoute.RouteHops.").
  std::vector<std::string> rows(const std::string& table) const {
    std::vector<datamodel::ParameterName> names;
    EXPECT_FALSE(device_->tree().getNames(table, true, names)) << table;
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(n.path);
    return out;
  }
  bool diagnosticsCompleteRaised() const {
    return device_->events().contains(device::event::DiagnosticsComplete);
  }

  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Debug};
  std::unique_ptr<device::Device> device_;
  std::unique_ptr<diagnostics::DiagnosticsActivity> activity_;
};

}  // namespace cpemu::test
