// Connection Requests (TR-069 A6 §3.2.2): the server's rules driven through its handler, and end to end,
// the real `cpemu run` against the scripted test ACS, woken by an authenticated GET.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <sstream>

#include "acs/acs_server.h"
#include "cli/run_command.h"
#include "cwmp/connection_request_server.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"
#include "transport/digest_auth.h"
#include "transport/http_headers.h"
#include "transport/url.h"

namespace cpemu::test {
namespace {

struct GetResult {
  int status = 0;
  std::vector<std::string> challenges;  // WWW-Authenticate values
  std::string connection;               // the Connection header
};

// One GET over a fresh loopback connection ("Connection: close", so the reply ends at EOF). With
// `keepAlive`, the request asks to keep the connection, as an ACS's HTTP client does.
GetResult rawGet(std::uint16_t port, const std::string& target, const std::string& authorization = "",
                 bool keepAlive = false) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: " +
      (keepAlive ? "keep-alive" : "close") + "\r\n";
  if (!authorization.empty()) request += "Authorization: " + authorization + "\r\n";
  request += "\r\n";
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fd);

  GetResult result;
  if (reply.rfind("HTTP/1.1 ", 0) == 0) result.status = std::stoi(reply.substr(9, 3));
  std::istringstream lines(reply.substr(0, reply.find("\r\n\r\n")));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > 11 && transport::equalsIgnoreCase(line.substr(0, 11), "connection:"))
      result.connection = line.substr(line.find_first_not_of(' ', 11));
    const std::string name = "www-authenticate:";
    if (line.size() > name.size() && transport::equalsIgnoreCase(line.substr(0, name.size()), name)) {
      std::string value = line.substr(name.size());
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      result.challenges.push_back(value);
    }
  }
  return result;
}

// A digest-authenticated GET: the first request gets the challenge, the second answers it.
GetResult digestGet(std::uint16_t port, const std::string& target, const std::string& user,
                    const std::string& password, bool keepAlive = false) {
  GetResult challenge = rawGet(port, target, "", keepAlive);
  EXPECT_TRUE(!keepAlive || challenge.connection == "close") << "the challenge kept the connection";
  if (challenge.status != 401) return challenge;
  for (const auto& header : challenge.challenges)
    for (const auto& c : transport::parseAuthChallenges(header))
      if (auto digest = transport::DigestChallenge::from(c)) {
        transport::DigestAuth auth(*digest, user, password);
        return rawGet(port, target, auth.authorize("GET", target, ""), keepAlive);
      }
  return challenge;
}

// --- the server's rules, through its handler --------------------------------------------------------

class ConnectionRequestServerRules : public ::testing::Test {
 protected:
  ConnectionRequestServerRules() : log_(logText_, log::Level::Debug) {
    cwmp::ConnectionRequestServerOptions o;
    o.burst = 3;
    o.ratePeriod = std::chrono::seconds(10);
    o.clock = [this] { return now_; };
    server_ = std::make_unique<cwmp::ConnectionRequestServer>(log_, o);
    server_->add({"/cr/1", "dev-1", false,
                  [] {
                    return transport::DigestCredentials{"u", "p"};
                  },
                  [this] { ++requests_; }});
    server_->add({"/cr/2", "dev-2", false,
                  [] {
                    return transport::DigestCredentials{"u2", "p2"};
                  },
                  [this] { ++others_; }});
  }

  transport::HttpResponse get(const std::string& path, const std::string& user, const std::string& password,
                              std::uint16_t localPort = 7547) {
    transport::HttpRequest request{"GET", path, "", {}, "", "127.0.0.1", 40000, localPort};
    auto challenge = server_->handle(request);
    if (challenge.status != 401) return challenge;
    auto c = transport::DigestChallenge::from(
        transport::parseAuthChallenges(challenge.header("WWW-Authenticate")).at(0));
    transport::DigestAuth auth(*c, user, password);
    request.headers.push_back({"Authorization", auth.authorize("GET", path, "")});
    return server_->handle(request);
  }

  std::ostringstream logText_;
  log::Logger log_;
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
  std::unique_ptr<cwmp::ConnectionRequestServer> server_;
  std::atomic<int> requests_{0};
  std::atomic<int> others_{0};
};

TEST_F(ConnectionRequestServerRules, EachRegisteredDeviceHasItsOwnPathAndCredentials) {
  EXPECT_EQ(get("/cr/1", "u", "p").status, 200);
  EXPECT_EQ(get("/cr/2", "u2", "p2").status, 200);
  EXPECT_EQ(get("/cr/2", "u", "p").status, 401);
  EXPECT_EQ(get("/cr/3", "u", "p").status, 404);
  EXPECT_EQ(requests_, 1);
  EXPECT_EQ(others_, 1);
  EXPECT_EQ(server_->handle({"POST", "/cr/1", "", {}, "", "127.0.0.1", 1}).status, 405);
}

// One port per device (cpemu fleet --cr-port-range): a target registered on a port answers only there;
// one registered on port 0 answers on every port.
TEST_F(ConnectionRequestServerRules, ATargetOnAPortIsServedOnlyOnThatPort) {
  int onPort = 0;
  server_->add({"/cr/1", "dev-1 on 7001", false,
                [] {
                  return transport::DigestCredentials{"u7", "p7"};
                },
                [&onPort] { ++onPort; }, 7001});
  EXPECT_EQ(get("/cr/1", "u7", "p7", 7001).status, 200);
  EXPECT_EQ(get("/cr/1", "u", "p", 7001).status, 401);  // the port's own device, not the port-0 one
  EXPECT_EQ(get("/cr/1", "u", "p", 7002).status, 200);  // the port-0 registration elsewhere
  EXPECT_EQ(onPort, 1);
  EXPECT_EQ(requests_, 1);

  server_->remove("/cr/1", 7001);
  EXPECT_EQ(get("/cr/1", "u", "p", 7001).status, 200);
  server_->remove("/cr/1");
  EXPECT_EQ(get("/cr/1", "u", "p", 7001).status, 404);
}

TEST_F(ConnectionRequestServerRules, RequestsBeyondTheRateAreAnswered503WithoutCallingBack) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(get("/cr/1", "u", "p").status, 200);
  auto refused = get("/cr/1", "u", "p");
  EXPECT_EQ(refused.status, 503);
  // TR-069 §3.2.2: the CPE SHOULD NOT include Retry-After (an ACS would take it as a promise).
  EXPECT_EQ(refused.header("Retry-After"), "");
  EXPECT_EQ(requests_, 3);
  EXPECT_NE(logText_.str().find("503"), std::string::npos);
  // Another device has its own budget.
  EXPECT_EQ(get("/cr/2", "u2", "p2").status, 200);
  // The bucket refills: one token per 10/3 s.
  now_ += std::chrono::seconds(4);
  EXPECT_EQ(get("/cr/1", "u", "p").status, 200);
  EXPECT_EQ(get("/cr/1", "u", "p").status, 503);
  EXPECT_EQ(requests_, 4);
}

TEST_F(ConnectionRequestServerRules, PasswordsNeverReachTheLog) {
  get("/cr/1", "u", "wrong-password-xyz");
  get("/cr/1", "u", "p");
  EXPECT_EQ(logText_.str().find("wrong-password-xyz"), std::string::npos);
  EXPECT_NE(logText_.str().find("refused"), std::string::npos);
}

// An ACS's HTTP client keeps connections open (Node's agent, so GenieACS, does by default). Were the server
// to keep them, each idle one would hold a worker, and Connection Requests to the other devices of a fleet
// would wait until GenieACS gave up on them (2 s): every answer closes its connection instead.
TEST(ConnectionRequestServerConnections, EveryAnswerClosesItsConnection) {
  std::ostringstream logText;
  log::Logger log(logText, log::Level::Debug);
  cwmp::ConnectionRequestServer server(log);
  std::atomic<int> requests{0};
  for (int d = 0; d < 12; ++d)
    server.add({"/cr/" + std::to_string(d), "dev", false, [] { return transport::DigestCredentials{"u", "p"}; },
                [&requests] { ++requests; }});
  const std::uint16_t port = server.start("127.0.0.1", 0);
  std::vector<std::future<GetResult>> clients;
  for (int d = 0; d < 12; ++d)  // more clients than the server has workers
    clients.push_back(std::async(std::launch::async, [port, d] {
      return digestGet(port, "/cr/" + std::to_string(d), "u", "p", true);
    }));
  for (auto& c : clients) {
    GetResult r = c.get();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.connection, "close");
  }
  EXPECT_EQ(requests, 12);
}

// --- end to end -----------------------------------------------------------------------------------

class ConnectionRequestEndToEnd : public ::testing::Test {
 protected:
  TempDir state_;
  acs::AcsServer acs_;
};

TEST_F(ConnectionRequestEndToEnd, AuthenticatedGetStartsASessionWithConnectionRequestEvent) {
  acs_.setScript(acs::parseAcsScript("sessions: []\n", "test-script.yaml"));
  acs_.start("127.0.0.1", 0);
  auto device = std::async(std::launch::async, [&] {
    return runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", acs_.url(), "--max-sessions",
                     "2", "--cr-port", "0", "--state-dir", (state_.path() / "state").string(), "--set",
                     "Device.ManagementServer.ConnectionRequestUsername=cr-user", "--set",
                     "Device.ManagementServer.ConnectionRequestPassword=cr-Secret-42"});
  });
  std::uint16_t port = 0;
  std::string target;
  // Whatever fails below, the device must be let go (its second session ends the process).
  struct Release {
    std::future<CommandResult>& device;
    std::uint16_t& port;
    std::string& target;
    ~Release() {
      if (device.valid() && port != 0 &&
          device.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        try {
          digestGet(port, target, "cr-user", "cr-Secret-42");
        } catch (const std::exception&) {
        }
      }
    }
  } release{device, port, target};

  ASSERT_TRUE(acs_.waitForSessions(1, std::chrono::seconds(60)));
  const acs::SessionRecord first = acs_.sessions().at(0);
  const auto* urlParameter = first.informParameter("Device.ManagementServer.ConnectionRequestURL");
  ASSERT_NE(urlParameter, nullptr);
  auto parsed = transport::parseUrl(urlParameter->value);
  ASSERT_TRUE(std::holds_alternative<transport::Url>(parsed)) << urlParameter->value;
  const auto& url = std::get<transport::Url>(parsed);
  ASSERT_NE(url.port, 0) << urlParameter->value;
  ASSERT_NE(url.port, 7547) << "the real bound port is reported, not the profile's";
  port = url.port;
  target = url.target;
  EXPECT_EQ(target, "/cr/GW00000001");

  EXPECT_EQ(rawGet(port, "/cr/somebody-else").status, 404);
  auto unauthenticated = rawGet(port, target);
  EXPECT_EQ(unauthenticated.status, 401);
  ASSERT_FALSE(unauthenticated.challenges.empty());
  EXPECT_EQ(unauthenticated.challenges[0].rfind("Digest ", 0), 0u);
  EXPECT_EQ(digestGet(port, target, "cr-user", "wrong").status, 401);
  EXPECT_EQ(acs_.sessions().size(), 1u);

  EXPECT_EQ(digestGet(port, target, "cr-user", "cr-Secret-42").status, 200);
  ASSERT_EQ(device.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  auto run = device.get();
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.err.find("cr-Secret-42"), std::string::npos) << "password in the log";
  EXPECT_NE(run.err.find("connection requests on http://127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << run.err;
  auto sessions = acs_.sessions();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_FALSE(sessions[0].hasEvent("6 CONNECTION REQUEST"));
  EXPECT_TRUE(sessions[1].hasEvent("6 CONNECTION REQUEST"));
  EXPECT_TRUE(sessions[1].completed);
}


// A listening socket on a free loopback port, held for the test: the port another program (an ACS on the
// same host, GenieACS on 7547) already uses.
class TakenPort {
 public:
  TakenPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 4) != 0)
      throw std::runtime_error("cannot hold a loopback port");
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~TakenPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

std::uint16_t reportedPort(const acs::SessionRecord& session) {
  const auto* p = session.informParameter("Device.ManagementServer.ConnectionRequestURL");
  if (!p) return 0;
  auto parsed = transport::parseUrl(p->value);
  return std::holds_alternative<transport::Url>(parsed) ? std::get<transport::Url>(parsed).port : 0;
}

// Never advertise a URL nothing listens on: a port asked for on the command line that is taken stops the
// device before it informs, with the port in the message.
TEST_F(ConnectionRequestEndToEnd, ATakenCommandLinePortIsAStartUpErrorNamingIt) {
  acs_.setScript(acs::parseAcsScript("sessions: []\n", "test-script.yaml"));
  acs_.start("127.0.0.1", 0);
  TakenPort taken;
  auto run = runCpemu({"run", (profilesDir() / "gateway.yaml").string(), "--acs", acs_.url(), "--max-sessions", "1",
                       "--cr-port", std::to_string(taken.port())});
  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_NE(run.err.find("error: --cr-port " + std::to_string(taken.port()) + ": cannot listen on 127.0.0.1:" +
                         std::to_string(taken.port())),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(acs_.sessions().empty());
}

// The profile's port (7547 by convention, GenieACS's own port on a shared host) falls back to a free port,
// with one warning, and the Inform reports the port really bound.
TEST_F(ConnectionRequestEndToEnd, ATakenProfilePortFallsBackToAFreePortThatTheInformReports) {
  acs_.setScript(acs::parseAcsScript("sessions: []\n", "test-script.yaml"));
  acs_.start("127.0.0.1", 0);
  TakenPort taken;
  const auto profile = state_.write(
      "taken.yaml", "extends: " + (profilesDir() / "gateway.yaml").string() +
                        "\nconnection_request:\n  port: " + std::to_string(taken.port()) + "\n");
  auto device = std::async(std::launch::async, [&] {
    return runCpemu({"run", profile.string(), "--acs", acs_.url(), "--max-sessions", "2", "--set",
                     "Device.ManagementServer.ConnectionRequestUsername=cr-user", "--set",
                     "Device.ManagementServer.ConnectionRequestPassword=cr-Secret-42"});
  });
  ASSERT_TRUE(acs_.waitForSessions(1, std::chrono::seconds(60)));
  const std::uint16_t port = reportedPort(acs_.sessions().at(0));
  // Really listening there: the Connection Request starts the second session, which ends the process.
  const auto answer = port ? digestGet(port, "/cr/GW00000001", "cr-user", "cr-Secret-42") : GetResult{};
  EXPECT_EQ(answer.status, 200) << "reported port " << port;
  ASSERT_EQ(device.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  auto run = device.get();
  EXPECT_NE(port, 0);
  EXPECT_NE(port, taken.port());
  EXPECT_EQ(run.exitCode, 0) << run.err;
  const std::string warning = "cannot listen on 127.0.0.1:" + std::to_string(taken.port());
  const auto first = run.err.find(warning);
  EXPECT_NE(first, std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(warning, first + 1), std::string::npos) << "one warning: " << run.err;
  EXPECT_NE(run.err.find("listening on port " + std::to_string(port) + " instead"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace cpemu::test
