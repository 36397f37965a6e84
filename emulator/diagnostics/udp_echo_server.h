// The device's UDP echo responder (TR-181 Device.IP.Diagnostics.UDPEchoConfig, TR-143 §4.4 and A.1):
// answers every datagram from the allowed source on its port, in UDP Echo Plus format when asked, and
// counts what it received and answered. Real mode only; it owns one thread while it runs.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "device/clock.h"

namespace cpemu::diagnostics {

struct UdpEchoCounters {
  std::uint64_t packetsReceived = 0;
  std::uint64_t packetsResponded = 0;
  std::uint64_t bytesReceived = 0;
  std::uint64_t bytesResponded = 0;
  device::TimePoint firstPacket{};
  device::TimePoint lastPacket{};
  bool operator==(const UdpEchoCounters&) const = default;
};

struct UdpEchoServerOptions {
  std::string address;       // listen address; empty: every address (IPv6 and IPv4)
  std::uint16_t port = 0;    // 0: any free port (tests)
  std::string sourceFilter;  // only datagrams from this address are answered; empty: any
  bool echoPlus = false;     // TR-143 A.1.4: fill TestRespSN and the time stamps in the reply
};

class UdpEchoServer {
 public:
  // Binds and starts answering; throws std::runtime_error saying why it cannot bind.
  explicit UdpEchoServer(UdpEchoServerOptions options);
  ~UdpEchoServer();  // stops and joins
  UdpEchoServer(const UdpEchoServer&) = delete;
  UdpEchoServer& operator=(const UdpEchoServer&) = delete;

  std::uint16_t port() const { return port_; }
  UdpEchoCounters counters() const;

 private:
  void serve();

  UdpEchoServerOptions options_;
  int socket_ = -1;
  int stopPipe_[2] = {-1, -1};
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  UdpEchoCounters counters_;  // under mutex_
  std::thread thread_;
};

}  // namespace cpemu::diagnostics
