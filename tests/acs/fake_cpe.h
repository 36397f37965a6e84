// A scripted fake CPE for the ACS tests: hand-written CWMP messages posted over real HTTP with
// transport::openHttpSession, and SoapView, which reads the ACS's answers with libxml2 XPath (not with
// the ACS's own parser, so the tests check the wire, not the ACS against itself).
#pragma once

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "transport/http_session.h"

namespace cpemu::acs::test {

inline constexpr const char* kCwmp12 = "urn:dslforum-org:cwmp-1-2";
inline constexpr const char* kCwmp10 = "urn:dslforum-org:cwmp-1-0";
inline constexpr const char* kSoapEnv = "http://schemas.xmlsoap.org/soap/envelope/";

// The CPE's envelopes use the prefixes SOAP-ENV/SOAP-ENC and a given cwmp namespace; the ACS must not
// care about prefixes.
inline std::string cpeEnvelope(const std::string& ns, const std::string& id, const std::string& body,
                               const std::string& extraHeader = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:cwmp=\"" +
         ns + "\">\n<SOAP-ENV:Header>\n<cwmp:ID SOAP-ENV:mustUnderstand=\"1\">" + id + "</cwmp:ID>\n" +
         extraHeader + "</SOAP-ENV:Header>\n<SOAP-ENV:Body>\n" + body +
         "\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n";
}

struct InformSpec {
  std::string serial = "GW00000001";
  std::vector<std::pair<std::string, std::string>> events = {{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}};
  std::string id = "inform-1";
  std::string ns = kCwmp12;
  std::optional<std::string> supportedVersions;  // SupportedCWMPVersions header (CWMP 1.4)
  unsigned retryCount = 0;
};

inline std::string informXml(const InformSpec& spec) {
  std::string events;
  for (const auto& [code, key] : spec.events)
    events += "<EventStruct><EventCode>" + code + "</EventCode><CommandKey>" + key +
              "</CommandKey></EventStruct>\n";
  const std::string body =
      "<cwmp:Inform>\n"
      "<DeviceId><Manufacturer>Example</Manufacturer><OUI>0A1B2C</OUI><ProductClass>EmuGateway</ProductClass>"
      "<SerialNumber>" +
      spec.serial +
      "</SerialNumber></DeviceId>\n"
      "<Event SOAP-ENC:arrayType=\"cwmp:EventStruct[" +
      std::to_string(spec.events.size()) + "]\">\n" + events +
      "</Event>\n<MaxEnvelopes>1</MaxEnvelopes>\n<CurrentTime>2025-01-01T12:00:00Z</CurrentTime>\n"
      "<RetryCount>" +
      std::to_string(spec.retryCount) +
      "</RetryCount>\n"
      "<ParameterList SOAP-ENC:arrayType=\"cwmp:ParameterValueStruct[2]\">\n"
      "<ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name>"
      "<Value xsi:type=\"xsd:string\">1.0.0</Value></ParameterValueStruct>\n"
      "<ParameterValueStruct><Name>Device.ManagementServer.ConnectionRequestURL</Name>"
      "<Value xsi:type=\"xsd:string\">http://127.0.0.1:7547/" +
      spec.serial +
      "</Value></ParameterValueStruct>\n"
      "</ParameterList>\n</cwmp:Inform>";
  const std::string header = spec.supportedVersions
                                 ? "<cwmp:SupportedCWMPVersions SOAP-ENV:mustUnderstand=\"0\">" +
                                       *spec.supportedVersions + "</cwmp:SupportedCWMPVersions>\n"
                                 : "";
  return cpeEnvelope(spec.ns, spec.id, body, header);
}

inline std::string getParameterValuesResponseXml(
    const std::string& id, const std::vector<std::pair<std::string, std::string>>& values,
    const std::string& ns = kCwmp12) {
  std::string list;
  for (const auto& [name, value] : values)
    list += "<ParameterValueStruct><Name>" + name + "</Name><Value xsi:type=\"xsd:string\">" + value +
            "</Value></ParameterValueStruct>\n";
  return cpeEnvelope(
      ns, id,
      "<cwmp:GetParameterValuesResponse><ParameterList SOAP-ENC:arrayType=\"cwmp:ParameterValueStruct[" +
          std::to_string(values.size()) + "]\">\n" + list +
          "</ParameterList></cwmp:GetParameterValuesResponse>");
}

// A response without fields (RebootResponse) or with the given inner XML.
inline std::string responseXml(const std::string& method, const std::string& id,
                               const std::string& inner = "", const std::string& ns = kCwmp12) {
  return cpeEnvelope(ns, id, "<cwmp:" + method + ">" + inner + "</cwmp:" + method + ">");
}

inline std::string faultXml(const std::string& id, unsigned code, const std::string& text,
                            const std::vector<std::pair<std::string, unsigned>>& parameterFaults = {}) {
  std::string spv;
  for (const auto& [name, faultCode] : parameterFaults)
    spv += "<SetParameterValuesFault><ParameterName>" + name + "</ParameterName><FaultCode>" +
           std::to_string(faultCode) +
           "</FaultCode><FaultString>Invalid parameter value</FaultString>"
           "</SetParameterValuesFault>\n";
  return cpeEnvelope(
      kCwmp12, id,
      "<SOAP-ENV:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail>"
      "<cwmp:Fault><FaultCode>" +
          std::to_string(code) + "</FaultCode><FaultString>" + text + "</FaultString>\n" + spv +
          "</cwmp:Fault></detail></SOAP-ENV:Fault>");
}

inline std::string transferCompleteXml(const std::string& id, const std::string& commandKey,
                                       unsigned faultCode = 0) {
  return cpeEnvelope(
      kCwmp12, id,
      "<cwmp:TransferComplete><CommandKey>" + commandKey + "</CommandKey><FaultStruct><FaultCode>" +
          std::to_string(faultCode) +
          "</FaultCode><FaultString></FaultString></FaultStruct>"
          "<StartTime>2025-01-01T12:00:00Z</StartTime><CompleteTime>2025-01-01T12:00:05Z</CompleteTime>"
          "</cwmp:TransferComplete>");
}

// Reads an ACS envelope. "soap-env" and "cwmp" are bound for XPath; "cwmp" to the namespace of the body
// element (of the cwmp:Fault inside a SOAP Fault).
class SoapView {
 public:
  explicit SoapView(const std::string& xml)
      : doc_(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "acs.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             &xmlFreeDoc) {
    if (!doc_) throw std::runtime_error("the ACS sent XML that is not well-formed:\n" + xml);
    xmlNode* body = first("/soap-env:Envelope/soap-env:Body/*");
    if (!body) throw std::runtime_error("the ACS's envelope has no body element:\n" + xml);
    method_ = reinterpret_cast<const char*>(body->name);
    xmlNode* cwmpElement = body;
    if (method_ == "Fault" && body->ns &&
        std::string(reinterpret_cast<const char*>(body->ns->href)) == kSoapEnv)
      cwmpElement = first("/soap-env:Envelope/soap-env:Body/soap-env:Fault/detail/*");
    if (cwmpElement && cwmpElement->ns) namespace_ = reinterpret_cast<const char*>(cwmpElement->ns->href);
  }

  const std::string& method() const { return method_; }  // local name of the body element
  const std::string& cwmpNamespace() const { return namespace_; }
  std::string id() const { return text("/soap-env:Envelope/soap-env:Header/cwmp:ID"); }

  bool has(const std::string& xpath) const { return first(xpath) != nullptr; }
  std::size_t count(const std::string& xpath) const { return all(xpath).size(); }
  std::string text(const std::string& xpath) const {
    xmlNode* n = first(xpath);
    if (!n) return "<absent: " + xpath + ">";
    xmlChar* content = xmlNodeGetContent(n);
    std::string out = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return out;
  }
  // An attribute by namespace URI ("" for none) and local name.
  std::string attribute(const std::string& xpath, const std::string& nsUri, const std::string& name) const {
    xmlNode* n = first(xpath);
    if (!n) return "<absent: " + xpath + ">";
    xmlChar* v = nsUri.empty() ? xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name.c_str()))
                               : xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name.c_str()),
                                              reinterpret_cast<const xmlChar*>(nsUri.c_str()));
    std::string out = v ? reinterpret_cast<const char*>(v) : "<no attribute " + name + ">";
    xmlFree(v);
    return out;
  }
  std::vector<std::string> texts(const std::string& xpath) const {
    std::vector<std::string> out;
    for (xmlNode* n : all(xpath)) {
      xmlChar* content = xmlNodeGetContent(n);
      out.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
      xmlFree(content);
    }
    return out;
  }

 private:
  std::vector<xmlNode*> all(const std::string& xpath) const {
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx(xmlXPathNewContext(doc_.get()),
                                                                         &xmlXPathFreeContext);
    xmlXPathRegisterNs(ctx.get(), BAD_CAST "soap-env", BAD_CAST kSoapEnv);
    xmlXPathRegisterNs(ctx.get(), BAD_CAST "cwmp",
                       BAD_CAST(namespace_.empty() ? kCwmp12 : namespace_.c_str()));
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx.get()), &xmlXPathFreeObject);
    std::vector<xmlNode*> out;
    if (result && result->nodesetval)
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) out.push_back(result->nodesetval->nodeTab[i]);
    return out;
  }
  xmlNode* first(const std::string& xpath) const {
    auto nodes = all(xpath);
    return nodes.empty() ? nullptr : nodes.front();
  }

  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
  std::string method_;
  std::string namespace_;
};

// One CPE session over real HTTP (cookies, redirects and authentication handled by the transport).
class FakeCpe {
 public:
  explicit FakeCpe(const std::string& url, transport::HttpClientOptions options = {})
      : session_(transport::openHttpSession(url, withShortTimeouts(std::move(options)))) {}

  transport::HttpResponse post(const std::string& body) {
    auto result = session_->post(body, body.empty() ? std::nullopt : std::optional<std::string_view>(""));
    if (auto* error = std::get_if<transport::TransportError>(&result))
      throw std::runtime_error("transport error: " + error->message);
    return std::get<transport::HttpResponse>(std::move(result));
  }
  transport::HttpResponse inform(const InformSpec& spec = {}) { return post(informXml(spec)); }
  transport::HttpResponse emptyPost() { return post(""); }

  const std::string& currentUrl() const { return session_->currentUrl(); }

 private:
  static transport::HttpClientOptions withShortTimeouts(transport::HttpClientOptions options) {
    options.connectTimeout = std::chrono::milliseconds(5000);
    options.readTimeout = std::chrono::milliseconds(10000);
    return options;
  }
  std::unique_ptr<transport::HttpSession> session_;
};

}  // namespace cpemu::acs::test
