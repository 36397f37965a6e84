#include "acs/cpe_message.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <memory>

namespace cpemu::acs {
namespace {

constexpr std::string_view kSoapEnvNs = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr std::string_view kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

std::string_view localName(const xmlNode* n) {
  return reinterpret_cast<const char*>(n->name);
}

std::string_view namespaceOf(const xmlNode* n) {
  return n->ns && n->ns->href ? std::string_view(reinterpret_cast<const char*>(n->ns->href))
                              : std::string_view();
}

std::string textOf(const xmlNode* n) {
  if (!n) return {};
  xmlChar* content = xmlNodeGetContent(n);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Child elements of a CWMP structure are unqualified (cwmp-1-2.xsd elementFormDefault="unqualified"),
// so they are found by local name alone.
const xmlNode* child(const xmlNode* parent, std::string_view name) {
  if (!parent) return nullptr;
  for (const xmlNode* n = parent->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && localName(n) == name) return n;
  return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view name = {}) {
  std::vector<const xmlNode*> out;
  if (!parent) return out;
  for (const xmlNode* n = parent->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && (name.empty() || localName(n) == name)) out.push_back(n);
  return out;
}

std::string childText(const xmlNode* parent, std::string_view name) {
  return trimmed(textOf(child(parent, name)));
}

unsigned toUnsigned(const std::string& s) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(s.c_str(), &end, 10);
  return end && *end == '\0' && !s.empty() ? static_cast<unsigned>(v) : 0;
}

std::vector<ParameterValue> parameterList(const xmlNode* list) {
  std::vector<ParameterValue> out;
  for (const xmlNode* pvs : children(list, "ParameterValueStruct")) {
    ParameterValue p;
    p.name = childText(pvs, "Name");
    const xmlNode* value = child(pvs, "Value");
    p.value = textOf(value);  // values keep their whitespace
    if (value) {
      xmlChar* type = xmlGetNsProp(value, reinterpret_cast<const xmlChar*>("type"),
                                   reinterpret_cast<const xmlChar*>(std::string(kXsiNs).c_str()));
      if (type) p.type = reinterpret_cast<const char*>(type);
      xmlFree(type);
    }
    out.push_back(std::move(p));
  }
  return out;
}

CwmpFaultDetail faultDetail(const xmlNode* fault) {
  CwmpFaultDetail d;
  d.faultCode = toUnsigned(childText(fault, "FaultCode"));
  d.faultString = childText(fault, "FaultString");
  for (const xmlNode* spv : children(fault, "SetParameterValuesFault")) {
    d.setParameterValuesFaults.push_back({childText(spv, "ParameterName"),
                                          toUnsigned(childText(spv, "FaultCode")),
                                          childText(spv, "FaultString")});
  }
  return d;
}

void readHeader(const xmlNode* header, CpeMessage& msg) {
  for (const xmlNode* h : children(header)) {
    if (localName(h) == "ID") msg.id = trimmed(textOf(h));
    if (localName(h) == "SupportedCWMPVersions") msg.supportedCwmpVersions = trimmed(textOf(h));
  }
}

void readBody(const xmlNode* body, CpeMessage& msg) {
  msg.cwmpNamespace = std::string(namespaceOf(body));
  if (msg.method == "Inform") {
    const xmlNode* id = child(body, "DeviceId");
    msg.deviceId = {childText(id, "Manufacturer"), childText(id, "OUI"), childText(id, "ProductClass"),
                    childText(id, "SerialNumber")};
    for (const xmlNode* ev : children(child(body, "Event"), "EventStruct"))
      msg.events.push_back({childText(ev, "EventCode"), childText(ev, "CommandKey")});
    msg.maxEnvelopes = toUnsigned(childText(body, "MaxEnvelopes"));
    msg.currentTime = childText(body, "CurrentTime");
    msg.retryCount = toUnsigned(childText(body, "RetryCount"));
    msg.parameters = parameterList(child(body, "ParameterList"));
    msg.listItems = msg.parameters.size();
    return;
  }
  if (msg.method == "TransferComplete" || msg.method == "AutonomousTransferComplete") {
    msg.commandKey = childText(body, "CommandKey");
    if (const xmlNode* fs = child(body, "FaultStruct")) msg.fault = faultDetail(fs);
    return;
  }
  if (msg.method == "GetParameterValuesResponse") {
    msg.parameters = parameterList(child(body, "ParameterList"));
    msg.listItems = msg.parameters.size();
    return;
  }
  for (const char* list : {"ParameterList", "MethodList", "TransferList"})
    if (const xmlNode* l = child(body, list)) msg.listItems = children(l).size();
  if (const xmlNode* s = child(body, "Status")) msg.status = trimmed(textOf(s));
  if (const xmlNode* i = child(body, "InstanceNumber")) msg.instanceNumber = trimmed(textOf(i));
}

}  // namespace

bool CpeMessage::isResponse() const {
  return isFault() || (method.size() > 8 && method.compare(method.size() - 8, 8, "Response") == 0);
}

std::string CpeMessage::summary() const {
  if (isEmpty()) return "(empty)";
  if (isFault()) {
    std::string out = "Fault";
    if (fault) out += " " + std::to_string(fault->faultCode) + " " + fault->faultString;
    if (fault && !fault->setParameterValuesFaults.empty())
      out += " (" + std::to_string(fault->setParameterValuesFaults.size()) + " parameter faults)";
    return out;
  }
  std::string detail;
  if (method == "GetParameterValuesResponse" || method == "GetParameterNamesResponse" ||
      method == "GetParameterAttributesResponse" || method == "Inform") {
    detail = std::to_string(listItems) + " parameters";
  } else if (method == "GetRPCMethodsResponse") {
    detail = std::to_string(listItems) + " methods";
  } else if (method == "GetQueuedTransfersResponse" || method == "GetAllQueuedTransfersResponse") {
    detail = std::to_string(listItems) + " transfers";
  } else if (instanceNumber) {
    detail = "instance " + *instanceNumber + (status ? ", status " + *status : "");
  } else if (status) {
    detail = "status " + *status;
  } else if (method == "TransferComplete" || method == "AutonomousTransferComplete") {
    detail = "CommandKey \"" + commandKey + "\"";
    if (fault && fault->faultCode != 0) detail += ", fault " + std::to_string(fault->faultCode);
  }
  return detail.empty() ? method : method + " (" + detail + ")";
}

CpeMessage parseCpeMessage(std::string_view body, std::size_t maxBytes) {
  CpeMessage msg;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return msg;  // the empty POST (§3.7.2.4)
  if (body.size() > maxBytes)
    throw CpeMessageError("body of " + std::to_string(body.size()) + " bytes exceeds the limit of " +
                          std::to_string(maxBytes));

  // No NOENT (no entity expansion), no DTDLOAD, no network.
  DocPtr doc(xmlReadMemory(body.data(), static_cast<int>(body.size()), "cpe.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA),
             &xmlFreeDoc);
  if (!doc) {
    const xmlError* err = xmlGetLastError();
    throw CpeMessageError(
        std::string("not well-formed XML") +
        (err && err->message ? ": " + trimmed(err->message) + " at line " + std::to_string(err->line) : ""));
  }
  if (doc->intSubset || doc->extSubset) throw CpeMessageError("a DTD is not allowed in a CWMP message");

  const xmlNode* envelope = xmlDocGetRootElement(doc.get());
  if (!envelope || localName(envelope) != "Envelope" || namespaceOf(envelope) != kSoapEnvNs)
    throw CpeMessageError("the root element is not a SOAP 1.1 soap-env:Envelope");

  readHeader(child(envelope, "Header"), msg);
  const xmlNode* soapBody = child(envelope, "Body");
  if (!soapBody) throw CpeMessageError("the envelope has no soap-env:Body");
  const auto bodyElements = children(soapBody);
  if (bodyElements.empty()) throw CpeMessageError("soap-env:Body is empty");
  const xmlNode* element = bodyElements.front();

  if (localName(element) == "Fault" && namespaceOf(element) == kSoapEnvNs) {
    msg.method = "Fault";
    const xmlNode* cwmpFault = child(child(element, "detail"), "Fault");
    if (cwmpFault) {
      msg.cwmpNamespace = std::string(namespaceOf(cwmpFault));
      msg.fault = faultDetail(cwmpFault);
    } else {
      msg.fault = CwmpFaultDetail{0, childText(element, "faultstring"), {}};
    }
    return msg;
  }
  msg.method = std::string(localName(element));
  readBody(element, msg);
  return msg;
}

}  // namespace cpemu::acs
