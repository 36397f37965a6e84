// MultiPortHttpServer seen from raw client sockets: one server on many ports, the handler told which port
// a request came in on, keep-alive, a port in use named in the error, one accept thread for every port,
// and a stop that does not wait for idle connections.
#include <gtest/gtest.h>

#include <dirent.h>

#include <atomic>
#include <set>
#include <stdexcept>

#include "transport/multi_port_http_server.h"
#include "transport/raw_http.h"
#include "transport/recording_server.h"

namespace cpemu::transport {
namespace {

using test::okResponse;
using test::RawClient;

const std::string kGet = "GET /cr/x HTTP/1.1\r\nHost: cpe\r\n\r\n";

// Answers with the port the request came in on.
HttpResponse echoLocalPort(const HttpRequest& request) {
  return okResponse(std::to_string(request.localPort));
}

std::size_t threadsInThisProcess() {
  std::size_t n = 0;
  if (DIR* tasks = ::opendir("/proc/self/task")) {
    while (const dirent* entry = ::readdir(tasks))
      if (entry->d_name[0] != '.') ++n;
    ::closedir(tasks);
  }
  return n;
}

// A port nothing listens on right now (bound to port 0, then released).
std::uint16_t freePort() {
  MultiPortHttpServer probe;
  return probe.start("127.0.0.1", {0}, echoLocalPort).front();
}

TEST(MultiPortHttpServer, ServesEveryPortAndTellsTheHandlerWhichOne) {
  MultiPortHttpServer server;
  const std::vector<std::uint16_t> ports = server.start("127.0.0.1", {0, 0, 0}, echoLocalPort);
  ASSERT_EQ(ports.size(), 3u);
  EXPECT_EQ(std::set<std::uint16_t>(ports.begin(), ports.end()).size(), 3u);
  EXPECT_TRUE(server.running());

  for (std::uint16_t port : ports) {
    RawClient client(port);
    const std::string response = client.exchange(kGet);
    EXPECT_TRUE(response.starts_with("HTTP/1.1 200")) << response;
    EXPECT_TRUE(response.ends_with("\r\n\r\n" + std::to_string(port))) << response;
  }
}

TEST(MultiPortHttpServer, HandlerSeesTheRequestAndItsPeer) {
  std::vector<HttpRequest> seen;
  std::mutex mutex;
  MultiPortHttpServer server;
  const auto record = [&](const HttpRequest& request) {
    std::lock_guard lock(mutex);
    seen.push_back(request);
    return okResponse();
  };
  const std::uint16_t port = server.start("127.0.0.1", {0}, record).front();
  RawClient client(port);

  const std::string response = client.exchange(
      "POST /cr/a?x=1 HTTP/1.1\r\nHost: cpe\r\nX-Custom: v1\r\nContent-Length: 5\r\n\r\nhello");

  ASSERT_TRUE(response.starts_with("HTTP/1.1 200")) << response;
  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/cr/a");
  EXPECT_EQ(seen[0].query, "x=1");
  EXPECT_EQ(seen[0].header("X-Custom"), "v1");
  EXPECT_EQ(seen[0].body, "hello");
  EXPECT_EQ(seen[0].remoteAddress, "127.0.0.1");
  EXPECT_EQ(seen[0].remotePort, client.localPort());
  EXPECT_EQ(seen[0].localPort, port);
}

TEST(MultiPortHttpServer, KeepsAConnectionAliveAcrossRequests) {
  std::atomic<int> requests{0};
  MultiPortHttpServer server;
  const auto count = [&](const HttpRequest&) { return okResponse(std::to_string(++requests)); };
  const std::uint16_t port = server.start("127.0.0.1", {0}, count).front();
  RawClient client(port);

  for (int i = 1; i <= 3; ++i) {
    const std::string response = client.exchange(kGet);
    EXPECT_TRUE(response.ends_with("\r\n\r\n" + std::to_string(i))) << response;
  }
}

TEST(MultiPortHttpServer, HandlerExceptionBecomes500) {
  MultiPortHttpServer server;
  const auto fail = [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); };
  const std::uint16_t port = server.start("127.0.0.1", {0}, fail).front();
  RawClient client(port);
  EXPECT_TRUE(client.exchange(kGet).starts_with("HTTP/1.1 500"));
}

TEST(MultiPortHttpServer, APortInUseIsNamedAndNoPortStaysBound) {
  MultiPortHttpServer other;
  const std::uint16_t taken = other.start("127.0.0.1", {0}, echoLocalPort).front();
  const std::uint16_t free = freePort();
  MultiPortHttpServer server;

  try {
    server.start("127.0.0.1", {free, taken}, echoLocalPort);
    FAIL() << "bound a port in use";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(taken) +
                                         ": Address already in use"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(server.running());
  // The port bound before the failure was released.
  EXPECT_EQ(server.start("127.0.0.1", {free}, echoLocalPort), std::vector<std::uint16_t>{free});
}

// The point of the class: N ports cost N sockets, not N threads.
TEST(MultiPortHttpServer, OneAcceptThreadForEveryPort) {
  const std::size_t before = threadsInThisProcess();
  MultiPortHttpServer server(HttpServerOptions{3, std::chrono::seconds(5)});
  const std::vector<std::uint16_t> ports =
      server.start("127.0.0.1", std::vector<std::uint16_t>(50, 0), echoLocalPort);
  ASSERT_EQ(ports.size(), 50u);
  EXPECT_EQ(threadsInThisProcess(), before + 1 + 3);  // the accept thread and the workers
  RawClient client(ports.back());
  EXPECT_TRUE(client.exchange(kGet).ends_with(std::to_string(ports.back())));
}

// An idle kept-alive connection is closed by stop(), not waited for (its keep-alive timeout here is longer
// than the test's time limit).
TEST(MultiPortHttpServer, StopClosesIdleKeptAliveConnections) {
  MultiPortHttpServer server(HttpServerOptions{2, std::chrono::seconds(3600)});
  const std::uint16_t port = server.start("127.0.0.1", {0}, echoLocalPort).front();
  RawClient client(port);
  ASSERT_TRUE(client.exchange(kGet).starts_with("HTTP/1.1 200"));

  server.stop();

  EXPECT_FALSE(server.running());
  EXPECT_EQ(client.exchange(kGet), "");  // closed
}

TEST(MultiPortHttpServer, StopIsIdempotentAndTheServerCanStartAgain) {
  MultiPortHttpServer server;
  server.start("127.0.0.1", {0}, echoLocalPort);
  EXPECT_THROW(server.start("127.0.0.1", {0}, echoLocalPort), std::logic_error);
  server.stop();
  server.stop();
  EXPECT_FALSE(server.running());

  const std::uint16_t again = server.start("127.0.0.1", {0}, echoLocalPort).front();
  RawClient client(again);
  EXPECT_TRUE(client.exchange(kGet).ends_with(std::to_string(again)));
}

}  // namespace
}  // namespace cpemu::transport
