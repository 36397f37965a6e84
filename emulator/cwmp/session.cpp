#include "cwmp/session.h"

#include <chrono>

#include "cwmp/rpc/rpc_dispatcher.h"
#include "cwmp/secret_redactor.h"
#include "cwmp/soap_codec.h"
#include "device/behaviours.h"

namespace cpemu::cwmp {
namespace {

std::string supportedVersionsUpTo(CwmpVersion max) {
  std::string out;
  for (int v = 0; v <= static_cast<int>(max); ++v) {
    if (!out.empty()) out += ',';
    out += versionName(static_cast<CwmpVersion>(v));
  }
  return out;
}

// The version the session continues in: the InformResponse's namespace, refined by UseCWMPVersion
// (TR-069 A6 §3.5 / A.2.2.2: the ACS picks, never above what the CPE offered).
CwmpVersion negotiated(const IncomingMessage& m, CwmpVersion max) {
  CwmpVersion v = m.version;
  if (m.header.useCWMPVersion)
    if (auto use = versionFromName(*m.header.useCWMPVersion)) v = *use;
  return static_cast<int>(v) > static_cast<int>(max) ? max : v;
}

std::string describeEvents(const std::vector<EventStruct>& events) {
  std::string s = "[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i) s += ", ";
    s += events[i].eventCode;
    if (!events[i].commandKey.empty()) s += " (" + events[i].commandKey + ")";
  }
  return s + "]";
}

// TR-069 §3.7.1.5 Table 7: "7 TRANSFER COMPLETE" and "M Download"/"M ScheduleDownload"/"M Upload" are
// delivered by the TransferCompleteResponse, not by the InformResponse. Those still owed a TransferComplete
// stay queued; the rest of what the Inform reported is done.
std::vector<device::Event> deliveredByInform(const std::vector<EventStruct>& reported,
                                             const device::TransferQueue& transfers) {
  const auto& owed = transfers.completed();
  std::vector<device::Event> out;
  for (const auto& e : reported) {
    bool stays = false;
    if (e.eventCode == device::event::TransferComplete) stays = !owed.empty();
    for (const auto& c : owed)
      if (e.eventCode == device::completionEvent(c.transfer) && e.commandKey == c.transfer.commandKey) stays = true;
    if (!stays) out.push_back({e.eventCode, e.commandKey});
  }
  return out;
}

// TR-069 A.3.3.2: StartTime and CompleteTime in UTC. FaultString: the standard text of A.5.1 and what
// happened, at most 256 characters (cwmp-1-x.xsd).
TransferComplete transferCompleteFor(const device::CompletedTransfer& done) {
  TransferComplete tc;
  tc.commandKey = done.transfer.commandKey;
  tc.fault.faultCode = done.faultCode;
  if (done.faultCode) {
    std::string text(standardFaultString(done.faultCode));
    if (!done.faultString.empty()) text += (text.empty() ? "" : ": ") + done.faultString;
    tc.fault.faultString = text.substr(0, 256);
  }
  tc.startTime = device::formatDateTime(done.startTime);
  tc.completeTime = device::formatDateTime(done.completeTime);
  return tc;
}

}  // namespace

CwmpSession::CwmpSession(device::Device& device, transport::HttpSession& http, log::Logger& log,
                         SessionOptions options)
    : device_(device), http_(http), log_(log), options_(std::move(options)), label_(device.label()) {}

void CwmpSession::logSoap(std::string_view direction, std::string_view body) {
  if (!log_.enabled(log::Level::Debug)) return;
  log_.debug(label_, std::string(direction) + "\n" + redactSecrets(body, device_.tree()));
}

std::string CwmpSession::send(std::string_view body, std::optional<std::string_view> soapAction,
                              transport::HttpResponse& out) {
  logSoap("CPE -> ACS " + http_.currentUrl(), body.empty() ? std::string_view("(empty POST)") : body);
  auto result = http_.post(body, soapAction);
  if (auto* err = std::get_if<transport::TransportError>(&result)) return err->message;
  out = std::move(std::get<transport::HttpResponse>(result));
  if (out.status == 401) return "ACS refused our credentials (HTTP 401)";
  if (out.status != 200 && out.status != 204)
    return "ACS answered HTTP " + std::to_string(out.status) + " at " + http_.currentUrl();
  if (!out.body.empty()) logSoap("ACS -> CPE", out.body);
  return "";
}

std::string CwmpSession::persist() {
  if (!options_.persist) return "";
  try {
    options_.persist();
    return "";
  } catch (const std::exception& e) {
    return std::string("cannot save the device state: ") + e.what();
  }
}

// TR-069 A.3.3.2: one TransferComplete per finished transfer, each answered by the ACS before the next.
// A TransferCompleteResponse removes the transfer and its events (saved before going on). Anything else
// (a SOAP Fault such as 8005 Retry request, an HTTP error) fails the session: the transfer and the rest
// are kept and sent again in the retried session.
std::string CwmpSession::sendTransferCompletes(CwmpVersion version) {
  std::size_t sent = 0;
  while (!device_.transfers().completed().empty()) {
    const device::CompletedTransfer& done = device_.transfers().completed().front();
    SoapHeader header;
    header.id = label_ + "-tc-" + std::to_string(++sent);
    transport::HttpResponse response;
    if (auto err = send(encodeCpeRequest(transferCompleteFor(done), version, header), "", response); !err.empty())
      return err;
    if (response.body.empty()) return "ACS ended the session without answering TransferComplete";
    DecodeResult decoded = decodeAcsMessage(response.body);
    auto* message = std::get_if<IncomingMessage>(&decoded);
    if (!message) return "ACS answered TransferComplete with an unreadable message";
    // A.5.1 8005 "Retry request": the session failed; the retry wait of §3.2.1.1 applies before the next.
    if (auto* fault = std::get_if<CwmpFault>(&message->body))
      return "ACS answered TransferComplete (CommandKey '" + done.transfer.commandKey + "') with fault " +
             std::to_string(fault->faultCode) + " " + fault->faultString;
    auto* answer = std::get_if<AcsResponse>(&message->body);
    if (!answer || !std::holds_alternative<TransferCompleteResponse>(*answer))
      return "ACS answered TransferComplete with " + message->method + " instead of TransferCompleteResponse";
    log_.info(label_, "-> TransferComplete (CommandKey '" + done.transfer.commandKey + "', fault " +
                          std::to_string(done.faultCode) + ") <- TransferCompleteResponse");
    std::vector<device::Event> delivered = {{std::string(device::completionEvent(done.transfer)), done.transfer.commandKey}};
    device_.transfers().acknowledged(0);
    if (device_.transfers().completed().empty()) delivered.push_back({std::string(device::event::TransferComplete), ""});
    device_.events().delivered(delivered);
    if (auto err = persist(); !err.empty()) return err;
  }
  return "";
}

SessionOptions sessionOptionsFor(const profile::Profile& profile) {
  SessionOptions options;
  options.maxVersion = versionFromName(profile.cwmp.version).value_or(CwmpVersion::V1_4);
  for (const auto& p : profile.cwmp.informParameters) options.inform.extraParameters.push_back(p.path);
  options.handlers.strictTypes = profile.cwmp.strictTypes;
  return options;
}

device::TimePoint CwmpSession::now() const {
  return options_.clock ? options_.clock->now() : std::chrono::system_clock::now();
}

SessionOutcome CwmpSession::run(unsigned retryCount) {
  SessionOutcome outcome;
  auto started = std::chrono::steady_clock::now();

  // 1. Inform (§3.7.1.1). Its namespace is the highest version we speak; 1.4 lists them all.
  const std::string acsUrl = device_.value("ManagementServer.URL");  // what BOOTSTRAP is tied to
  device::refreshBehaviours(device_, now());  // counters, uptime, walks as of this Inform
  device_.prepareInform();
  Inform inform = buildInform(device_, options_.inform, device::formatDateTime(now()), retryCount);
  SoapHeader header;
  header.id = label_ + "-" + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
  if (options_.maxVersion == CwmpVersion::V1_4) header.supportedCWMPVersions = supportedVersionsUpTo(options_.maxVersion);
  log_.info(label_, "session to " + http_.currentUrl() + " events " + describeEvents(inform.events) +
                        (retryCount ? " retry " + std::to_string(retryCount) : ""));
  transport::HttpResponse response;
  if (auto err = send(encodeCpeRequest(inform, options_.maxVersion, header), "", response); !err.empty()) {
    outcome.error = err;
    return outcome;
  }
  if (response.body.empty()) {
    outcome.error = "ACS closed the session without an InformResponse";
    return outcome;
  }
  DecodeResult decoded = decodeAcsMessage(response.body);
  auto* message = std::get_if<IncomingMessage>(&decoded);
  if (!message) {
    outcome.error = "ACS answered the Inform with an unreadable message: " + std::get<DecodeError>(decoded).fault.faultString;
    return outcome;
  }
  if (auto* fault = std::get_if<CwmpFault>(&message->body)) {
    // §3.7.1.1 / A.5: e.g. 8005 "Retry request" — the session failed and will be retried.
    outcome.error = "ACS answered the Inform with fault " + std::to_string(fault->faultCode) + " " + fault->faultString;
    return outcome;
  }
  auto* acsResponse = std::get_if<AcsResponse>(&message->body);
  if (!acsResponse || !std::holds_alternative<InformResponse>(*acsResponse)) {
    outcome.error = "ACS answered the Inform with " + message->method + " instead of InformResponse";
    return outcome;
  }
  outcome.informAccepted = true;
  outcome.version = negotiated(*message, options_.maxVersion);
  device_.informAccepted(deliveredByInform(inform.events, device_.transfers()), acsUrl);
  if (auto err = persist(); !err.empty()) {  // the delivered events must not be reported again
    outcome.error = err;
    return outcome;
  }
  // The CPE's own requests (TransferComplete) go before its empty POST (§3.7.1.2), unless the ACS holds
  // them back with HoldRequests (A.2.2.2): then they wait until an ACS message no longer holds them, which
  // is the empty response that would otherwise end the session (§3.7.1.4: the CPE ends it only when it
  // has no requests left).
  bool holdRequests = message->header.holdRequests.value_or(false);
  bool ownRequestsSent = false;
  if (!holdRequests) {
    ownRequestsSent = true;
    if (auto err = sendTransferCompletes(outcome.version); !err.empty()) {
      outcome.error = err;
      return outcome;
    }
  }

  // 2. Empty POST: the CPE has nothing more to ask (§3.7.1.3), the ACS may now send requests.
  std::string body;  // what the next POST carries: empty, or a response to the ACS's last request
  for (std::size_t exchange = 0;; ++exchange) {
    if (exchange >= options_.maxExchanges) {
      outcome.error = "session exceeded " + std::to_string(options_.maxExchanges) + " exchanges";
      return outcome;
    }
    if (auto err = send(body, body.empty() ? std::nullopt : std::optional<std::string_view>(""), response);
        !err.empty()) {
      outcome.error = err;
      return outcome;
    }
    // 3. The ACS ends the session with 204 or an empty 200 (§3.7.2.4) — unless requests it held back are
    // still to go; after them comes another empty POST.
    if (response.status == 204 || response.body.empty()) {
      if (ownRequestsSent || device_.transfers().completed().empty()) break;
      ownRequestsSent = true;
      if (auto err = sendTransferCompletes(outcome.version); !err.empty()) {
        outcome.error = err;
        return outcome;
      }
      body.clear();
      continue;
    }
    DecodeResult next = decodeAcsMessage(response.body);
    if (auto* error = std::get_if<DecodeError>(&next)) {
      SoapHeader h;
      h.id = error->id;
      log_.info(label_, "<- " + (error->method.empty() ? std::string("(unreadable)") : error->method) + " -> Fault " +
                            std::to_string(error->fault.faultCode));
      body = encodeCpeResponse(error->fault, outcome.version, h);
      continue;
    }
    auto& incoming = std::get<IncomingMessage>(next);
    auto* request = std::get_if<AcsRequest>(&incoming.body);
    if (!request) {
      // A response or fault where a request belongs: nothing to answer; keep the session going.
      log_.warning(label_, "ACS sent " + incoming.method + " where a request was expected; sending an empty POST");
      body.clear();
      continue;
    }
    ++outcome.acsRequests;
    device::refreshBehaviours(device_, now());  // a GetParameterValues reads them as of now
    rpc::Context context{device_, options_.handlers, now()};
    CpeResponse reply = rpc::dispatch(context, *request);
    // Saved before the response leaves: an acknowledged change is never lost.
    if (auto err = persist(); !err.empty()) {
      outcome.error = err;
      return outcome;
    }
    SoapHeader h;
    h.id = incoming.header.id;
    if (auto* fault = std::get_if<CwmpFault>(&reply))
      log_.info(label_, "<- " + incoming.method + " -> Fault " + std::to_string(fault->faultCode) + " " + fault->faultString);
    else
      log_.info(label_, "<- " + incoming.method + " -> " + methodName(reply));
    body = encodeCpeResponse(reply, outcome.version, h);
  }
  outcome.ok = true;
  device_.sessionEnded();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  log_.info(label_, "session done: " + std::to_string(outcome.acsRequests) + " ACS request(s), CWMP " +
                        std::string(versionName(outcome.version)) + ", " + std::to_string(ms) + " ms");
  return outcome;
}

}  // namespace cpemu::cwmp
