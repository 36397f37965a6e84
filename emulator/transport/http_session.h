// The CPE's HTTP side of one CWMP session (TR-069 A6 §3.4): the only interface the CWMP code sees.
// Implementations hide cpp-httplib and OpenSSL (http_session.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cpemu::transport {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  // First header with this name (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

struct TransportError {
  std::string message;  // what went wrong, for the log: "connect to 127.0.0.1:7547 refused", "TLS: ..."
};

struct TlsOptions {
  bool verifyPeer = true;       // certificate and host name checked against the CA store (secure default)
  std::string caFile;           // PEM bundle; empty = the system store
  std::string clientCertFile;   // PEM client certificate for mutual TLS (optional)
  std::string clientKeyFile;    // its PEM private key
};

struct HttpClientOptions {
  std::string username;  // ACS credentials (ManagementServer.Username/Password)
  std::string password;
  TlsOptions tls;
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::milliseconds readTimeout{30000};
  int maxRedirects = 5;  // TR-069 §3.4.5
  std::string userAgent = "cpemu/" CPEMU_VERSION;
};

// A file transfer (TR-069 Download/Upload) or a TR-143 Download/Upload diagnostic: GET or PUT through the
// same connection, redirect, authentication and TLS handling as post().
struct TransferRequest {
  std::string method = "GET";  // "GET" or "PUT"
  std::string body;            // PUT: what is sent
  std::string contentType = "application/octet-stream";
  // GET: receives the body of a 2xx response as it arrives, which is then not kept in HttpResponse::body;
  // returning false aborts the transfer (a TransportError). Without it the body is kept in the response.
  std::function<bool(const char* data, std::size_t size)> onBody;
};

// When the parts of a transfer happened (TR-143 §4.1: ROMTime, BOMTime, EOMTime; TCPOpenRequestTime).
struct TransferTimes {
  using Time = std::chrono::system_clock::time_point;
  std::optional<Time> tcpOpenRequest;  // a new connection was started (none: a kept-alive one was reused)
  std::optional<Time> requestSent;     // ROMTime: the request was issued (on a new connection: when it opened)
  std::optional<Time> responseStarted; // BOMTime: the response's status line and headers arrived
  std::optional<Time> responseEnded;   // EOMTime: the last byte of the body arrived (or was sent, for PUT)
  std::uint64_t bodyBytes = 0;         // body bytes received (GET) or sent (PUT)
};

// One session's conversation: a persistent HTTP/1.1 connection (re-opened transparently if the server
// closes it), the cookies the ACS set during the session (§3.4.2), redirects (301/302/307/308) followed for
// the rest of the session (at most maxRedirects in the whole session), and 401 challenges answered with
// HTTP digest (MD5 or SHA-256, qop=auth, nc/cnonce; later requests authenticate pre-emptively; stale=true
// answered with the new nonce) or basic auth. Wrong credentials end with the 401 returned.
// Not thread-safe: one session is driven by one thread at a time.
class HttpSession {
 public:
  virtual ~HttpSession() = default;

  // POSTs `body`. A non-empty body goes as Content-Type: text/xml; charset="utf-8" with the SOAPAction
  // header given (TR-069 §3.4.1: empty value for SOAP responses and faults); an empty body is the empty
  // POST, sent with neither header.
  virtual std::variant<HttpResponse, TransportError> post(std::string_view body,
                                                          std::optional<std::string_view> soapAction) = 0;

  // GETs or PUTs the session's URL (see TransferRequest). A 2xx status is the transfer's success; any other
  // status is returned for the caller to map (401 after a failed challenge, 404 …).
  virtual std::variant<HttpResponse, TransportError> transfer(const TransferRequest& request,
                                                              TransferTimes* times = nullptr) = 0;

  // The URL requests go to now (changes after a redirect).
  virtual const std::string& currentUrl() const = 0;
};

// Opens (lazily connects) a session to an http:// or https:// URL. An invalid URL (or one carrying
// user:password@) makes every post() return a TransportError saying why, like an unreachable ACS.
std::unique_ptr<HttpSession> openHttpSession(const std::string& url, const HttpClientOptions& options);

}  // namespace cpemu::transport
