// Many devices in one process (`cpemu fleet`): every device's DeviceLife (cwmp/device_life.h) is driven
// from one timer queue by a bounded pool of workers, so there is no thread per device; sessions of
// different devices run in parallel up to `workers`. One timer thread waits for the earliest due device
// and hands due devices to the workers through a ready queue, so a due device wakes one worker, not all.
// One Connection Request server serves the whole fleet (a path per device, each with its own
// credentials), on one port or on one port per device from a range, and one database holds every
// device's state.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "cwmp/connection_request_server.h"
#include "cwmp/device_life.h"
#include "cwmp/device_setup.h"
#include "fleet/fleet_stats.h"
#include "profile/device_template.h"

namespace cpemu::fleet {

struct FleetGroup {
  std::shared_ptr<const profile::DeviceTemplate> deviceTemplate;
  std::uint64_t count = 1;  // devices 1..count of this profile
};

// Connection Request ports first..last: device k of the fleet (counting over all groups from 1) is served
// on port first+k-1.
struct PortRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;
  std::size_t size() const { return last >= first ? std::size_t{last} - first + 1 : 0; }
};

struct FleetOptions {
  std::vector<FleetGroup> groups;
  std::string acsUrl;                            // "": each profile's acs.url
  double rampPerSecond = 0;                      // devices powered on per second; 0: all at once
  unsigned workers = 32;                         // sessions (and other device work) at once
  std::optional<std::filesystem::path> stateDir; // one database, DIR/cpemu.db, for every device
  std::string connectionRequestHost = "127.0.0.1";
  std::optional<std::uint16_t> connectionRequestPort;  // one port for the fleet (0: any free port)
  std::optional<PortRange> connectionRequestPorts;     // or one port per device; neither: no listener
  cwmp::TlsCommandLine tls;  // the command line's TLS options, over each group's profile (acs.ca_file ...)
};

class FleetRunner {
 public:
  // Builds the devices; throws std::invalid_argument on bad options (both a Connection Request port and
  // a port range, a range smaller than the fleet, a bad --acs).
  FleetRunner(log::Logger& log, FleetOptions options);
  ~FleetRunner();                                        // stops
  FleetRunner(const FleetRunner&) = delete;
  FleetRunner& operator=(const FleetRunner&) = delete;

  // Opens the store and the Connection Request listener, then starts the workers. Throws
  // std::runtime_error (or store::StoreError) when either cannot be opened; a port that cannot be bound
  // is named.
  void start();
  void stop();

  std::size_t size() const { return devices_.size(); }
  device::Device& device(std::size_t i) { return *devices_[i]->device; }
  // The Connection Request URL of device i ("" without a listener).
  std::string connectionRequestUrl(std::size_t i) const { return devices_[i]->connectionRequestUrl; }
  FleetStats::Snapshot stats() const { return stats_.snapshot(devices_.size()); }

 private:
  struct Member {
    std::unique_ptr<device::Device> device;
    std::unique_ptr<cwmp::DeviceLife> life;
    std::string connectionRequestPath;
    std::string connectionRequestUrl;
    bool started = false;
    std::atomic<bool> connectionRequested{false};
    std::mutex credentialsMutex;
    transport::DigestCredentials credentials;  // under credentialsMutex; read by the CR server threads
    std::uint64_t generation = 0;              // under FleetRunner::mutex_: the queue entry that counts
    bool busy = false;                         // under FleetRunner::mutex_: a worker is on it
    bool ready = false;                        // under FleetRunner::mutex_: waiting in ready_ for a worker
    bool rescheduleNow = false;                // under mutex_: a Connection Request came while busy
  };
  struct Due {
    device::TimePoint at;
    std::size_t member;
    std::uint64_t generation;
    bool operator>(const Due& o) const { return at > o.at; }
  };

  void schedule(std::size_t member, device::TimePoint at);  // under mutex_
  void makeReady(std::size_t member, bool wakeWorker = true);  // under mutex_
  void timerLoop();
  void workerLoop();
  std::optional<device::TimePoint> runMember(std::size_t member);  // when to step it again
  void refreshCredentials(Member& m);

  log::Logger& log_;
  FleetOptions options_;
  std::vector<std::unique_ptr<Member>> devices_;
  std::shared_ptr<store::DeviceStore> store_;
  std::unique_ptr<cwmp::ConnectionRequestServer> crServer_;
  FleetStats stats_;

  std::mutex mutex_;
  std::condition_variable timerWake_;  // the timer thread: an earlier entry, or stopping
  std::condition_variable workWake_;   // the workers: a device is ready, or stopping
  std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
  std::deque<std::size_t> ready_;      // due devices in the order they became due
  bool stopping_ = false;
  std::thread timer_;
  std::vector<std::thread> workers_;
};

}  // namespace cpemu::fleet
