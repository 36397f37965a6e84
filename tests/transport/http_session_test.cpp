// HttpSession against real servers on 127.0.0.1: the headers of SOAP and empty POSTs (TR-069 A6 §3.4.1),
// one connection per session and reconnecting when the server closed it (§3.4.2), cookies (§3.4.2),
// redirects (§3.4.5), and the errors a CWMP session reports.
#include <gtest/gtest.h>

#include <future>
#include <regex>

#include "transport/http_server.h"
#include "transport/http_session.h"
#include "transport/raw_http.h"
#include "transport/recording_server.h"

namespace cpemu::transport {
namespace {

using test::hasHeader;
using test::okResponse;
using test::RawHttpPeer;
using test::RecordingServer;
using test::redirectResponse;

const std::string kInform = "<soap-env:Envelope>Inform</soap-env:Envelope>";

HttpResponse expectResponse(std::variant<HttpResponse, TransportError> result) {
  if (auto* error = std::get_if<TransportError>(&result)) {
    ADD_FAILURE() << "unexpected transport error: " << error->message;
    return {};
  }
  return std::get<HttpResponse>(std::move(result));
}

std::string expectError(std::variant<HttpResponse, TransportError> result) {
  if (auto* response = std::get_if<HttpResponse>(&result)) {
    ADD_FAILURE() << "expected a transport error, got HTTP " << response->status;
    return {};
  }
  return std::get<TransportError>(result).message;
}

TEST(HttpSession, Post_SoapBodyGoesWithContentTypeAndSoapAction) {
  RecordingServer acs([](const HttpRequest&, std::size_t) { return okResponse("<ok/>"); });
  auto session = openHttpSession(acs.url(), {});

  HttpResponse response = expectResponse(session->post(kInform, "urn:dslforum-org:cwmp-1-0#Inform"));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<ok/>");
  EXPECT_EQ(response.header("content-type"), "text/xml; charset=\"utf-8\"");
  ASSERT_EQ(acs.requestCount(), 1u);
  const HttpRequest request = acs.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/acs");
  EXPECT_EQ(request.body, kInform);
  EXPECT_EQ(request.header("Content-Type"), "text/xml; charset=\"utf-8\"");
  EXPECT_EQ(request.header("SOAPAction"), "urn:dslforum-org:cwmp-1-0#Inform");
  EXPECT_EQ(request.header("Content-Length"), std::to_string(kInform.size()));
  EXPECT_EQ(request.header("Host"), "127.0.0.1:" + std::to_string(acs.port()));
  EXPECT_EQ(request.header("User-Agent"), "cpemu/" CPEMU_VERSION);
  EXPECT_EQ(request.remoteAddress, "127.0.0.1");
}

TEST(HttpSession, Post_EmptyBodyCarriesNeitherContentTypeNorSoapAction) {
  RecordingServer acs([](const HttpRequest&, std::size_t) { return okResponse(); });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(expectResponse(session->post("", "urn:dslforum-org:cwmp-1-0#Inform")).status, 200);

  const HttpRequest request = acs.requests().at(0);
  EXPECT_EQ(request.body, "");
  EXPECT_EQ(request.header("Content-Length"), "0");
  EXPECT_FALSE(hasHeader(request, "Content-Type"));
  EXPECT_FALSE(hasHeader(request, "SOAPAction"));
}

// HttpServer (cpp-httplib) drops fields with an empty value, so the exact bytes are checked on a raw
// socket.
TEST(HttpSession, Post_EmptySoapActionIsSentWithAnEmptyValue) {
  RawHttpPeer acs([](const RawHttpPeer::Received&) { return RawHttpPeer::ok(); });
  auto session = openHttpSession(acs.url(), {});

  expectResponse(session->post("<soap-env:Envelope>InformResponse</soap-env:Envelope>", ""));
  expectResponse(session->post("<soap-env:Envelope>Fault</soap-env:Envelope>", std::nullopt));
  expectResponse(session->post("", ""));

  const auto received = acs.received();
  ASSERT_EQ(received.size(), 3u);
  const std::regex emptySoapAction("\r\nSOAPAction:[ \t]*\r\n", std::regex::icase);
  const std::regex contentType("\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n", std::regex::icase);
  EXPECT_TRUE(std::regex_search(received[0].head, emptySoapAction)) << received[0].head;
  EXPECT_TRUE(std::regex_search(received[0].head, contentType)) << received[0].head;
  // No SOAPAction given: none sent.
  EXPECT_EQ(received[1].head.find("SOAPAction"), std::string::npos) << received[1].head;
  EXPECT_TRUE(std::regex_search(received[1].head, contentType)) << received[1].head;
  // The empty POST.
  EXPECT_TRUE(received[2].head.starts_with("POST /acs HTTP/1.1\r\n")) << received[2].head;
  EXPECT_NE(received[2].head.find("\r\nContent-Length: 0\r\n"), std::string::npos) << received[2].head;
  EXPECT_EQ(received[2].head.find("SOAPAction"), std::string::npos) << received[2].head;
  EXPECT_EQ(received[2].head.find("Content-Type"), std::string::npos) << received[2].head;
}

TEST(HttpSession, Post_ThreeRequestsShareOneConnection) {
  RecordingServer acs([](const HttpRequest&, std::size_t) { return okResponse("<rpc/>"); });
  auto session = openHttpSession(acs.url(), {});

  for (int i = 0; i < 3; ++i) EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_NE(requests[0].remotePort, 0);
  EXPECT_EQ(requests[1].remotePort, requests[0].remotePort);
  EXPECT_EQ(requests[2].remotePort, requests[0].remotePort);
}

TEST(HttpSession, Post_ReconnectsWhenTheServerClosedTheConnection) {
  // The first reply closes the connection without saying so, as a server's idle timeout does.
  RawHttpPeer acs([](const RawHttpPeer::Received& request) {
    auto reply = RawHttpPeer::ok();
    reply.closeAfter = request.connection == 1;
    return reply;
  });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200);
  acs.waitUntilClosed(1);
  EXPECT_EQ(expectResponse(session->post("", "")).status, 200);
  EXPECT_EQ(expectResponse(session->post("", "")).status, 200);

  const auto received = acs.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].connection, 1);
  EXPECT_EQ(received[1].connection, 2);
  EXPECT_EQ(received[2].connection, 2);  // and keeps the new one
}

TEST(HttpSession, Post_ResentOnceWhenTheServerDropsAReusedConnection) {
  // The race of a server's idle timeout: the request reaches a connection the server is closing.
  RawHttpPeer acs([](const RawHttpPeer::Received& request) {
    if (request.connection == 1 && request.body.empty()) return RawHttpPeer::Reply{"", /*closeAfter=*/true};
    return RawHttpPeer::ok();
  });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200);
  EXPECT_EQ(expectResponse(session->post("", "")).status, 200);

  const auto received = acs.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[1].connection, 1);
  EXPECT_EQ(received[2].connection, 2);
  EXPECT_EQ(received[2].head, received[1].head);
}

TEST(HttpSession, Post_NotResentWhenAFreshConnectionIsDropped) {
  RawHttpPeer acs([](const RawHttpPeer::Received&) { return RawHttpPeer::Reply{"", /*closeAfter=*/true}; });
  auto session = openHttpSession(acs.url(), {});

  const std::string error = expectError(session->post(kInform, ""));

  EXPECT_NE(error.find("closed before a complete response"), std::string::npos) << error;
  EXPECT_EQ(acs.received().size(), 1u);
}

TEST(HttpSession, Post_ToAnIpv6Literal) {
  HttpServer acs;
  std::uint16_t port = 0;
  try {
    port = acs.start("::1", 0, [](const HttpRequest& request) { return okResponse(request.header("Host")); });
  } catch (const std::runtime_error& e) {
    GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
  }
  auto session = openHttpSession("http://[::1]:" + std::to_string(port) + "/acs", {});

  HttpResponse response = expectResponse(session->post(kInform, ""));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "[::1]:" + std::to_string(port));  // the Host header the server saw
}

TEST(HttpSession, Post_ReconnectsAfterConnectionClose) {
  RecordingServer acs([](const HttpRequest&, std::size_t index) {
    HttpResponse response = okResponse();
    if (index == 0) response.headers.push_back({"Connection", "close"});
    return response;
  });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200);
  EXPECT_EQ(expectResponse(session->post("", "")).status, 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[1].remotePort, requests[0].remotePort);
}

TEST(HttpSession, Cookies_SetByTheAcsGoBackUntilDeleted) {
  RecordingServer acs([](const HttpRequest&, std::size_t index) {
    HttpResponse response = okResponse();
    if (index == 0) {
      response.headers.push_back({"Set-Cookie", "session=abc123; Path=/; HttpOnly"});
      response.headers.push_back({"Set-Cookie", "node=7"});
    }
    if (index == 1) response.headers.push_back({"Set-Cookie", "node=; Max-Age=0"});
    return response;
  });
  auto session = openHttpSession(acs.url(), {});

  for (int i = 0; i < 3; ++i) expectResponse(session->post(kInform, ""));

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(hasHeader(requests[0], "Cookie"));
  EXPECT_EQ(requests[1].header("Cookie"), "session=abc123; node=7");
  EXPECT_EQ(requests[2].header("Cookie"), "session=abc123");
}

TEST(HttpSession, Redirect302_ToAnotherServer_ResendsTheRequestAndStaysThere) {
  RecordingServer target([](const HttpRequest&, std::size_t) { return okResponse("<moved/>"); });
  RecordingServer origin(
      [&](const HttpRequest&, std::size_t) { return redirectResponse(302, target.url("/cwmp")); });
  auto session = openHttpSession(origin.url(), {});

  HttpResponse response = expectResponse(session->post(kInform, "urn:dslforum-org:cwmp-1-0#Inform"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<moved/>");
  EXPECT_EQ(session->currentUrl(), target.url("/cwmp"));
  expectResponse(session->post("", ""));

  EXPECT_EQ(origin.requestCount(), 1u);
  const auto requests = target.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/cwmp");
  EXPECT_EQ(requests[0].body, kInform);
  EXPECT_EQ(requests[0].header("SOAPAction"), "urn:dslforum-org:cwmp-1-0#Inform");
  EXPECT_EQ(requests[1].body, "");
}

TEST(HttpSession, Redirect307_RelativeLocation_StaysOnTheNewPath) {
  RecordingServer acs([](const HttpRequest& request, std::size_t) {
    return request.path == "/acs" ? redirectResponse(307, "/cwmp/node2?id=9") : okResponse("<ok/>");
  });
  auto session = openHttpSession(acs.url(), {});

  EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200);
  EXPECT_EQ(session->currentUrl(), acs.url("/cwmp/node2?id=9"));
  EXPECT_EQ(expectResponse(session->post("", "")).status, 200);

  const auto requests = acs.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].path, "/cwmp/node2");
  EXPECT_EQ(requests[1].query, "id=9");
  EXPECT_EQ(requests[1].body, kInform);
  EXPECT_EQ(requests[1].remotePort, requests[0].remotePort);  // same server: same connection
  EXPECT_EQ(requests[2].path, "/cwmp/node2");
}

TEST(HttpSession, Redirect301And308_AreFollowedToo) {
  for (int status : {301, 308}) {
    RecordingServer acs([status](const HttpRequest& request, std::size_t) {
      return request.path == "/acs" ? redirectResponse(status, "moved") : okResponse();
    });
    auto session = openHttpSession(acs.url(), {});
    EXPECT_EQ(expectResponse(session->post(kInform, "")).status, 200) << status;
    EXPECT_EQ(session->currentUrl(), acs.url("/moved")) << status;
  }
}

TEST(HttpSession, Redirect_SixthRedirectIsAnError) {
  RecordingServer acs([](const HttpRequest&, std::size_t index) {
    return redirectResponse(302, "/hop" + std::to_string(index + 1));
  });
  auto session = openHttpSession(acs.url(), {});

  const std::string error = expectError(session->post(kInform, ""));

  EXPECT_NE(error.find("too many redirects"), std::string::npos) << error;
  EXPECT_EQ(acs.requestCount(), 6u);  // the first request and five redirects followed
}

TEST(HttpSession, Redirect_LimitFromOptions) {
  RecordingServer acs([](const HttpRequest& request, std::size_t) {
    return request.path == "/acs" ? redirectResponse(302, "/next") : okResponse();
  });
  HttpClientOptions options;
  options.maxRedirects = 0;
  auto session = openHttpSession(acs.url(), options);

  EXPECT_NE(expectError(session->post(kInform, "")).find("too many redirects"), std::string::npos);
}

TEST(HttpSession, Errors_RefusedConnectionNamesTheServer) {
  std::uint16_t port = 0;
  {
    HttpServer closed;
    port = closed.start("127.0.0.1", 0, [](const HttpRequest&) { return okResponse(); });
  }
  auto session = openHttpSession("http://127.0.0.1:" + std::to_string(port) + "/acs", {});

  const std::string error = expectError(session->post(kInform, ""));

  EXPECT_NE(error.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << error;
}

TEST(HttpSession, Errors_ReadTimeoutFromOptions) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  RecordingServer acs([released](const HttpRequest&, std::size_t) {
    released.wait();
    return okResponse();
  });
  HttpClientOptions options;
  options.readTimeout = std::chrono::milliseconds(300);
  auto session = openHttpSession(acs.url(), options);

  const std::string error = expectError(session->post(kInform, ""));
  release.set_value();

  EXPECT_NE(error.find("no response from 127.0.0.1:" + std::to_string(acs.port())), std::string::npos)
      << error;
  EXPECT_EQ(acs.requestCount(), 1u);  // not sent twice
}

TEST(HttpSession, Errors_InvalidUrlIsReportedByPost) {
  auto withPassword = openHttpSession("http://cpe:hunter2@acs.example.net/acs", {});
  const std::string error = expectError(withPassword->post(kInform, ""));
  EXPECT_NE(error.find("user name or password"), std::string::npos) << error;
  EXPECT_EQ(error.find("hunter2"), std::string::npos) << error;

  auto ftp = openHttpSession("ftp://acs.example.net/", {});
  EXPECT_NE(expectError(ftp->post(kInform, "")).find("unsupported URL scheme 'ftp'"), std::string::npos);
}

TEST(HttpSession, Errors_NeverContainThePassword) {
  RecordingServer acs([](const HttpRequest&, std::size_t) { return redirectResponse(302, "/again"); });
  HttpClientOptions options;
  options.username = "cpe";
  options.password = "s3cret-pass";
  auto session = openHttpSession(acs.url(), options);

  const std::string error = expectError(session->post(kInform, ""));

  EXPECT_EQ(error.find("s3cret-pass"), std::string::npos) << error;
}

}  // namespace
}  // namespace cpemu::transport
