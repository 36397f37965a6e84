#include "acs/session_record.h"

namespace cpemu::acs {
namespace {

nlohmann::json toJson(const ParameterValue& p) {
  return {{"name", p.name}, {"value", p.value}, {"type", p.type}};
}

nlohmann::json toJson(const std::vector<ParameterValue>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : list) out.push_back(toJson(p));
  return out;
}

nlohmann::json toJson(const std::optional<CwmpFaultDetail>& fault) {
  if (!fault) return nullptr;
  nlohmann::json spv = nlohmann::json::array();
  for (const auto& f : fault->setParameterValuesFaults)
    spv.push_back(
        {{"parameterName", f.parameterName}, {"faultCode", f.faultCode}, {"faultString", f.faultString}});
  return {{"faultCode", fault->faultCode},
          {"faultString", fault->faultString},
          {"setParameterValuesFaults", spv}};
}

template <typename T>
nlohmann::json optionalJson(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

bool SessionRecord::hasEvent(const std::string& eventCode) const {
  for (const auto& e : events)
    if (e.eventCode == eventCode) return true;
  return false;
}

const ParameterValue* SessionRecord::informParameter(const std::string& name) const {
  for (const auto& p : informParameters)
    if (p.name == name) return &p;
  return nullptr;
}

nlohmann::json toJson(const SessionRecord& r) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : r.events) events.push_back({{"eventCode", e.eventCode}, {"commandKey", e.commandKey}});

  nlohmann::json cpeRequests = nlohmann::json::array();
  for (const auto& c : r.cpeRequests) {
    cpeRequests.push_back({{"method", c.method},
                           {"id", c.id},
                           {"commandKey", c.commandKey},
                           {"fault", toJson(c.fault)},
                           {"answer", c.answer},
                           {"xml", c.xml}});
  }

  nlohmann::json exchanges = nlohmann::json::array();
  for (const auto& x : r.exchanges) {
    exchanges.push_back({{"requestMethod", x.requestMethod},
                         {"requestId", x.requestId},
                         {"requestXml", x.requestXml},
                         {"responseMethod", x.responseMethod},
                         {"responseId", x.responseId},
                         {"responseXml", x.responseXml},
                         {"responseSummary", x.responseSummary},
                         {"responseParameters", toJson(x.responseParameters)},
                         {"fault", toJson(x.fault)}});
  }

  return {{"session", r.number},
          {"remoteAddress", r.remoteAddress},
          {"remotePort", r.remotePort},
          {"path", r.path},
          {"startedAt", r.startedAt},
          {"endedAt", r.endedAt},
          {"scriptEntry", r.scriptEntry},
          {"completed", r.completed},
          {"endReason", r.endReason},
          {"deviceId",
           {{"manufacturer", r.deviceId.manufacturer},
            {"oui", r.deviceId.oui},
            {"productClass", r.deviceId.productClass},
            {"serialNumber", r.deviceId.serialNumber}}},
          {"events", events},
          {"informParameters", toJson(r.informParameters)},
          {"informId", r.informId},
          {"cwmpNamespace", r.cwmpNamespace},
          {"supportedCwmpVersions", optionalJson(r.supportedCwmpVersions)},
          {"useCwmpVersion", optionalJson(r.useCwmpVersion)},
          {"maxEnvelopes", r.maxEnvelopes},
          {"retryCount", r.retryCount},
          {"currentTime", r.currentTime},
          {"informXml", r.informXml},
          {"cpeRequests", cpeRequests},
          {"exchanges", exchanges}};
}

}  // namespace cpemu::acs
