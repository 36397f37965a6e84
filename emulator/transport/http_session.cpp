// HttpSession over cpp-httplib's client (one of the two files that include it, with http_server.cpp).
// cpp-httplib carries the bytes; the TR-069 behaviour (connection reuse, cookies, redirects, digest) is
// ours, because its own redirect and digest support neither keeps state across requests nor follows §3.4.
#include "transport/http_session.h"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <utility>

#include "transport/client_authenticator.h"
#include "transport/cookie_jar.h"
#include "transport/http_headers.h"
#include "transport/sigpipe_guard.h"
#include "transport/url.h"

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "compile with the cpp-httplib pkg-config flags (see emulator/CMakeLists.txt)"
#endif

namespace cpemu::transport {
namespace {

constexpr const char* kSoapContentType = "text/xml; charset=\"utf-8\"";  // TR-069 A6 §3.4.1
constexpr int kMaxStaleRetries = 2;

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 307 || status == 308;
}

// The first reason in this thread's OpenSSL error queue ("certificate verify failed", "tlsv13 alert
// certificate required"), emptying the queue.
std::string takeOpenSslReason() {
  std::string reason;
  while (unsigned long code = ERR_get_error()) {
    const char* text = ERR_reason_error_string(code);
    if (reason.empty() && text) reason = text;
  }
  return reason;
}

std::string withReason(const std::string& message, const std::string& reason) {
  return reason.empty() ? message : message + ": " + reason;
}

long long millis(std::chrono::milliseconds d) {
  return static_cast<long long>(d.count());
}

HttpResponse toResponse(const httplib::Response& res) {
  HttpResponse response;
  response.status = res.status;
  for (const auto& [name, value] : res.headers) response.headers.push_back({name, value});
  response.body = res.body;
  return response;
}

class PersistentHttpSession final : public HttpSession {
 public:
  PersistentHttpSession(const std::string& url, HttpClientOptions options)
      : options_(std::move(options)), auth_(options_.username, options_.password), currentUrl_(url) {
    auto parsed = parseUrl(url);
    if (auto* error = std::get_if<UrlError>(&parsed)) {
      urlError_ = "invalid ACS URL: " + error->message;
    } else {
      url_ = std::get<Url>(std::move(parsed));
    }
  }

  ~PersistentHttpSession() override {
    SigpipeGuard guard;  // closing a TLS connection writes close_notify to a peer that may be gone
    client_.reset();
  }

  std::variant<HttpResponse, TransportError> post(std::string_view body,
                                                  std::optional<std::string_view> soapAction) override {
    Outgoing out;
    out.method = "POST";
    out.body = body;
    out.soapAction = soapAction;
    return send(out);
  }

  std::variant<HttpResponse, TransportError> transfer(const TransferRequest& request, TransferTimes* times) override {
    if (request.method != "GET" && request.method != "PUT")
      return TransportError{"unsupported transfer method " + request.method};
    Outgoing out;
    out.method = request.method;
    out.body = request.body;
    out.contentType = request.contentType;
    out.onBody = request.onBody ? &request.onBody : nullptr;
    out.times = times;
    return send(out);
  }

  const std::string& currentUrl() const override { return currentUrl_; }

 private:
  // One request of any kind, with everything post() and transfer() differ in.
  struct Outgoing {
    std::string method;
    std::string_view body;
    std::optional<std::string_view> soapAction;  // POST: a SOAP body's SOAPAction
    std::string contentType;                     // PUT
    const std::function<bool(const char*, std::size_t)>* onBody = nullptr;  // GET streaming
    TransferTimes* times = nullptr;
  };

  std::variant<HttpResponse, TransportError> send(const Outgoing& out) {
    if (!url_) return TransportError{urlError_};
    SigpipeGuard guard;
    bool answeredChallenge = false;
    int staleRetries = 0;
    while (true) {
      if (!client_) {
        if (auto error = connectTo(*url_)) return *error;
      }
      const std::string authorization = auth_.authorization(out.method, url_->target, out.body);
      auto exchanged = exchange(out, authorization);
      if (auto* error = std::get_if<TransportError>(&exchanged)) return std::move(*error);
      HttpResponse response = std::get<HttpResponse>(std::move(exchanged));
      for (const auto& cookie : findHeaders(response.headers, "Set-Cookie")) cookies_.store(cookie, *url_);

      if (isRedirect(response.status) && !response.header("Location").empty()) {
        // TR-069 A6 §3.4.5: the same request goes to the new URL, which the rest of the session uses.
        if (++redirects_ > options_.maxRedirects) {
          return TransportError{"too many redirects: more than " + std::to_string(options_.maxRedirects) +
                                " in this session (the last from " + url_->toString() + ")"};
        }
        auto next = resolveUrl(*url_, response.header("Location"));
        if (auto* error = std::get_if<UrlError>(&next)) {
          return TransportError{"cannot follow the redirect from " + url_->toString() + ": " +
                                error->message};
        }
        moveTo(std::get<Url>(std::move(next)));
        answeredChallenge = false;
        continue;
      }

      if (response.status == 401) {
        // A 401 is answered once per request (twice when only the nonce was stale): wrong credentials end
        // with the 401 returned, never in a loop.
        const auto adopted = auth_.adopt(findHeaders(response.headers, "WWW-Authenticate"));
        if (adopted == ClientAuthenticator::Adopted::Stale && staleRetries < kMaxStaleRetries) {
          ++staleRetries;
          continue;
        }
        if (adopted != ClientAuthenticator::Adopted::None && !answeredChallenge) {
          answeredChallenge = true;
          continue;
        }
      }
      return response;
    }
  }

  std::optional<TransportError> connectTo(const Url& url) {
    client_.reset();
    tlsClient_ = nullptr;
    if (url.https()) {
      const TlsOptions& tls = options_.tls;
      if (tls.clientCertFile.empty() != tls.clientKeyFile.empty()) {
        return TransportError{"TLS: a client certificate needs both clientCertFile and clientKeyFile"};
      }
      ERR_clear_error();
      auto client = tls.clientCertFile.empty()
                        ? std::make_unique<httplib::SSLClient>(url.host, url.port)
                        : std::make_unique<httplib::SSLClient>(url.host, url.port, tls.clientCertFile,
                                                               tls.clientKeyFile);
      if (!client->is_valid()) {
        return TransportError{withReason("TLS: cannot load the client certificate '" + tls.clientCertFile +
                                             "' with its key '" + tls.clientKeyFile + "'",
                                         takeOpenSslReason())};
      }
      client->enable_server_certificate_verification(tls.verifyPeer);
      if (tls.verifyPeer) {
        if (!tls.caFile.empty()) client->set_ca_cert_path(tls.caFile);  // else the system store
        // OpenSSL checks the name (an IP literal against the IP SANs) while verifying the chain, so a
        // mismatch is reported by its reason ("hostname mismatch"); cpp-httplib checks it again after.
        X509_VERIFY_PARAM* param = SSL_CTX_get0_param(client->ssl_context());
        if (url.hostIsIpLiteral()) {
          X509_VERIFY_PARAM_set1_ip_asc(param, url.host.c_str());
        } else {
          X509_VERIFY_PARAM_set1_host(param, url.host.c_str(), url.host.size());
          X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        }
      }
      tlsClient_ = client.get();
      client_ = std::move(client);
    } else {
      client_ = std::make_unique<httplib::ClientImpl>(url.host, url.port);
    }
    client_->set_keep_alive(true);  // TR-069 A6 §3.4.2: one connection for the whole session
    client_->set_follow_location(false);
    client_->set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle/delayed-ACK stall
    client_->set_url_encode(false);  // the target is sent as the URL spells it
    client_->set_connection_timeout(options_.connectTimeout);
    client_->set_read_timeout(options_.readTimeout);
    client_->set_write_timeout(options_.readTimeout);
    // Called once per new socket: tells a request on a kept-alive connection from one on a fresh one.
    client_->set_socket_options([this](socket_t) {
      ++connectionsOpened_;
      tcpOpenedAt_ = std::chrono::system_clock::now();
    });
    return std::nullopt;
  }

  void moveTo(Url next) {
    if (!next.sameOrigin(*url_)) {
      client_.reset();
      tlsClient_ = nullptr;
      auth_.reset();  // a challenge (and pre-emptive credentials) belongs to the server that sent it
    }
    url_ = std::move(next);
    currentUrl_ = url_->toString();
  }

  httplib::Result sendOnce(const Outgoing& out, const std::string& authorization, std::string& streamedError,
                           bool& forwarded) {
    httplib::Headers headers;
    headers.emplace("User-Agent", options_.userAgent);
    // TR-069 A6 §3.4.1: SOAPAction goes with a SOAP body (possibly with an empty value); the empty POST
    // carries neither SOAPAction nor Content-Type, only Content-Length: 0.
    if (!out.body.empty() && out.soapAction) headers.emplace("SOAPAction", std::string(*out.soapAction));
    if (auto cookie = cookies_.cookieHeader(*url_); !cookie.empty())
      headers.emplace("Cookie", std::move(cookie));
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    ERR_clear_error();
    auto now = [] { return std::chrono::system_clock::now(); };
    if (out.times) {
      out.times->requestSent = now();
      out.times->responseStarted.reset();
      out.times->responseEnded.reset();
      out.times->bodyBytes = 0;
    }
    if (out.method == "POST") {
      if (out.body.empty()) return client_->Post(url_->target, headers, std::string(), std::string());
      return client_->Post(url_->target, headers, out.body.data(), out.body.size(), kSoapContentType);
    }
    if (out.method == "PUT") {
      auto result = client_->Put(url_->target, headers, out.body.data(), out.body.size(), out.contentType);
      if (out.times && result) {
        out.times->responseStarted = out.times->responseEnded = now();
        out.times->bodyBytes = out.body.size();
      }
      return result;
    }
    // GET. Only a 2xx body is the file; the body of a redirect or a 401 is kept as the response's.
    bool success = false;
    auto onResponse = [&](const httplib::Response& r) {
      success = r.status >= 200 && r.status < 300;
      if (out.times) out.times->responseStarted = now();
      return true;
    };
    auto onData = [&](const char* data, std::size_t size) {
      if (!success || !out.onBody) {
        streamedError.append(data, size);
        return true;
      }
      if (out.times) {
        out.times->bodyBytes += size;
        out.times->responseEnded = now();
      }
      forwarded = true;
      return (*out.onBody)(data, size);
    };
    auto result = client_->Get(url_->target, headers, onResponse, onData);
    if (out.times && result && !out.times->responseEnded) out.times->responseEnded = now();
    return result;
  }

  std::variant<HttpResponse, TransportError> exchange(const Outgoing& out, const std::string& authorization) {
    const auto openedBefore = connectionsOpened_;
    auto start = std::chrono::steady_clock::now();
    std::string streamed;    // a GET's non-2xx body (it went through the content receiver)
    bool forwarded = false;  // part of a GET's body already reached the caller: never send it twice
    httplib::Result result = sendOnce(out, authorization, streamed, forwarded);
    // cpp-httplib reports a read timeout and a closed connection alike (Error::Read); only a timeout takes
    // the whole read timeout.
    bool timedOut = std::chrono::steady_clock::now() - start >= options_.readTimeout;
    const bool reused = connectionsOpened_ == openedBefore;
    if (!result && reused && !forwarded &&
        (result.error() == httplib::Error::Write || (result.error() == httplib::Error::Read && !timedOut))) {
      // The server closed the kept-alive connection as we reused it (RFC 9112 §9.3.1 lets a client retry
      // then), once, on a new connection. A read that ran into the timeout is not retried: the server may
      // still be working on the request.
      takeOpenSslReason();
      start = std::chrono::steady_clock::now();
      streamed.clear();
      result = sendOnce(out, authorization, streamed, forwarded);
      timedOut = std::chrono::steady_clock::now() - start >= options_.readTimeout;
    }
    if (out.times && connectionsOpened_ != openedBefore) {
      // The connection is opened inside the request call: the request goes out right after it.
      out.times->tcpOpenRequest = tcpOpenedAt_;
      if (out.times->requestSent && *out.times->requestSent < tcpOpenedAt_) out.times->requestSent = tcpOpenedAt_;
    }
    if (result) {
      HttpResponse response = toResponse(*result);
      if (out.method == "GET") response.body = std::move(streamed);
      return response;
    }
    // A retry always went out on a new connection.
    const bool freshConnection = connectionsOpened_ != openedBefore;
    return describe(result.error(), timedOut, freshConnection);
  }

  TransportError describe(httplib::Error error, bool timedOut, bool freshConnection) {
    const std::string where = url_->authority();
    std::string reason = takeOpenSslReason();
    // TLS 1.3 lets the client finish its handshake before the server has checked the client's
    // certificate. A server that wants one it did not get then sends an alert and closes; the alert is
    // only seen when the answer is read ("tlsv13 alert certificate required"), and a write that meets the
    // closed connection first has no reason at all. Name the likely cause rather than say nothing.
    const bool closedRightAfterHandshake =
        tlsClient_ && freshConnection &&
        (error == httplib::Error::Write || (error == httplib::Error::Read && !timedOut));
    if (reason.empty() && closedRightAfterHandshake && options_.tls.clientCertFile.empty()) {
      reason =
          "the server closed the TLS connection right after the handshake, as a server that requires a "
          "client certificate does (none is configured)";
    }
    switch (error) {
      case httplib::Error::Connection:
        return {"cannot connect to " + where + " (refused, unreachable or unknown host)"};
      case httplib::Error::ConnectionTimeout:
        return {"connecting to " + where + " timed out after " +
                std::to_string(millis(options_.connectTimeout)) + " ms"};
      case httplib::Error::Write:
        return {withReason("sending the request to " + where + " failed", reason)};
      case httplib::Error::Read:
        if (timedOut && reason.empty()) {
          return {"no response from " + where + " within " + std::to_string(millis(options_.readTimeout)) +
                  " ms"};
        }
        return {withReason("the connection to " + where + " closed before a complete response", reason)};
      case httplib::Error::SSLConnection:
        return {withReason("TLS handshake with " + where + " failed", reason)};
      case httplib::Error::SSLLoadingCerts:
        return {"TLS: cannot load CA certificates from '" + options_.tls.caFile + "'"};
      case httplib::Error::SSLServerVerification: {
        const long result = tlsClient_ ? tlsClient_->get_openssl_verify_result() : X509_V_OK;
        const std::string why = result != X509_V_OK ? X509_verify_cert_error_string(result)
                                                    : "certificate not valid for host '" + url_->host + "'";
        return {"TLS handshake with " + where + " failed: certificate verify failed (" + why + ")"};
      }
      default:
        return {withReason("HTTP exchange with " + where + " failed (" + httplib::to_string(error) + ")",
                           reason)};
    }
  }

  HttpClientOptions options_;
  ClientAuthenticator auth_;
  std::string currentUrl_;
  std::optional<Url> url_;
  std::string urlError_;
  CookieJar cookies_;
  int redirects_ = 0;
  std::unique_ptr<httplib::ClientImpl> client_;
  httplib::SSLClient* tlsClient_ = nullptr;  // client_ when the URL is https
  std::uint64_t connectionsOpened_ = 0;
  std::chrono::system_clock::time_point tcpOpenedAt_{};
};

}  // namespace

std::unique_ptr<HttpSession> openHttpSession(const std::string& url, const HttpClientOptions& options) {
  return std::make_unique<PersistentHttpSession>(url, options);
}

}  // namespace cpemu::transport
