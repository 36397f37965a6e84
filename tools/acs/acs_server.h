// A small scriptable ACS (the ACS side of TR-069 A6 §3.7) on transport::HttpServer. It records what each
// CPE sends, answers CPE requests, and sends each session the RPCs its script entry lists.
//
//   AcsServer acs(options);
//   acs.setScript(parseAcsScript(yaml, "inline.yaml"));
//   acs.start("127.0.0.1", 0);            // any free port
//   ... point a CPE at acs.url() ...
//   acs.waitForSessions(1, std::chrono::seconds(10));
//   for (const SessionRecord& s : acs.sessions()) ...
//
// Thread-safe: several CPEs may talk to it at once; each session is tied to its POSTs by a cookie
// (cpemu-acs-session), or by the TCP connection for CPEs that ignore cookies. With `tls` set it serves
// https, optionally requiring client certificates (mutual TLS).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "acs/acs_script.h"
#include "acs/http_authenticator.h"
#include "acs/session_record.h"
#include "transport/http_server.h"

namespace cpemu::acs {

enum class LogLevel { Off, Info, Debug };

// Sends each CPE's first Inform (per serial number) elsewhere, to test the CPE's redirect handling
// (TR-069 A6 §3.4.5). A Location on this same ACS (another path) works: the CPE's second try is served.
struct RedirectOptions {
  int status = 307;  // 302 or 307
  std::string location;
};

struct AcsOptions {
  AuthOptions auth;                        // ACS-side HTTP authentication (TR-069 A6 §3.4.4)
  std::optional<std::string> cwmpVersion;  // "1.0".."1.4"; overrides the script's cwmp_version
  std::optional<RedirectOptions> redirect;
  bool holdRequests = false;         // cwmp:HoldRequests true on the InformResponse
  std::filesystem::path recordFile;  // when set, one JSON line per finished session is appended
  LogLevel logLevel = LogLevel::Off;
  std::ostream* log = nullptr;               // where log lines go; nullptr = std::cerr
  std::chrono::seconds sessionTimeout{120};  // an open session idle this long is closed as unfinished
  std::size_t maxBodyBytes = 4u << 20;
  std::string path = "/acs";  // the path url() names (every path is served)
  // Serve https with this certificate and key; a clientCaFile makes every client present a certificate
  // signed by that CA (mutual TLS). start() throws when a file cannot be read or loaded.
  std::optional<transport::ServerTlsOptions> tls;
  // Each open connection holds a worker thread for as long as it lives (cpp-httplib's model), so this is
  // how many CPEs can be in a session at once.
  transport::HttpServerOptions http{16, std::chrono::seconds(5)};
};

class AcsServer {
 public:
  explicit AcsServer(AcsOptions options = {});
  ~AcsServer();  // stops
  AcsServer(const AcsServer&) = delete;
  AcsServer& operator=(const AcsServer&) = delete;

  // Binds host:port (0 = any free port) and serves in the background; returns the port. Throws
  // std::runtime_error when it cannot bind, cannot open the record file or cannot read the TLS files.
  std::uint16_t start(const std::string& host, std::uint16_t port);
  // Stops serving; sessions still open are recorded as unfinished.
  void stop();

  // Replaces the script (sessions already open keep the RPCs they were given) and rewinds every CPE's
  // position in it.
  void setScript(AcsScript script);

  // Waits until at least `count` sessions have completed (ended with 204 after the script's last RPC;
  // sessions the script rejects never complete).
  bool waitForSessions(std::size_t count, std::chrono::milliseconds timeout) const;
  // Every session so far, open or finished, in the order they started (copies).
  std::vector<SessionRecord> sessions() const;
  void clearSessions();

  // "http://127.0.0.1:PORT/acs", https with `tls` (a wildcard listen address becomes loopback).
  std::string url() const;

  // The request handler, public so it can be driven without sockets.
  transport::HttpResponse handle(const transport::HttpRequest& request);

 private:
  struct OpenSession {
    std::size_t recordIndex = 0;
    std::string cookie;
    std::string connectionKey;
    std::string cwmpNamespace;
    std::vector<RpcRequest> rpcs;
    std::size_t nextRpc = 0;
    std::optional<std::size_t> pendingExchange;  // index into the record's exchanges
    std::chrono::steady_clock::time_point lastActivity;
  };

  // Where each CPE (by serial number) is in the script: the entry it is at and how many sessions that
  // entry has served it (an entry with `repeat: N` serves N before the cursor moves past it).
  struct ScriptCursor {
    std::size_t next = 0;
    unsigned used = 0;
  };

  transport::HttpResponse startSession(const transport::HttpRequest& request, const CpeMessage& inform);
  transport::HttpResponse rejectSession(SessionRecord record, const SessionRejection& rejection);
  transport::HttpResponse answerCpeRequest(OpenSession& session, const CpeMessage& message,
                                           const std::string& xml);
  void recordCpeAnswer(OpenSession& session, const CpeMessage& message, const std::string& xml);
  transport::HttpResponse nextRpcOrClose(OpenSession& session);
  void endSession(const std::string& cookie, bool completed, const std::string& reason);
  void finishRecord(std::size_t recordIndex, bool completed, const std::string& reason);
  void closeIdleSessions();
  OpenSession* findSession(const transport::HttpRequest& request);
  const ScriptSession& pickScriptEntry(const CpeMessage& inform, int& entryIndex);
  std::optional<std::string> negotiateVersion(const CpeMessage& inform) const;
  transport::HttpResponse soapResponse(const OpenSession& session, const std::string& id,
                                       const std::string& body);
  void log(LogLevel level, const std::string& line) const;
  void logXml(const std::string& direction, const std::string& xml) const;
  std::string randomToken();

  AcsOptions options_;
  HttpAuthenticator authenticator_;
  transport::HttpServer server_;
  std::string host_;
  std::uint16_t port_ = 0;

  mutable std::mutex mutex_;
  mutable std::condition_variable sessionEnded_;
  AcsScript script_;
  std::vector<SessionRecord> records_;
  std::size_t completedCount_ = 0;
  int sessionCounter_ = 0;
  std::uint64_t idCounter_ = 0;
  std::map<std::string, OpenSession> open_;          // by cookie
  // Sessions the ACS ended with its empty response after an InformResponse with HoldRequests: the CPE may
  // still send the requests it held back (TR-069 §3.7.1.4: the CPE ends the session only when it has none
  // left), which are answered and added to the record. By cookie; forgotten at the CPE's empty POST or
  // after sessionTimeout.
  std::map<std::string, OpenSession> held_;
  std::map<std::string, std::string> byConnection_;  // "addr:port" -> cookie
  std::map<std::string, ScriptCursor> scriptCursor_;  // per CPE (serial number)
  std::set<std::string> redirected_;                 // CPEs whose first Inform was redirected
  std::mt19937_64 random_;
  std::ofstream recordStream_;
};

}  // namespace cpemu::acs
