// HttpServer seen from raw client sockets: what the handler gets, what goes back on the wire, keep-alive,
// and the server's life cycle.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <optional>
#include <stdexcept>

#include "transport/http_server.h"
#include "transport/raw_http.h"
#include "transport/recording_server.h"

namespace cpemu::transport {
namespace {

using test::okResponse;
using test::RawClient;
using test::RecordingServer;

// The accept-queue limit of the TCP socket listening on 127.0.0.1:port, as `ss -ltn` shows it (Send-Q):
// asked of the kernel over NETLINK_SOCK_DIAG. None when the kernel does not answer.
std::optional<unsigned> listenBacklog(std::uint16_t port) {
  const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } query{};
  query.header.nlmsg_len = sizeof query;
  query.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  query.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  query.request.sdiag_family = AF_INET;
  query.request.sdiag_protocol = IPPROTO_TCP;
  query.request.idiag_states = 1u << TCP_LISTEN;
  std::optional<unsigned> found;
  if (::send(fd, &query, sizeof query, 0) == static_cast<ssize_t>(sizeof query)) {
    alignas(nlmsghdr) char buffer[16384];
    bool done = false;
    while (!done) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      unsigned left = static_cast<unsigned>(n);  // NLMSG_OK compares it with the u32 nlmsg_len
      for (auto* h = reinterpret_cast<nlmsghdr*>(buffer); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
          done = true;
          break;
        }
        const auto* msg = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
        if (ntohs(msg->id.idiag_sport) == port) found = msg->idiag_wqueue;  // a listener's backlog
      }
    }
  }
  ::close(fd);
  return found;
}

TEST(HttpServer, HandlerSeesMethodPathQueryHeadersBodyAndPeer) {
  RecordingServer server([](const HttpRequest&, std::size_t) { return okResponse(); });
  RawClient client(server.port());

  const std::string response = client.exchange(
      "POST /cr/a%20b?x=1&y=two HTTP/1.1\r\nHost: cpe\r\nX-Custom: v1\r\nContent-Length: 5\r\n\r\nhello");

  ASSERT_TRUE(response.starts_with("HTTP/1.1 200")) << response;
  ASSERT_EQ(server.requestCount(), 1u);
  const HttpRequest request = server.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/cr/a%20b");
  EXPECT_EQ(request.query, "x=1&y=two");
  EXPECT_EQ(request.header("x-custom"), "v1");
  EXPECT_EQ(request.header("Host"), "cpe");
  EXPECT_EQ(request.body, "hello");
  EXPECT_EQ(request.remoteAddress, "127.0.0.1");
  EXPECT_EQ(request.remotePort, client.localPort());
  for (const auto& h : request.headers) EXPECT_NE(h.name, "REMOTE_ADDR");  // cpp-httplib's own entries
}

TEST(HttpServer, AnyMethodAndPathReachTheHandler) {
  RecordingServer server([](const HttpRequest&, std::size_t) { return okResponse(); });
  RawClient client(server.port());

  for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    const std::string response =
        client.exchange(method + " /any/" + method + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    EXPECT_TRUE(response.starts_with("HTTP/1.1 200")) << method << ": " << response;
  }

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 6u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/any/GET");
  EXPECT_EQ(requests[5].method, "OPTIONS");
  EXPECT_EQ(requests[5].remotePort, requests[0].remotePort);  // kept alive across all six
}

TEST(HttpServer, ResponseStatusHeadersAndBodyGoOnTheWire) {
  RecordingServer server([](const HttpRequest&, std::size_t) {
    HttpResponse response;
    response.status = 401;
    response.headers.push_back({"WWW-Authenticate", "Digest realm=\"a\", nonce=\"1\""});
    response.headers.push_back({"WWW-Authenticate", "Basic realm=\"a\""});
    response.headers.push_back({"Content-Length", "999"});  // ignored: computed from the body
    response.body = "denied";
    return response;
  });
  RawClient client(server.port());

  const std::string response = client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

  EXPECT_TRUE(response.starts_with("HTTP/1.1 401")) << response;
  EXPECT_NE(response.find("WWW-Authenticate: Digest realm=\"a\", nonce=\"1\"\r\n"), std::string::npos)
      << response;
  EXPECT_NE(response.find("WWW-Authenticate: Basic realm=\"a\"\r\n"), std::string::npos) << response;
  EXPECT_NE(response.find("Content-Length: 6\r\n"), std::string::npos) << response;
  EXPECT_TRUE(response.ends_with("\r\n\r\ndenied")) << response;
}

TEST(HttpServer, HandlerExceptionBecomes500) {
  RecordingServer server(
      [](const HttpRequest&, std::size_t) -> HttpResponse { throw std::runtime_error("boom"); });
  RawClient client(server.port());

  EXPECT_TRUE(client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 500"));
}

TEST(HttpServer, StopIsIdempotentAndTheServerCanStartAgain) {
  HttpServer server;
  const auto handler = [](const HttpRequest&) { return okResponse("<again/>"); };
  const std::uint16_t first = server.start("127.0.0.1", 0, handler);
  EXPECT_NE(first, 0);
  EXPECT_TRUE(server.running());
  EXPECT_THROW(server.start("127.0.0.1", 0, handler), std::logic_error);

  server.stop();
  server.stop();
  EXPECT_FALSE(server.running());

  const std::uint16_t second = server.start("127.0.0.1", 0, handler);
  RawClient client(second);
  EXPECT_TRUE(client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").ends_with("<again/>"));
}

TEST(HttpServer, StartThrowsWhenThePortIsTaken) {
  HttpServer first;
  const std::uint16_t port = first.start("127.0.0.1", 0, [](const HttpRequest&) { return okResponse(); });
  HttpServer second;

  try {
    second.start("127.0.0.1", port, [](const HttpRequest&) { return okResponse(); });
    FAIL() << "second server bound a taken port";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(second.running());
}

// cpp-httplib's own backlog (5) drops SYNs when many clients connect at once (a fleet booting).
TEST(HttpServer, ListensWithALargeBacklog) {
  HttpServer server;
  const std::uint16_t port = server.start("127.0.0.1", 0, [](const HttpRequest&) { return okResponse(); });
  auto backlog = listenBacklog(port);
  if (!backlog) GTEST_SKIP() << "the kernel does not answer NETLINK_SOCK_DIAG here";
  EXPECT_GE(*backlog, 128u);
}

TEST(HttpServer, DestructorStopsARunningServer) {
  auto server = std::make_unique<HttpServer>();
  server->start("127.0.0.1", 0, [](const HttpRequest&) { return okResponse(); });
  server.reset();  // joins its threads; a leak or hang would show under the sanitizers
  SUCCEED();
}

}  // namespace
}  // namespace cpemu::transport
