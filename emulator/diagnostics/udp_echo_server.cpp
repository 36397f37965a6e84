#include "diagnostics/udp_echo_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "diagnostics/echo_plus_packet.h"
#include "diagnostics/socket_address.h"

namespace cpemu::diagnostics {
namespace {

// TR-143 A.1.4: Echo Plus time stamps are microseconds of the responder's own clock (32 bits, wrapping).
std::uint32_t microStamp() {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now().time_since_epoch());
  return static_cast<std::uint32_t>(us.count());
}

}  // namespace

UdpEchoServer::UdpEchoServer(UdpEchoServerOptions options) : options_(std::move(options)) {
  SocketAddress bindTo;
  if (options_.address.empty()) {
    bindTo = *numericAddress("::", options_.port);
  } else if (auto a = numericAddress(options_.address, options_.port)) {
    bindTo = *a;
  } else {
    throw std::runtime_error("UDP echo server: '" + options_.address + "' is not an IP address");
  }
  socket_ = ::socket(bindTo.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (socket_ < 0 && options_.address.empty()) {  // no IPv6 on this host: IPv4 only
    bindTo = *numericAddress("0.0.0.0", options_.port);
    socket_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  }
  if (socket_ < 0) throw std::runtime_error(std::string("UDP echo server: socket: ") + std::strerror(errno));
  if (bindTo.family() == AF_INET6) {
    int off = 0;  // "::" also takes IPv4 (as mapped addresses)
    ::setsockopt(socket_, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  }
  if (::bind(socket_, bindTo.get(), bindTo.length) != 0) {
    std::string why = std::strerror(errno);
    ::close(socket_);
    throw std::runtime_error("UDP echo server: cannot bind " + bindTo.address() + " port " +
                             std::to_string(options_.port) + ": " + why);
  }
  SocketAddress bound;
  bound.length = sizeof bound.storage;
  ::getsockname(socket_, bound.get(), &bound.length);
  port_ = bound.port();
  if (::pipe2(stopPipe_, O_CLOEXEC) != 0) {
    ::close(socket_);
    throw std::runtime_error(std::string("UDP echo server: pipe: ") + std::strerror(errno));
  }
  thread_ = std::thread([this] { serve(); });
}

UdpEchoServer::~UdpEchoServer() {
  char stop = 1;
  [[maybe_unused]] auto n = ::write(stopPipe_[1], &stop, 1);
  if (thread_.joinable()) thread_.join();
  ::close(stopPipe_[0]);
  ::close(stopPipe_[1]);
  ::close(socket_);
}

UdpEchoCounters UdpEchoServer::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void UdpEchoServer::serve() {
  std::vector<unsigned char> buffer(65536);
  std::uint32_t respSn = 0;
  std::uint32_t failures = 0;
  while (true) {
    pollfd fds[2] = {{socket_, POLLIN, 0}, {stopPipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    SocketAddress from;
    from.length = sizeof from.storage;
    ssize_t n = ::recvfrom(socket_, buffer.data(), buffer.size(), 0, from.get(), &from.length);
    if (n < 0) continue;
    const std::uint32_t received = microStamp();
    const auto arrival = std::chrono::system_clock::now();
    // TR-181 UDPEchoConfig.SourceIPAddress: only echo requests from this address are valid.
    if (!options_.sourceFilter.empty() && from.address() != options_.sourceFilter) continue;
    {
      std::lock_guard lock(mutex_);
      if (counters_.packetsReceived == 0) counters_.firstPacket = arrival;
      counters_.lastPacket = arrival;
      ++counters_.packetsReceived;
      counters_.bytesReceived += static_cast<std::uint64_t>(n);
    }
    // TR-143 A.1.4 UDP Echo Plus: TestGenSN (kept), TestRespSN, TestRespRecvTimeStamp,
    // TestRespReplyTimeStamp, TestRespReplyFailureCount; all 32-bit, network byte order.
    if (options_.echoPlus && static_cast<std::size_t>(n) >= EchoPlusHeader::kSize) {
      EchoPlusHeader h = EchoPlusHeader::read(buffer.data());
      h.testRespSn = respSn++;
      h.testRespRecvTimeStamp = received;
      h.testRespReplyFailureCount = failures;
      h.testRespReplyTimeStamp = microStamp();
      h.write(buffer.data());
    }
    // Counted under the lock held while sending, so whoever got the echo reads counters that include it.
    std::lock_guard lock(mutex_);
    ssize_t sent = ::sendto(socket_, buffer.data(), static_cast<std::size_t>(n), 0, from.get(), from.length);
    if (sent == n) {
      ++counters_.packetsResponded;
      counters_.bytesResponded += static_cast<std::uint64_t>(n);
    } else {
      ++failures;
    }
  }
}

}  // namespace cpemu::diagnostics
