// The CPE's Connection Request server (TR-069 A6 §3.2.2): an HTTP server where the ACS asks a device to
// open a session. Built for fleets: one server serves many devices, each registered under its own path
// with its own credentials, on one port or, for ACSs that tell CPEs apart by host:port, one port per
// device (a request is routed by the port it came in on and its path). A single device is one
// registration. It knows nothing about the agent: an accepted request only calls the registration's
// callback.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "log/logger.h"
#include "transport/digest_server.h"
#include "transport/multi_port_http_server.h"

namespace cpemu::cwmp {

struct ConnectionRequestServerOptions {
  using Clock = std::chrono::steady_clock;
  std::string realm = "cpemu";
  std::chrono::seconds nonceLifetime{300};
  // Rate limit per device (TR-069 §3.2.2 lets the CPE restrict how often it honours requests): a token
  // bucket holding `burst` requests, refilled at `burst` per `ratePeriod`. Beyond it: 503, no session.
  // The default is profile::ConnectionRequestSettings's.
  unsigned burst = 100;
  std::chrono::seconds ratePeriod{10};
  std::function<Clock::time_point()> clock;  // empty: steady_clock::now (tests inject their own)
};

// One device served by the server.
struct ConnectionRequestTarget {
  std::string path;   // the request path, e.g. "/cr/GW00000001"
  std::string label;  // for logs (the serial number)
  bool allowBasic = false;
  // Read at request time (the ACS can change ConnectionRequestUsername/Password); called concurrently.
  std::function<transport::DigestCredentials()> credentials;
  std::function<void()> onRequest;  // an accepted request; called on a server thread
  std::uint16_t port = 0;           // the port it is served on; 0: every port the server listens on
};

class ConnectionRequestServer {
 public:
  ConnectionRequestServer(log::Logger& log, ConnectionRequestServerOptions options = {});
  ~ConnectionRequestServer();

  // Binds host:port (0: any free port) and returns the bound port. Throws std::runtime_error.
  std::uint16_t start(const std::string& host, std::uint16_t port);
  // Listens on every port (0: any free port) from one accept thread and returns the bound ports in the
  // same order. Throws std::runtime_error naming the first port that cannot be bound (none stays bound).
  std::vector<std::uint16_t> start(const std::string& host, const std::vector<std::uint16_t>& ports);
  void stop();

  // Thread-safe; a port and path registered twice replace the earlier target. A request goes to the
  // target registered for its port and path, else to one registered for its path on every port (port 0).
  void add(ConnectionRequestTarget target);
  void remove(const std::string& path, std::uint16_t port = 0);

  // The request handler, public so it can be driven without sockets.
  transport::HttpResponse handle(const transport::HttpRequest& request);

 private:
  struct Registration;
  ConnectionRequestServerOptions::Clock::time_point now() const;

  log::Logger& log_;
  ConnectionRequestServerOptions options_;
  std::mutex mutex_;
  std::map<std::pair<std::uint16_t, std::string>, std::shared_ptr<Registration>> targets_;  // by (port, path)
  transport::MultiPortHttpServer http_;
};

}  // namespace cpemu::cwmp
