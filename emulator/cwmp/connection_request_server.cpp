#include "cwmp/connection_request_server.h"

#include <algorithm>

namespace cpemu::cwmp {

struct ConnectionRequestServer::Registration {
  ConnectionRequestTarget target;
  transport::DigestServer auth;
  std::mutex mutex;  // guards the bucket
  double tokens = 0;
  ConnectionRequestServerOptions::Clock::time_point refilled{};

  Registration(ConnectionRequestTarget t, transport::DigestServerOptions o)
      : target(std::move(t)), auth(std::move(o)) {}
};

ConnectionRequestServer::ConnectionRequestServer(log::Logger& log, ConnectionRequestServerOptions options)
    : log_(log),
      options_(std::move(options)),
      // One request per connection: an ACS's HTTP client keeps idle connections open (Node's agent does
      // by default, so GenieACS does), and each would hold one of the workers for the keep-alive time
      // while Connection Requests to other devices of a fleet wait and time out (GenieACS gives up
      // after 2 s). A Connection Request is one GET (two with the digest challenge) and needs no reuse.
      http_(transport::HttpServerOptions{8, std::chrono::seconds(5), 1}) {}

ConnectionRequestServer::~ConnectionRequestServer() {
  stop();
}

ConnectionRequestServerOptions::Clock::time_point ConnectionRequestServer::now() const {
  return options_.clock ? options_.clock() : ConnectionRequestServerOptions::Clock::now();
}

std::uint16_t ConnectionRequestServer::start(const std::string& host, std::uint16_t port) {
  return start(host, std::vector<std::uint16_t>{port}).front();
}

std::vector<std::uint16_t> ConnectionRequestServer::start(const std::string& host,
                                                          const std::vector<std::uint16_t>& ports) {
  return http_.start(host, ports, [this](const transport::HttpRequest& r) { return handle(r); });
}

void ConnectionRequestServer::stop() {
  http_.stop();
}

void ConnectionRequestServer::add(ConnectionRequestTarget target) {
  transport::DigestServerOptions auth;
  auth.realm = options_.realm;
  auth.nonceLifetime = options_.nonceLifetime;
  auth.allowBasic = target.allowBasic;
  auth.clock = options_.clock;
  auto registration = std::make_shared<Registration>(std::move(target), std::move(auth));
  registration->tokens = options_.burst;
  registration->refilled = now();
  std::lock_guard lock(mutex_);
  targets_[{registration->target.port, registration->target.path}] = std::move(registration);
}

void ConnectionRequestServer::remove(const std::string& path, std::uint16_t port) {
  std::lock_guard lock(mutex_);
  targets_.erase({port, path});
}

transport::HttpResponse ConnectionRequestServer::handle(const transport::HttpRequest& request) {
  std::shared_ptr<Registration> r;
  {
    std::lock_guard lock(mutex_);
    for (std::uint16_t port : {request.localPort, std::uint16_t{0}}) {
      if (auto it = targets_.find({port, request.path}); it != targets_.end()) {
        r = it->second;
        break;
      }
    }
  }
  const std::string peer = request.remoteAddress + ":" + std::to_string(request.remotePort);
  if (!r) {
    log_.debug("connection-request", "unknown path from " + peer);
    return {404, {}, ""};
  }
  const std::string& label = r->target.label;
  // TR-069 A6 §3.2.2: the Connection Request is an HTTP GET.
  if (request.method != "GET") return {405, {{"Allow", "GET"}}, ""};

  const std::string target = request.query.empty() ? request.path : request.path + "?" + request.query;
  transport::DigestVerdict verdict =
      r->auth.verify(request.method, target, request.header("Authorization"), r->target.credentials());
  if (!verdict.accepted) {
    if (!request.header("Authorization").empty())
      log_.info(label, "connection request from " + peer + " refused: " + verdict.reason);
    transport::HttpResponse response{401, {}, ""};
    for (auto& c : verdict.challenges) response.headers.push_back({"WWW-Authenticate", std::move(c)});
    return response;
  }

  {
    std::lock_guard lock(r->mutex);
    const auto t = now();
    const double rate =
        static_cast<double>(options_.burst) /
        static_cast<double>(std::max<std::chrono::seconds::rep>(options_.ratePeriod.count(), 1));
    const std::chrono::duration<double> elapsed = t - r->refilled;
    r->tokens = std::min<double>(options_.burst, r->tokens + elapsed.count() * rate);
    r->refilled = t;
    if (r->tokens < 1.0) {
      log_.warning(label, "connection request from " + peer + " refused: more than " +
                              std::to_string(options_.burst) + " per " +
                              std::to_string(options_.ratePeriod.count()) + " s (503)");
      // TR-069 §3.2.2: "the CPE SHOULD NOT include the HTTP Retry-After header in the response".
      return {503, {}, ""};
    }
    r->tokens -= 1.0;
  }
  log_.info(label, "connection request from " + peer + " accepted");
  if (r->target.onRequest) r->target.onRequest();
  return {200, {}, ""};
}

}  // namespace cpemu::cwmp
