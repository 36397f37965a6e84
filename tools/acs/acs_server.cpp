#include "acs/acs_server.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "acs/rpc_builder.h"

namespace cpemu::acs {
namespace {

constexpr std::string_view kCookieName = "cpemu-acs-session";
constexpr std::string_view kDefaultNamespace = "urn:dslforum-org:cwmp-1-2";

// TR-069 A6 §3.7.1.1 / Table A.2: the CPE-to-ACS methods an ACS answers; GetRPCMethodsResponse lists them.
const std::vector<std::string>& acsMethods() {
  static const std::vector<std::string> methods = {"Inform", "GetRPCMethods", "TransferComplete",
                                                   "AutonomousTransferComplete", "RequestDownload"};
  return methods;
}

std::string utcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

std::string cookieValue(const std::string& header, std::string_view name) {
  std::size_t i = 0;
  while (i < header.size()) {
    const std::size_t end = std::min(header.find(';', i), header.size());
    std::string pair = header.substr(i, end - i);
    const auto first = pair.find_first_not_of(' ');
    pair = first == std::string::npos ? "" : pair.substr(first);
    const auto eq = pair.find('=');
    if (eq != std::string::npos && std::string_view(pair).substr(0, eq) == name) return pair.substr(eq + 1);
    i = end + 1;
  }
  return {};
}

// Never log a password: the Password fields of Download/Upload/ScheduleDownload are masked.
std::string withoutPasswords(std::string xml) {
  std::size_t pos = 0;
  while ((pos = xml.find("<Password>", pos)) != std::string::npos) {
    const std::size_t start = pos + 10;
    const std::size_t end = xml.find("</Password>", start);
    if (end == std::string::npos) break;
    if (end > start) xml.replace(start, end - start, "***");
    pos = start;
  }
  return xml;
}

std::string eventList(const std::vector<InformEvent>& events) {
  std::string out;
  for (const auto& e : events)
    out += (out.empty() ? "" : ", ") + e.eventCode + (e.commandKey.empty() ? "" : " (" + e.commandKey + ")");
  return "[" + out + "]";
}

// Says which file is missing or unreadable; loading a bad PEM file is reported by the server itself.
void requireReadable(const std::string& file, const std::string& what) {
  if (file.empty()) throw std::runtime_error("cannot serve TLS: no " + what + " file given");
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f)
    throw std::runtime_error("cannot read the " + what + " file '" + file + "': " + std::strerror(errno));
  std::fclose(f);
}

transport::HttpResponse plainResponse(int status, const std::string& text) {
  transport::HttpResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "text/plain"});
  r.body = text + "\n";
  return r;
}

}  // namespace

AcsServer::AcsServer(AcsOptions options)
    : options_(std::move(options)),
      authenticator_(options_.auth),
      server_(options_.http),
      random_(std::random_device{}()) {}

AcsServer::~AcsServer() {
  stop();
}

std::uint16_t AcsServer::start(const std::string& host, std::uint16_t port) {
  if (!options_.recordFile.empty()) {
    recordStream_.open(options_.recordFile, std::ios::app);
    if (!recordStream_) throw std::runtime_error("cannot open record file " + options_.recordFile.string());
  }
  if (options_.tls) {
    requireReadable(options_.tls->certFile, "TLS certificate");
    requireReadable(options_.tls->keyFile, "TLS key");
    if (!options_.tls->clientCaFile.empty()) requireReadable(options_.tls->clientCaFile, "client CA");
  }
  host_ = host;
  port_ = server_.start(
      host, port, [this](const transport::HttpRequest& request) { return handle(request); }, options_.tls);
  return port_;
}

void AcsServer::stop() {
  // Not under mutex_: stopping waits for handlers in flight, which take it.
  if (server_.running()) server_.stop();
  std::lock_guard lock(mutex_);
  std::vector<std::string> cookies;
  for (const auto& [cookie, session] : open_) cookies.push_back(cookie);
  for (const auto& cookie : cookies) endSession(cookie, false, "ACS stopped");
  if (recordStream_.is_open()) recordStream_.flush();
}

void AcsServer::setScript(AcsScript script) {
  std::lock_guard lock(mutex_);
  script_ = std::move(script);
  scriptCursor_.clear();
}

bool AcsServer::waitForSessions(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return sessionEnded_.wait_for(lock, timeout, [&] { return completedCount_ >= count; });
}

std::vector<SessionRecord> AcsServer::sessions() const {
  std::lock_guard lock(mutex_);
  return records_;
}

void AcsServer::clearSessions() {
  std::lock_guard lock(mutex_);
  // Open sessions keep going; their records move to the front.
  std::vector<SessionRecord> kept;
  for (auto& [cookie, session] : open_) {
    kept.push_back(records_[session.recordIndex]);
    session.recordIndex = kept.size() - 1;
  }
  records_ = std::move(kept);
  completedCount_ = 0;
  held_.clear();
}

std::string AcsServer::url() const {
  std::string host = host_;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return (options_.tls ? "https://" : "http://") + host + ":" + std::to_string(port_) + options_.path;
}

void AcsServer::log(LogLevel level, const std::string& line) const {
  if (options_.logLevel == LogLevel::Off || level > options_.logLevel) return;
  std::ostream& out = options_.log ? *options_.log : std::cerr;
  out << line << '\n';
  out.flush();
}

void AcsServer::logXml(const std::string& direction, const std::string& xml) const {
  if (options_.logLevel != LogLevel::Debug || xml.empty()) return;
  log(LogLevel::Debug, direction + "\n" + withoutPasswords(xml));
}

std::string AcsServer::randomToken() {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(random_()),
                static_cast<unsigned long long>(random_()));
  return buf;
}

transport::HttpResponse AcsServer::handle(const transport::HttpRequest& request) {
  // Authentication first, without the session lock: the authenticator has its own.
  const auto auth = authenticator_.check(request);
  std::lock_guard lock(mutex_);
  if (!auth.allowed) {
    // The first request of every session is challenged; only refusals of actual credentials are news.
    const bool routine = auth.reason.rfind("no ", 0) == 0 || auth.reason == "stale nonce";
    log(routine ? LogLevel::Debug : LogLevel::Info, "authentication refused for " + request.remoteAddress +
                                                        ":" + std::to_string(request.remotePort) + ": " +
                                                        auth.reason);
    return *auth.challenge;
  }
  closeIdleSessions();

  if (request.method != "POST") {
    auto r = plainResponse(405, "cpemu-acs: CWMP is spoken with POST");
    r.headers.push_back({"Allow", "POST"});
    return r;
  }

  CpeMessage message;
  try {
    message = parseCpeMessage(request.body, options_.maxBodyBytes);
  } catch (const CpeMessageError& e) {
    log(LogLevel::Info, "bad request from " + request.remoteAddress + ": " + e.what());
    logXml("<< (unparsable)", request.body);
    return plainResponse(400, std::string("cpemu-acs: ") + e.what());
  }
  logXml("<< from " + request.remoteAddress + ":" + std::to_string(request.remotePort), request.body);

  if (message.method == "Inform") {
    const std::string cpeKey =
        message.deviceId.serialNumber.empty() ? request.remoteAddress : message.deviceId.serialNumber;
    // TR-069 A6 §3.4.5: the CPE follows 302/307 for the rest of the session, re-sending its Inform.
    if (options_.redirect && redirected_.insert(cpeKey).second) {
      log(LogLevel::Info, "redirect " + request.remoteAddress + " serial " + message.deviceId.serialNumber +
                              " -> " + options_.redirect->location + " (" +
                              std::to_string(options_.redirect->status) + ")");
      transport::HttpResponse r;
      r.status = options_.redirect->status;
      r.headers.push_back({"Location", options_.redirect->location});
      return r;
    }
    // A new Inform always starts a new session (§3.7.1.1); one still open on this cookie is abandoned.
    if (OpenSession* previous = findSession(request))
      endSession(previous->cookie, false, "superseded by a new Inform");
    return startSession(request, message);
  }

  OpenSession* session = findSession(request);
  if (!session) {
    auto held = held_.find(cookieValue(request.header("Cookie"), kCookieName));
    if (held != held_.end() && message.isEmpty()) {
      held_.erase(held);
      return {204, {}, {}};
    }
    // A request the CPE held back until the ACS had no more (HoldRequests, TR-069 A.2.2.2).
    if (held != held_.end() && !message.isResponse()) {
      held->second.lastActivity = std::chrono::steady_clock::now();
      return answerCpeRequest(held->second, message, request.body);
    }
    if (message.isEmpty()) return {204, {}, {}};  // nothing to do for a CPE we have no session with
    log(LogLevel::Info, "no session for " + message.method + " from " + request.remoteAddress + ":" +
                            std::to_string(request.remotePort) + " (a session starts with an Inform)");
    return plainResponse(400,
                         "cpemu-acs: no CWMP session; a session starts with an Inform (TR-069 A6 3.7.1.1)");
  }
  session->lastActivity = std::chrono::steady_clock::now();
  session->connectionKey = request.remoteAddress + ":" + std::to_string(request.remotePort);
  byConnection_[session->connectionKey] = session->cookie;

  if (message.isEmpty()) return nextRpcOrClose(*session);  // §3.7.2.4: the CPE has no more requests
  if (message.isResponse()) {
    recordCpeAnswer(*session, message, request.body);
    return nextRpcOrClose(*session);
  }
  return answerCpeRequest(*session, message, request.body);
}

AcsServer::OpenSession* AcsServer::findSession(const transport::HttpRequest& request) {
  const std::string cookie = cookieValue(request.header("Cookie"), kCookieName);
  if (!cookie.empty()) {
    auto it = open_.find(cookie);
    if (it != open_.end()) return &it->second;
  }
  // Fallback for CPEs that ignore cookies: the TCP connection the session's earlier POSTs came on.
  auto byConn = byConnection_.find(request.remoteAddress + ":" + std::to_string(request.remotePort));
  if (byConn != byConnection_.end()) {
    auto it = open_.find(byConn->second);
    if (it != open_.end()) return &it->second;
  }
  return nullptr;
}

const ScriptSession& AcsServer::pickScriptEntry(const CpeMessage& inform, int& entryIndex) {
  ScriptCursor& cursor = scriptCursor_[inform.deviceId.serialNumber];
  for (std::size_t i = cursor.next; i < script_.sessions.size(); ++i) {
    const ScriptSession& entry = script_.sessions[i];
    if (!entry.match.matches(inform.deviceId, inform.events)) continue;
    if (i != cursor.next) cursor = {i, 0};  // the entries before i are passed over
    if (++cursor.used >= entry.repeat) cursor = {i + 1, 0};
    entryIndex = static_cast<int>(i);
    return entry;
  }
  cursor = {script_.sessions.size(), 0};
  entryIndex = -1;
  return script_.defaultSession;
}

std::optional<std::string> AcsServer::negotiateVersion(const CpeMessage& inform) const {
  const std::string acsVersion = options_.cwmpVersion.value_or(script_.cwmpVersion.value_or("1.4"));
  // TR-069 A6 §3.5 (CWMP 1.4): UseCWMPVersion is only sent by a 1.4 ACS, in reply to SupportedCWMPVersions.
  if (acsVersion != "1.4" || !inform.supportedCwmpVersions) return std::nullopt;
  std::optional<int> best;
  std::stringstream list(*inform.supportedCwmpVersions);
  std::string item;
  while (std::getline(list, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    const auto minor = cwmpMinorVersion(item);
    if (minor && (!best || *minor > *best)) best = minor;
  }
  if (!best) return std::nullopt;
  return "1." + std::to_string(*best);
}

transport::HttpResponse AcsServer::startSession(const transport::HttpRequest& request,
                                                const CpeMessage& inform) {
  SessionRecord record;
  record.number = ++sessionCounter_;
  record.remoteAddress = request.remoteAddress;
  record.remotePort = request.remotePort;
  record.path = request.path;
  record.startedAt = utcNow();
  record.deviceId = inform.deviceId;
  record.events = inform.events;
  record.informParameters = inform.parameters;
  record.informId = inform.id;
  record.cwmpNamespace = inform.cwmpNamespace.empty() ? std::string(kDefaultNamespace) : inform.cwmpNamespace;
  record.supportedCwmpVersions = inform.supportedCwmpVersions;
  record.useCwmpVersion = negotiateVersion(inform);
  record.maxEnvelopes = inform.maxEnvelopes;
  record.retryCount = inform.retryCount;
  record.currentTime = inform.currentTime;
  record.informXml = request.body;

  int entryIndex = -1;
  const ScriptSession& entry = pickScriptEntry(inform, entryIndex);
  record.scriptEntry = entryIndex;

  log(LogLevel::Info, "session " + std::to_string(record.number) + " from " + request.remoteAddress +
                          " serial " + inform.deviceId.serialNumber + " events " + eventList(inform.events));
  if (entry.reject) return rejectSession(std::move(record), *entry.reject);

  OpenSession session;
  session.cookie = randomToken();
  session.connectionKey = request.remoteAddress + ":" + std::to_string(request.remotePort);
  session.cwmpNamespace = record.cwmpNamespace;
  session.rpcs = entry.rpcs;
  session.lastActivity = std::chrono::steady_clock::now();
  records_.push_back(std::move(record));
  session.recordIndex = records_.size() - 1;
  const SessionRecord& rec = records_.back();

  // TR-069 A6 §A.3.3.1: InformResponse echoes the Inform's cwmp:ID (§3.5), MaxEnvelopes is 1, and it is
  // in the namespace of the Inform. HoldRequests (§A.2.2.2) and UseCWMPVersion (CWMP 1.4) are optional.
  EnvelopeHeader header{inform.id, options_.holdRequests, rec.useCwmpVersion};
  const std::string xml = buildEnvelope(session.cwmpNamespace, header, informResponseBody(1));
  logXml(">> InformResponse", xml);

  transport::HttpResponse response;
  response.status = 200;
  response.headers.push_back({"Content-Type", "text/xml; charset=\"utf-8\""});
  // §3.4.2: the CPE returns cookies the ACS sets for the rest of the session.
  response.headers.push_back({"Set-Cookie", std::string(kCookieName) + "=" + session.cookie + "; Path=/"});
  response.body = xml;

  byConnection_[session.connectionKey] = session.cookie;
  const std::string cookie = session.cookie;
  open_.emplace(cookie, std::move(session));
  return response;
}

transport::HttpResponse AcsServer::rejectSession(SessionRecord record, const SessionRejection& rejection) {
  record.useCwmpVersion.reset();  // nothing was negotiated: no InformResponse went out
  transport::HttpResponse response;
  if (rejection.faultCode) {
    // TR-069 A6 §3.4.1: a SOAP Fault goes with HTTP 200. It answers the Inform, so it echoes the Inform's
    // cwmp:ID in the Inform's namespace; no cookie, as no session goes on.
    response.status = 200;
    response.headers.push_back({"Content-Type", "text/xml; charset=\"utf-8\""});
    response.body = buildEnvelope(record.cwmpNamespace, EnvelopeHeader{record.informId, false, std::nullopt},
                                  faultBody(*rejection.faultCode, rejection.faultString));
    logXml(">> Fault " + std::to_string(*rejection.faultCode), response.body);
  } else {
    response.status = rejection.httpStatus.value_or(503);
  }
  records_.push_back(std::move(record));
  finishRecord(records_.size() - 1, false, "rejected with " + rejection.describe());
  return response;
}

transport::HttpResponse AcsServer::soapResponse(const OpenSession& session, const std::string& id,
                                                const std::string& body) {
  transport::HttpResponse response;
  response.status = 200;
  response.headers.push_back({"Content-Type", "text/xml; charset=\"utf-8\""});
  response.body = buildEnvelope(session.cwmpNamespace, EnvelopeHeader{id, false, std::nullopt}, body);
  return response;
}

transport::HttpResponse AcsServer::answerCpeRequest(OpenSession& session, const CpeMessage& message,
                                                    const std::string& xml) {
  CpeRequestRecord request;
  request.method = message.method;
  request.id = message.id;
  request.xml = xml;
  request.commandKey = message.commandKey;
  request.fault = message.fault;

  // TR-069 A6 §3.7.2.3: the ACS answers each CPE request before the CPE sends its empty POST.
  std::string body;
  int status = 200;
  if (message.method == "TransferComplete" || message.method == "AutonomousTransferComplete" ||
      message.method == "RequestDownload") {
    request.answer = message.method + "Response";
    body = emptyResponseBody(request.answer);
  } else if (message.method == "GetRPCMethods") {
    request.answer = "GetRPCMethodsResponse";
    body = getRpcMethodsResponseBody(acsMethods());
  } else {
    // §A.5: 8000 Method not supported. TR-069 §3.4.1 overrides SOAP 1.1 §6.2 here: every HTTP response
    // with a CWMP payload, a SOAP Fault included, uses status 200.
    request.answer = "Fault 8000";
    body = faultBody(8000, acsFaultString(8000));
  }
  log(LogLevel::Info, "  <- " + message.summary() + " -> " + request.answer);
  records_[session.recordIndex].cpeRequests.push_back(std::move(request));

  auto response = soapResponse(session, message.id, body);
  response.status = status;
  logXml(">> " + records_[session.recordIndex].cpeRequests.back().answer, response.body);
  return response;
}

void AcsServer::recordCpeAnswer(OpenSession& session, const CpeMessage& message, const std::string& xml) {
  SessionRecord& record = records_[session.recordIndex];
  if (!session.pendingExchange) {
    log(LogLevel::Info, "  <- " + message.summary() + " (unexpected: no request outstanding)");
    record.exchanges.push_back({});
    session.pendingExchange = record.exchanges.size() - 1;
  } else {
    log(LogLevel::Info, "  <- " + message.summary());
  }
  RpcExchange& exchange = record.exchanges[*session.pendingExchange];
  exchange.responseMethod = message.method;
  exchange.responseId = message.id;
  exchange.responseXml = xml;
  exchange.responseSummary = message.summary();
  exchange.responseParameters = message.parameters;
  if (message.isFault()) exchange.fault = message.fault;
  session.pendingExchange.reset();
}

transport::HttpResponse AcsServer::nextRpcOrClose(OpenSession& session) {
  SessionRecord& record = records_[session.recordIndex];
  if (session.pendingExchange) {
    // An empty POST while a request is outstanding: the CPE did not answer it (TR-069 A6 §3.7.2.4 allows
    // the empty POST only with no response owed). Record that and go on.
    log(LogLevel::Info, "  <- (empty POST; " + record.exchanges[*session.pendingExchange].requestMethod +
                            " left unanswered)");
    session.pendingExchange.reset();
  }
  if (session.nextRpc >= session.rpcs.size()) {
    // §3.7.1.4: the ACS ends the session with an empty HTTP response (204 No Content).
    log(LogLevel::Debug, "  session " + std::to_string(record.number) + " complete (204)");
    if (options_.holdRequests) held_[session.cookie] = session;
    endSession(session.cookie, true, "complete");
    return {204, {}, {}};
  }
  const RpcRequest& rpc = session.rpcs[session.nextRpc++];
  RpcExchange exchange;
  exchange.requestMethod = rpc.method;
  exchange.requestId = "cpemu-acs-" + std::to_string(record.number) + "-" + std::to_string(++idCounter_);
  auto response = soapResponse(session, exchange.requestId, rpc.bodyXml);
  exchange.requestXml = response.body;
  log(LogLevel::Info, "  -> " + rpc.method);
  logXml(">> " + rpc.method, response.body);
  record.exchanges.push_back(std::move(exchange));
  session.pendingExchange = record.exchanges.size() - 1;
  return response;
}

void AcsServer::endSession(const std::string& cookie, bool completed, const std::string& reason) {
  auto it = open_.find(cookie);
  if (it == open_.end()) return;
  const std::size_t recordIndex = it->second.recordIndex;
  auto conn = byConnection_.find(it->second.connectionKey);
  if (conn != byConnection_.end() && conn->second == cookie) byConnection_.erase(conn);
  open_.erase(it);
  finishRecord(recordIndex, completed, reason);
}

void AcsServer::finishRecord(std::size_t recordIndex, bool completed, const std::string& reason) {
  SessionRecord& record = records_[recordIndex];
  record.completed = completed;
  record.endReason = reason;
  record.endedAt = utcNow();
  if (!completed)
    log(LogLevel::Info, "session " + std::to_string(record.number) + " ended unfinished: " + reason);
  if (recordStream_.is_open()) {
    recordStream_ << toJson(record).dump() << '\n';
    recordStream_.flush();
  }
  if (completed) ++completedCount_;
  sessionEnded_.notify_all();
}

void AcsServer::closeIdleSessions() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::string> idle;
  for (const auto& [cookie, session] : open_)
    if (now - session.lastActivity > options_.sessionTimeout) idle.push_back(cookie);
  for (const auto& cookie : idle) endSession(cookie, false, "idle timeout");
  std::erase_if(held_, [&](const auto& entry) { return now - entry.second.lastActivity > options_.sessionTimeout; });
}

}  // namespace cpemu::acs
