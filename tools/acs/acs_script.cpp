#include "acs/acs_script.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "acs/script_node.h"

namespace cpemu::acs {
namespace {

void rejectUnknownKeys(const ScriptNode& node, const std::vector<std::string>& allowed,
                       const std::string& what) {
  for (const auto& entry : node.entries()) {
    if (std::find(allowed.begin(), allowed.end(), entry.name) != allowed.end()) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw ScriptError(entry.keyLocation,
                      "unknown key '" + entry.name + "' in " + what + " (keys: " + list + ")");
  }
}

SessionMatch readMatch(const ScriptNode& node) {
  SessionMatch match;
  if (node.isNull()) return match;
  rejectUnknownKeys(node, {"event", "serial", "oui", "product_class"}, "match");
  for (const auto& [name, value, where] : node.entries()) {
    if (name == "event") {
      if (value.isSequence()) {
        for (const auto& item : value.items()) match.events.push_back(item.scalar());
      } else {
        match.events.push_back(value.scalar());
      }
    } else if (name == "serial") {
      match.serialNumber = value.scalar();
    } else if (name == "oui") {
      match.oui = value.scalar();
    } else if (name == "product_class") {
      match.productClass = value.scalar();
    }
  }
  return match;
}

constexpr std::uint64_t kMaxRepeat = 1000000;
constexpr std::uint64_t kMaxUnsignedInt = 4294967295;

SessionRejection readRejection(const ScriptNode& node) {
  if (!node.isMap()) node.fail("`reject` is a map: {fault: 8005} or {http_status: 503}");
  rejectUnknownKeys(node, {"fault", "fault_string", "http_status"}, "reject");
  SessionRejection rejection;
  std::optional<ScriptNode> faultString;
  for (const auto& [name, value, where] : node.entries()) {
    if (name == "fault") {
      const auto code = value.unsignedInteger(kMaxUnsignedInt);
      // TR-069 A6 §A.5.1: the ACS's own fault codes are 8000-8899 (9000-9899 are the CPE's).
      if (code < kMinAcsFaultCode || code > kMaxAcsFaultCode)
        value.fail("an ACS fault code is from 8000 to 8899 (TR-069 A.5.1), got " + std::to_string(code));
      rejection.faultCode = static_cast<unsigned>(code);
    } else if (name == "fault_string") {
      faultString = value;
    } else if (name == "http_status") {
      const auto status = value.unsignedInteger(kMaxUnsignedInt);
      if (status < 400 || status > 599)
        value.fail("http_status must be an error status from 400 to 599, got " + std::to_string(status));
      rejection.httpStatus = static_cast<int>(status);
    }
  }
  if (rejection.faultCode.has_value() == rejection.httpStatus.has_value())
    node.fail("`reject` takes either `fault` (a SOAP Fault to the Inform) or `http_status`, not " +
              std::string(rejection.faultCode ? "both" : "neither"));
  if (faultString && !rejection.faultCode) faultString->fail("`fault_string` goes with `fault`");
  if (rejection.faultCode)
    rejection.faultString = faultString ? faultString->text() : acsFaultString(*rejection.faultCode);
  return rejection;
}

ScriptSession readSession(const ScriptNode& node) {
  ScriptSession session;
  session.source = node.location();
  if (node.isNull()) return session;
  if (!node.isMap()) node.fail("a session is a map with `rpcs:` (or `reject:`) and an optional `match:`");
  rejectUnknownKeys(node, {"match", "rpcs", "reject", "repeat"}, "a session");
  std::optional<ScriptNode> rpcs;
  for (const auto& [name, value, where] : node.entries()) {
    if (name == "match") session.match = readMatch(value);
    if (name == "rpcs") rpcs = value;
    if (name == "reject") session.reject = readRejection(value);
    if (name == "repeat") {
      const auto repeat = value.unsignedInteger(kMaxRepeat);
      if (repeat == 0) value.fail("repeat counts sessions: at least 1");
      session.repeat = static_cast<unsigned>(repeat);
    }
  }
  if (rpcs && session.reject)
    rpcs->fail("a session that is rejected gets no RPCs: give `rpcs` or `reject`, not both");
  if (rpcs && !rpcs->isNull())
    for (const auto& item : rpcs->items()) session.rpcs.push_back(buildRpc(item));
  return session;
}

AcsScript readScript(const YAML::Node& root, const std::string& sourceName) {
  AcsScript script;
  script.source = sourceName;
  const ScriptNode top(root, sourceName, "", root.Mark());
  if (top.isNull()) return script;  // an empty script: every session gets no RPCs
  if (!top.isMap()) top.fail("an ACS script is a map with `sessions:`, `default:` and `cwmp_version:`");
  rejectUnknownKeys(top, {"cwmp_version", "sessions", "default"}, "the script");
  for (const auto& [name, value, where] : top.entries()) {
    if (name == "cwmp_version") {
      const std::string v = value.scalar();
      if (!cwmpMinorVersion(v))
        value.fail("cwmp_version must be one of 1.0, 1.1, 1.2, 1.3, 1.4 (got '" + v + "')");
      script.cwmpVersion = v;
    } else if (name == "sessions") {
      if (!value.isNull())
        for (const auto& item : value.items()) script.sessions.push_back(readSession(item));
    } else if (name == "default") {
      script.defaultSession = readSession(value);
      if (!script.defaultSession.match.events.empty() || script.defaultSession.match.serialNumber ||
          script.defaultSession.match.oui || script.defaultSession.match.productClass)
        value.fail("`default` takes no `match`: it is what sessions without a matching entry get");
      if (value.isMap() && value.yaml()["repeat"])
        value.fail("`default` takes no `repeat`: it serves every session no entry is left for");
    }
  }
  return script;
}

}  // namespace

bool SessionMatch::matches(const DeviceIdentity& device, const std::vector<InformEvent>& informEvents) const {
  for (const auto& wanted : events) {
    const bool present = std::any_of(informEvents.begin(), informEvents.end(),
                                     [&](const InformEvent& e) { return e.eventCode == wanted; });
    if (!present) return false;
  }
  if (serialNumber && *serialNumber != device.serialNumber) return false;
  if (oui && *oui != device.oui) return false;
  if (productClass && *productClass != device.productClass) return false;
  return true;
}

std::string SessionRejection::describe() const {
  if (faultCode) return "Fault " + std::to_string(*faultCode) + " " + faultString;
  return "HTTP " + std::to_string(httpStatus.value_or(0));
}

std::string SessionMatch::describe() const {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  for (const auto& e : events) add("event " + e);
  if (serialNumber) add("serial " + *serialNumber);
  if (oui) add("oui " + *oui);
  if (productClass) add("product_class " + *productClass);
  return out.empty() ? "any session" : out;
}

std::optional<int> cwmpMinorVersion(std::string_view version) {
  if (version.size() == 3 && version[0] == '1' && version[1] == '.' && version[2] >= '0' && version[2] <= '4')
    return version[2] - '0';
  return std::nullopt;
}

AcsScript parseAcsScript(std::string_view text, const std::string& sourceName) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ScriptError({sourceName, e.mark.line + 1, e.mark.column + 1, ""},
                      "YAML/JSON syntax error: " + e.msg);
  }
  return readScript(root, sourceName);
}

AcsScript loadAcsScript(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScriptError({file.string(), 0, 0, ""}, "cannot open the script file");
  std::ostringstream text;
  text << in.rdbuf();
  return parseAcsScript(text.str(), file.string());
}

}  // namespace cpemu::acs
