#include "interop/debug_log.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "device/clock.h"

namespace cpemu::interop {
namespace {

// "2026-12-08T01:21:27.889Z": GenieACS writes milliseconds, device::parseDateTime takes whole seconds.
std::chrono::system_clock::time_point parseTimestamp(const std::string& text) {
  std::string whole = text;
  long millis = 0;
  if (auto dot = text.find('.'); dot != std::string::npos) {
    whole = text.substr(0, dot) + "Z";
    millis = std::stol(text.substr(dot + 1, 3));
  }
  auto t = device::parseDateTime(whole);
  if (!t) throw std::runtime_error("debug log: bad timestamp " + text);
  return *t + std::chrono::milliseconds(millis);
}

// The documents' top-level keys, each with its text (the key's line and the lines indented under it).
// GenieACS writes header values such as `accept: */*` unquoted, which no YAML parser accepts as a whole
// document, so each key is parsed on its own and the headers are never parsed.
std::vector<std::pair<std::string, std::string>> topLevelKeys(const std::string& document) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(document);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == ' ') {
      if (!out.empty()) out.back().second += line + "\n";
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.emplace_back(line.substr(0, colon), line + "\n");
  }
  return out;
}

}  // namespace

std::vector<LoggedMessage> readDebugLog(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return {};
  std::stringstream whole;
  whole << in.rdbuf();
  const std::string text = whole.str();
  std::vector<LoggedMessage> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = text.find("\n---\n", begin);
    const std::string document = text.substr(begin, next == std::string::npos ? std::string::npos : next - begin);
    begin = next == std::string::npos ? text.size() : next + 5;
    LoggedMessage m;
    try {
      for (const auto& [key, yaml] : topLevelKeys(document)) {
        if (key != "event" && key != "timestamp" && key != "deviceId" && key != "statusCode" && key != "body")
          continue;
        const YAML::Node node = YAML::Load(yaml)[key];
        const std::string value = node && node.IsScalar() ? node.as<std::string>() : std::string();
        if (key == "event") m.event = value;
        else if (key == "timestamp") m.at = parseTimestamp(value);
        else if (key == "deviceId") m.deviceId = value;
        else if (key == "statusCode") m.status = std::stoi(value);
        else m.body = value;
      }
    } catch (const YAML::Exception& e) {
      throw std::runtime_error("debug log " + file.string() + ": " + e.what() + " in\n" + document);
    }
    if (!m.event.empty()) out.push_back(std::move(m));
  }
  return out;
}

bool SeenInform::hasEvent(const std::string& code) const {
  for (const auto& e : message.events)
    if (e.eventCode == code) return true;
  return false;
}

std::string SeenInform::events() const {
  std::string s;
  for (const auto& e : message.events) s += (s.empty() ? "" : ", ") + e.eventCode;
  return s;
}

std::vector<SeenInform> informsOf(const std::vector<LoggedMessage>& log, const std::string& deviceId) {
  std::vector<SeenInform> out;
  for (const auto& m : log) {
    if (m.event != "incoming HTTP request" || m.body.find("Inform") == std::string::npos) continue;
    acs::CpeMessage parsed = acs::parseCpeMessage(m.body);
    if (parsed.method != "Inform") continue;
    const auto& id = parsed.deviceId;
    if (id.oui + "-" + id.productClass + "-" + id.serialNumber != deviceId) continue;
    out.push_back({m.at, std::move(parsed)});
  }
  return out;
}

std::vector<SentByCpe> sentByCpes(const std::vector<LoggedMessage>& log) {
  std::vector<SentByCpe> out;
  for (const auto& m : log)
    if (m.event == "incoming HTTP request" && m.body.find_first_not_of(" \t\r\n") != std::string::npos)
      out.push_back({m.deviceId, m.body});
  return out;
}

}  // namespace cpemu::interop
