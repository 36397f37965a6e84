// HttpSession::transfer: the GET and PUT that file transfers and TR-143 Download/Upload diagnostics use,
// against a real HTTP server on loopback: streamed bodies, digest authentication, redirects, error
// statuses, and the ROM/BOM/EOM times.
#include <gtest/gtest.h>

#include "recording_server.h"
#include "transport/digest_server.h"
#include "transport/http_session.h"

namespace cpemu::transport {
namespace {

using test::RecordingServer;

std::string pattern(std::size_t size) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + (i * 7) % 26);
  return s;
}

TEST(HttpTransfer, GetStreamsABigBodyInChunksAndRecordsTheTimes) {
  const std::string file = pattern(3 * 1024 * 1024 + 17);
  RecordingServer server([&](const HttpRequest&, std::size_t) {
    HttpResponse r;
    r.status = 200;
    r.body = file;
    return r;
  });
  auto session = openHttpSession(server.url("/fw.bin"), {});
  std::string received;
  int chunks = 0;
  TransferRequest request;
  request.onBody = [&](const char* data, std::size_t size) {
    received.append(data, size);
    ++chunks;
    return true;
  };
  TransferTimes times;
  auto result = session->transfer(request, &times);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result)) << std::get<TransportError>(result).message;
  EXPECT_EQ(std::get<HttpResponse>(result).status, 200);
  EXPECT_TRUE(std::get<HttpResponse>(result).body.empty());  // streamed, not kept
  EXPECT_EQ(received, file);
  EXPECT_GT(chunks, 1);
  EXPECT_EQ(times.bodyBytes, file.size());
  ASSERT_TRUE(times.tcpOpenRequest && times.requestSent && times.responseStarted && times.responseEnded);
  EXPECT_LE(*times.tcpOpenRequest, *times.requestSent);
  EXPECT_LE(*times.requestSent, *times.responseStarted);
  EXPECT_LE(*times.responseStarted, *times.responseEnded);
  ASSERT_EQ(server.requestCount(), 1u);
  EXPECT_EQ(server.requests()[0].method, "GET");
  EXPECT_EQ(server.requests()[0].path, "/fw.bin");
}

TEST(HttpTransfer, GetAnswersADigestChallengeAndFollowsARedirect) {
  DigestServer digest;
  RecordingServer server([&](const HttpRequest& req, std::size_t) {
    if (req.path == "/old") return test::redirectResponse(302, "/files/config.xml");
    auto verdict = digest.verify(req.method, req.path, req.header("Authorization"), {"fs-user", "fs-pass"});
    HttpResponse r;
    if (!verdict.accepted) {
      r.status = 401;
      for (const auto& c : verdict.challenges) r.headers.push_back({"WWW-Authenticate", c});
      r.body = "<html>login</html>";
      return r;
    }
    r.status = 200;
    r.body = "config-bytes";
    return r;
  });
  HttpClientOptions options;
  options.username = "fs-user";
  options.password = "fs-pass";
  auto session = openHttpSession(server.url("/old"), options);
  std::string received;
  TransferRequest request;
  request.onBody = [&](const char* d, std::size_t n) {
    received.append(d, n);
    return true;
  };
  auto result = session->transfer(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result));
  EXPECT_EQ(std::get<HttpResponse>(result).status, 200);
  EXPECT_EQ(received, "config-bytes");  // the 401 page never reaches the file
  EXPECT_EQ(session->currentUrl(), server.url("/files/config.xml"));
}

TEST(HttpTransfer, WrongCredentialsAndMissingFilesAreReturnedAsTheirStatus) {
  DigestServer digest;
  RecordingServer server([&](const HttpRequest& req, std::size_t) {
    HttpResponse r;
    if (req.path == "/missing") {
      r.status = 404;
      r.body = "not here";
      return r;
    }
    auto verdict = digest.verify(req.method, req.path, req.header("Authorization"), {"u", "right"});
    r.status = 401;
    for (const auto& c : verdict.challenges) r.headers.push_back({"WWW-Authenticate", c});
    return r;
  });
  HttpClientOptions options;
  options.username = "u";
  options.password = "wrong";
  bool called = false;
  TransferRequest request;
  request.onBody = [&](const char*, std::size_t) { return called = true; };
  auto denied = openHttpSession(server.url("/file"), options)->transfer(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(denied));
  EXPECT_EQ(std::get<HttpResponse>(denied).status, 401);
  auto missing = openHttpSession(server.url("/missing"), {})->transfer(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(missing));
  EXPECT_EQ(std::get<HttpResponse>(missing).status, 404);
  EXPECT_EQ(std::get<HttpResponse>(missing).body, "not here");
  EXPECT_FALSE(called);
}

TEST(HttpTransfer, GetWithoutCallbackKeepsTheBodyAndAnAbortingCallbackStopsTheTransfer) {
  RecordingServer server([&](const HttpRequest&, std::size_t) {
    HttpResponse r;
    r.status = 200;
    r.body = pattern(1 << 20);
    return r;
  });
  auto kept = openHttpSession(server.url("/f"), {})->transfer({});
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(kept));
  EXPECT_EQ(std::get<HttpResponse>(kept).body.size(), 1u << 20);

  TransferRequest request;
  request.onBody = [](const char*, std::size_t) { return false; };
  auto aborted = openHttpSession(server.url("/f"), {})->transfer(request);
  EXPECT_TRUE(std::holds_alternative<TransportError>(aborted));
}

TEST(HttpTransfer, PutSendsTheBodyWithItsContentType) {
  RecordingServer server([&](const HttpRequest&, std::size_t) {
    HttpResponse r;
    r.status = 201;
    return r;
  });
  TransferRequest request;
  request.method = "PUT";
  request.body = "log line 1\nlog line 2\n";
  request.contentType = "text/plain";
  TransferTimes times;
  auto result = openHttpSession(server.url("/upload/log.txt"), {})->transfer(request, &times);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result));
  EXPECT_EQ(std::get<HttpResponse>(result).status, 201);
  ASSERT_EQ(server.requestCount(), 1u);
  const auto req = server.requests()[0];
  EXPECT_EQ(req.method, "PUT");
  EXPECT_EQ(req.body, request.body);
  EXPECT_EQ(req.header("Content-Type"), "text/plain");
  EXPECT_EQ(times.bodyBytes, request.body.size());
}

TEST(HttpTransfer, OnlyGetAndPut) {
  TransferRequest request;
  request.method = "DELETE";
  auto result = openHttpSession("http://127.0.0.1:9/x", {})->transfer(request);
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_NE(std::get<TransportError>(result).message.find("unsupported"), std::string::npos);
}

}  // namespace
}  // namespace cpemu::transport
