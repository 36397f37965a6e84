// Decoding of what the ACS sends (TR-069 A6 §3.5, Annex A) from SOAP 1.1 envelopes.
//
// Strict where the meaning of a message is at stake: every argument the BBF schema (cwmp-1-2.xsd) requires
// must be there, booleans are xsd:boolean, numbers fit their type. Lenient where real ACSs differ and nothing
// is lost: arguments in any order, qualified or not, extra arguments ignored, soap-enc:arrayType missing or
// miscounted, any item element name in an array (SOAP 1.1 §5.4.2), whitespace around names and numbers.
//
// Fault mapping for refused messages (the CPE answers with a SOAP Fault, TR-069 A6 §A.5):
//  9004 Resources exceeded  the message is larger than DecodeLimits::maxBytes (checked before parsing), or an
//                           array has more than DecodeLimits::maxArrayItems items;
//  9000 Method not supported  the body element is in a cwmp namespace but is no ACS request or response
//                           decoded here (ChangeDUState, Inform, X_..., anything);
//  9003 Invalid arguments   everything else: not well-formed XML (TR-069 has no code for a broken envelope;
//                           9003 is the "Client" fault that says the request was wrong), a DOCTYPE (SOAP 1.1
//                           §3 forbids it), a non-SOAP-1.1 envelope (SOAP faultcode VersionMismatch, SOAP 1.1
//                           §4.4.1), a header with mustUnderstand="1" that is not understood (SOAP faultcode
//                           MustUnderstand, SOAP 1.1 §4.2.3; TR-069 has no code of its own for it), a Body
//                           with other than one element, a missing argument, a malformed value.
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwmp/soap_codec.h"
#include "cwmp/xml_untrusted_parser.h"

namespace cpemu::cwmp {

namespace {

constexpr std::string_view kSoapEnvelopeNs = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr std::string_view kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
constexpr std::string_view kSoapActorNext = "http://schemas.xmlsoap.org/soap/actor/next";
// A message refused before parsing (too large) still has its cwmp:ID looked for in this much of its start.
constexpr std::size_t kContextPrefixBytes = std::size_t{64} * 1024;
// Names taken from the message are cut to this length when quoted in a FaultString.
constexpr std::size_t kQuotedNameLength = 64;

using MessageBody = decltype(IncomingMessage::body);

// Thrown inside the decoder, turned into a DecodeError at its boundary.
struct Refusal {
  unsigned faultCode = 9003;
  std::string detail;
  std::string soapFaultCode;
};

[[noreturn]] void refuse(std::string detail) {
  throw Refusal{9003, std::move(detail), {}};
}

// ---- libxml2 nodes ----------------------------------------------------------------------------------

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}
std::string_view localName(const xmlNode* n) {
  return view(n->name);
}
std::string_view namespaceOf(const xmlNode* n) {
  return n->ns ? view(n->ns->href) : std::string_view();
}
bool isCwmpNamespace(std::string_view uri) {
  return versionFromNamespace(uri).has_value();
}

bool isSoapElement(const xmlNode* n, std::string_view name) {
  return localName(n) == name && namespaceOf(n) == kSoapEnvelopeNs;
}

template <typename F>
void forEachElement(const xmlNode* parent, F&& f) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) f(c);
}

// First element child with this local name, in any namespace or none: arguments of RPC elements are
// unqualified in the BBF schema, but some ACSs qualify them.
const xmlNode* childNamed(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && localName(c) == name) return c;
  return nullptr;
}

bool isXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimXmlSpace(std::string_view s) {
  while (!s.empty() && isXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view name) {
  std::string out = "'";
  out += name.substr(0, kQuotedNameLength);
  if (name.size() > kQuotedNameLength) out += "...";
  out += "'";
  return out;
}

// Character data of an element, never throwing (for recovering context from a damaged message).
std::string rawText(const xmlNode* n) {
  std::string text;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) text += view(c->content);
  return text;
}

// Character data of a simple-content element; an element inside it makes the message malformed.
// describe() names the element for the FaultString; it is only called on that error path.
template <typename Describe>
std::string describedText(const xmlNode* n, Describe&& describe) {
  std::string text;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      text += view(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      refuse(describe() + " holds an element " + quoted(localName(c)) + " where text is expected");
    } else if (c->type == XML_ENTITY_REF_NODE) {
      refuse(describe() + " holds an entity reference");  // unreachable without a DTD; kept as a guard
    }
  }
  return text;
}

std::string textOf(const xmlNode* n, std::string_view what) {
  return describedText(n, [what] { return std::string(what); });
}

std::optional<std::string> attributeValue(const xmlNode* n, std::string_view ns, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    const std::string_view attrNs = a->ns ? view(a->ns->href) : std::string_view();
    if (view(a->name) != name || attrNs != ns) continue;
    std::string value;
    for (const xmlNode* c = a->children; c; c = c->next)
      if (c->type == XML_TEXT_NODE) value += view(c->content);
    return value;
  }
  return std::nullopt;
}

// ---- simple types (XML Schema Part 2 lexical forms; whitespace collapses for these types)
// ------------------

std::optional<bool> parseBoolean(std::string_view s) {
  s = trimXmlSpace(s);
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

std::optional<std::uint64_t> parseUnsigned(std::string_view s, std::uint64_t max) {
  s = trimXmlSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size() || value > max) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parseSigned(std::string_view s, std::int64_t min, std::int64_t max) {
  s = trimXmlSpace(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  std::uint64_t magnitude = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), magnitude);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  const std::uint64_t limit =
      negative ? static_cast<std::uint64_t>(-(min + 1)) + 1 : static_cast<std::uint64_t>(max);
  if (magnitude > limit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

// ---- arguments of one RPC element or structure ---------------------------------------------------------

// The arguments of an RPC element, or of one item of an array inside it. The item's name for error messages
// ("SetParameterValues.ParameterList[3]") is only built when an error needs it: arrays can hold 100000 items.
class Arguments {
 public:
  Arguments(const xmlNode* element, std::string_view method) : element_(element), name_(method) {}
  Arguments(const xmlNode* item, const Arguments& parent, std::string_view arrayName, std::size_t index)
      : element_(item), parent_(&parent), name_(arrayName), index_(index) {}

  const xmlNode* find(std::string_view name) const { return childNamed(element_, name); }

  const xmlNode* require(std::string_view name) const {
    const xmlNode* n = find(name);
    if (!n) refuse(context() + ": missing argument " + std::string(name));
    return n;
  }

  // Text exactly as sent: keys, credentials, file names, values (xs:string preserves whitespace).
  std::string string(std::string_view name) const {
    return describedText(require(name), [&] { return where(name); });
  }

  // Names, URLs, file types: whitespace around them is layout, never content.
  std::string token(std::string_view name) const { return std::string(trimXmlSpace(string(name))); }

  bool boolean(std::string_view name) const {
    const std::string text = string(name);
    const auto value = parseBoolean(text);
    if (!value) refuse(where(name) + " is not a boolean: " + quoted(text));
    return *value;
  }

  unsigned unsignedInt(std::string_view name) const {
    return static_cast<unsigned>(
        unsignedNumber(name, std::numeric_limits<std::uint32_t>::max(), "unsignedInt"));
  }

  // FileSize is xsd:unsignedInt in the schema; files over 4 GiB exist, so any 64-bit size is taken.
  std::uint64_t unsignedLong(std::string_view name) const {
    return unsignedNumber(name, std::numeric_limits<std::uint64_t>::max(), "unsignedLong");
  }

  int integer(std::string_view name) const {
    const std::string text = string(name);
    const auto value =
        parseSigned(text, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max());
    if (!value) refuse(where(name) + " is not an int: " + quoted(text));
    return static_cast<int>(*value);
  }

  std::string where(std::string_view name) const { return context() + "." + std::string(name); }
  std::string context() const {
    if (!parent_) return std::string(name_);
    return parent_->where(name_) + "[" + std::to_string(index_) + "]";
  }

 private:
  std::uint64_t unsignedNumber(std::string_view name, std::uint64_t max, std::string_view type) const {
    const std::string text = string(name);
    const auto value = parseUnsigned(text, max);
    if (!value) refuse(where(name) + " is not an " + std::string(type) + ": " + quoted(text));
    return *value;
  }

  const xmlNode* element_;
  const Arguments* parent_ = nullptr;  // set for an array item
  std::string_view name_;              // the method, or the array an item belongs to
  std::size_t index_ = 0;
};

// Calls f(item, arguments) for every element of a SOAP-ENC array. soap-enc:arrayType is not consulted: real
// ACSs omit it or get the count wrong, and the items are what is meant. Item names are not significant
// (SOAP 1.1 §5.4.2).
template <typename F>
void forEachItem(const Arguments& parent, std::string_view arrayName, const DecodeLimits& limits, F&& f) {
  const xmlNode* array = parent.require(arrayName);
  std::size_t index = 0;
  for (const xmlNode* c = array->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (index == limits.maxArrayItems)
      throw Refusal{
          9004,
          parent.where(arrayName) + " has more than " + std::to_string(limits.maxArrayItems) + " items",
          {}};
    f(c, Arguments(c, parent, arrayName, index));
    ++index;
  }
}

std::vector<std::string> tokenArray(const Arguments& a, std::string_view arrayName,
                                    const DecodeLimits& limits) {
  std::vector<std::string> items;
  forEachItem(a, arrayName, limits, [&](const xmlNode* item, const Arguments& itemArgs) {
    items.emplace_back(trimXmlSpace(describedText(item, [&] { return itemArgs.context(); })));
  });
  return items;
}

// ---- ACS -> CPE requests (TR-069 A6 Annex A.3.2, A.4.1) ---------------------------------------------------

MessageBody decodeGetRPCMethods(const Arguments&, const DecodeLimits&) {
  return AcsRequest{GetRPCMethods{}};
}

MessageBody decodeGetParameterNames(const Arguments& a, const DecodeLimits&) {
  GetParameterNames m;
  m.parameterPath = a.token("ParameterPath");
  m.nextLevel = a.boolean("NextLevel");
  return AcsRequest{std::move(m)};
}

MessageBody decodeGetParameterValues(const Arguments& a, const DecodeLimits& limits) {
  return AcsRequest{GetParameterValues{tokenArray(a, "ParameterNames", limits)}};
}

MessageBody decodeSetParameterValues(const Arguments& a, const DecodeLimits& limits) {
  SetParameterValues m;
  forEachItem(a, "ParameterList", limits, [&](const xmlNode*, const Arguments& item) {
    ParameterValueStruct p;
    p.name = item.token("Name");
    const xmlNode* value = item.require("Value");
    p.value = describedText(value, [&] { return item.where("Value"); });
    // The xsi:type text is kept as sent ("xsd:boolean"): the handler checks it against the data model (9006).
    // Without an xsi namespace declaration libxml2 leaves the attribute named "xsi:type": taken too.
    auto type = attributeValue(value, kXsiNs, "type");
    if (!type) type = attributeValue(value, {}, "xsi:type");
    if (type) p.type = std::string(trimXmlSpace(*type));
    m.parameterList.push_back(std::move(p));
  });
  m.parameterKey = a.string("ParameterKey");
  return AcsRequest{std::move(m)};
}

MessageBody decodeGetParameterAttributes(const Arguments& a, const DecodeLimits& limits) {
  return AcsRequest{GetParameterAttributes{tokenArray(a, "ParameterNames", limits)}};
}

MessageBody decodeSetParameterAttributes(const Arguments& a, const DecodeLimits& limits) {
  SetParameterAttributes m;
  forEachItem(a, "ParameterList", limits, [&](const xmlNode*, const Arguments& item) {
    SetParameterAttributesStruct s;
    s.name = item.token("Name");
    s.notificationChange = item.boolean("NotificationChange");
    s.notification = item.integer("Notification");
    s.accessListChange = item.boolean("AccessListChange");
    s.accessList = tokenArray(item, "AccessList", limits);
    m.parameterList.push_back(std::move(s));
  });
  return AcsRequest{std::move(m)};
}

MessageBody decodeAddObject(const Arguments& a, const DecodeLimits&) {
  return AcsRequest{AddObject{a.token("ObjectName"), a.string("ParameterKey")}};
}

MessageBody decodeDeleteObject(const Arguments& a, const DecodeLimits&) {
  return AcsRequest{DeleteObject{a.token("ObjectName"), a.string("ParameterKey")}};
}

MessageBody decodeReboot(const Arguments& a, const DecodeLimits&) {
  return AcsRequest{Reboot{a.string("CommandKey")}};
}

MessageBody decodeFactoryReset(const Arguments&, const DecodeLimits&) {
  return AcsRequest{FactoryReset{}};
}

MessageBody decodeScheduleInform(const Arguments& a, const DecodeLimits&) {
  ScheduleInform m;
  m.delaySeconds = a.unsignedInt("DelaySeconds");
  m.commandKey = a.string("CommandKey");
  return AcsRequest{std::move(m)};
}

MessageBody decodeDownload(const Arguments& a, const DecodeLimits&) {
  Download m;
  m.commandKey = a.string("CommandKey");
  m.fileType = a.token("FileType");
  m.url = a.token("URL");
  m.username = a.string("Username");
  m.password = a.string("Password");
  m.fileSize = a.unsignedLong("FileSize");
  m.targetFileName = a.string("TargetFileName");
  m.delaySeconds = a.unsignedInt("DelaySeconds");
  m.successURL = a.token("SuccessURL");
  m.failureURL = a.token("FailureURL");
  return AcsRequest{std::move(m)};
}

MessageBody decodeUpload(const Arguments& a, const DecodeLimits&) {
  Upload m;
  m.commandKey = a.string("CommandKey");
  m.fileType = a.token("FileType");
  m.url = a.token("URL");
  m.username = a.string("Username");
  m.password = a.string("Password");
  m.delaySeconds = a.unsignedInt("DelaySeconds");
  return AcsRequest{std::move(m)};
}

MessageBody decodeScheduleDownload(const Arguments& a, const DecodeLimits& limits) {
  ScheduleDownload m;
  m.commandKey = a.string("CommandKey");
  m.fileType = a.token("FileType");
  m.url = a.token("URL");
  m.username = a.string("Username");
  m.password = a.string("Password");
  m.fileSize = a.unsignedLong("FileSize");
  m.targetFileName = a.string("TargetFileName");
  forEachItem(a, "TimeWindowList", limits, [&](const xmlNode*, const Arguments& item) {
    TimeWindowStruct w;
    w.windowStart = item.unsignedInt("WindowStart");
    w.windowEnd = item.unsignedInt("WindowEnd");
    w.windowMode = item.token("WindowMode");
    w.userMessage = item.string("UserMessage");
    w.maxRetries = item.integer("MaxRetries");
    m.timeWindowList.push_back(std::move(w));
  });
  return AcsRequest{std::move(m)};
}

MessageBody decodeCancelTransfer(const Arguments& a, const DecodeLimits&) {
  return AcsRequest{CancelTransfer{a.string("CommandKey")}};
}

MessageBody decodeGetQueuedTransfers(const Arguments&, const DecodeLimits&) {
  return AcsRequest{GetQueuedTransfers{}};
}

MessageBody decodeGetAllQueuedTransfers(const Arguments&, const DecodeLimits&) {
  return AcsRequest{GetAllQueuedTransfers{}};
}

// ---- ACS -> CPE responses (TR-069 A6 Annex A.3.1, A.3.3) --------------------------------------------------

MessageBody decodeInformResponse(const Arguments& a, const DecodeLimits&) {
  return AcsResponse{InformResponse{a.unsignedInt("MaxEnvelopes")}};
}

MessageBody decodeTransferCompleteResponse(const Arguments&, const DecodeLimits&) {
  return AcsResponse{TransferCompleteResponse{}};
}

MessageBody decodeAutonomousTransferCompleteResponse(const Arguments&, const DecodeLimits&) {
  return AcsResponse{AutonomousTransferCompleteResponse{}};
}

MessageBody decodeRequestDownloadResponse(const Arguments&, const DecodeLimits&) {
  return AcsResponse{RequestDownloadResponse{}};
}

MessageBody decodeGetRPCMethodsResponse(const Arguments& a, const DecodeLimits& limits) {
  return AcsResponse{GetRPCMethodsResponse{tokenArray(a, "MethodList", limits)}};
}

using MethodDecoder = MessageBody (*)(const Arguments&, const DecodeLimits&);

struct MethodEntry {
  std::string_view name;
  MethodDecoder decode;
};

constexpr MethodEntry kMethods[] = {
    {"GetRPCMethods", decodeGetRPCMethods},
    {"GetParameterNames", decodeGetParameterNames},
    {"GetParameterValues", decodeGetParameterValues},
    {"SetParameterValues", decodeSetParameterValues},
    {"GetParameterAttributes", decodeGetParameterAttributes},
    {"SetParameterAttributes", decodeSetParameterAttributes},
    {"AddObject", decodeAddObject},
    {"DeleteObject", decodeDeleteObject},
    {"Reboot", decodeReboot},
    {"FactoryReset", decodeFactoryReset},
    {"ScheduleInform", decodeScheduleInform},
    {"Download", decodeDownload},
    {"Upload", decodeUpload},
    {"ScheduleDownload", decodeScheduleDownload},
    {"CancelTransfer", decodeCancelTransfer},
    {"GetQueuedTransfers", decodeGetQueuedTransfers},
    {"GetAllQueuedTransfers", decodeGetAllQueuedTransfers},
    {"InformResponse", decodeInformResponse},
    {"TransferCompleteResponse", decodeTransferCompleteResponse},
    {"AutonomousTransferCompleteResponse", decodeAutonomousTransferCompleteResponse},
    {"RequestDownloadResponse", decodeRequestDownloadResponse},
    {"GetRPCMethodsResponse", decodeGetRPCMethodsResponse},
};

// ---- SOAP Fault from the ACS (TR-069 A6 §A.5) -------------------------------------------------------------

const xmlNode* cwmpFaultDetail(const xmlNode* soapFault) {
  const xmlNode* detail = childNamed(soapFault, "detail");
  if (!detail) return nullptr;
  for (const xmlNode* c = detail->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && localName(c) == "Fault" && isCwmpNamespace(namespaceOf(c))) return c;
  return nullptr;
}

CwmpFault decodeSoapFault(const xmlNode* soapFault, const DecodeLimits& limits) {
  CwmpFault fault;
  if (const xmlNode* code = childNamed(soapFault, "faultcode"))
    fault.soapFaultCode = trimXmlSpace(textOf(code, "Fault.faultcode"));
  const xmlNode* detail = cwmpFaultDetail(soapFault);
  if (!detail) {
    // A plain SOAP Fault: no CWMP code to report, the SOAP faultstring is all there is.
    if (const xmlNode* text = childNamed(soapFault, "faultstring"))
      fault.faultString = textOf(text, "Fault.faultstring");
    return fault;
  }
  const Arguments a(detail, "Fault.detail.Fault");
  fault.faultCode = a.unsignedInt("FaultCode");
  if (a.find("FaultString")) fault.faultString = a.string("FaultString");
  std::size_t index = 0;
  for (const xmlNode* c = detail->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || localName(c) != "SetParameterValuesFault") continue;
    if (index == limits.maxArrayItems)
      throw Refusal{
          9004,
          "Fault has more than " + std::to_string(limits.maxArrayItems) + " SetParameterValuesFault",
          {}};
    const Arguments item(c, a, "SetParameterValuesFault", index++);
    SetParameterValuesFault entry;
    entry.parameterName = item.token("ParameterName");
    entry.faultCode = item.unsignedInt("FaultCode");
    if (item.find("FaultString")) entry.faultString = item.string("FaultString");
    fault.setParameterValuesFaults.push_back(std::move(entry));
  }
  return fault;
}

// ---- header (TR-069 A6 §3.5: the SOAP header elements, with the 1.3 and 1.4 additions) -------------------

bool mustUnderstand(const xmlNode* n) {
  const auto value = attributeValue(n, kSoapEnvelopeNs, "mustUnderstand");
  if (!value) return false;
  const std::string_view v = trimXmlSpace(*value);
  return v == "1" || v == "true";
}

// SOAP 1.1 §4.2.2: a header entry with an actor other than "next" is for another node; it is not processed,
// and its mustUnderstand does not concern us.
bool addressedToUs(const xmlNode* n) {
  const auto actor = attributeValue(n, kSoapEnvelopeNs, "actor");
  return !actor || trimXmlSpace(*actor) == kSoapActorNext;
}

SoapHeader decodeHeader(const xmlNode* headerElement) {
  SoapHeader header;
  forEachElement(headerElement, [&](const xmlNode* e) {
    if (!addressedToUs(e)) return;
    const std::string_view name = localName(e);
    if (isCwmpNamespace(namespaceOf(e))) {
      if (name == "ID") {
        // Echoed byte for byte in the response (TR-069 A6 §3.5), so not trimmed. The first one counts.
        if (!header.id) header.id = textOf(e, "Header.ID");
        return;
      }
      if (name == "HoldRequests") {
        const std::string text = textOf(e, "Header.HoldRequests");
        const auto value = parseBoolean(text);
        if (!value) refuse("Header.HoldRequests is not a boolean: " + quoted(text));
        header.holdRequests = *value;
        return;
      }
      if (name == "SessionTimeout") {
        const std::string text = textOf(e, "Header.SessionTimeout");
        const auto value = parseUnsigned(text, std::numeric_limits<std::uint32_t>::max());
        if (!value) refuse("Header.SessionTimeout is not an unsignedInt: " + quoted(text));
        header.sessionTimeout = static_cast<unsigned>(*value);
        return;
      }
      if (name == "SupportedCWMPVersions") {
        header.supportedCWMPVersions = std::string(trimXmlSpace(textOf(e, "Header.SupportedCWMPVersions")));
        return;
      }
      if (name == "UseCWMPVersion") {
        header.useCWMPVersion = std::string(trimXmlSpace(textOf(e, "Header.UseCWMPVersion")));
        return;
      }
      // NoMoreRequests (CWMP 1.0, deprecated since 1.1) is understood by being ignored.
      if (name == "NoMoreRequests") return;
    }
    if (mustUnderstand(e)) {
      std::string where = namespaceOf(e).empty() ? std::string() : "{" + std::string(namespaceOf(e)) + "}";
      throw Refusal{
          9003,
          "header " + quoted(where + std::string(name)) + " has mustUnderstand=\"1\" and is not understood",
          "MustUnderstand"};
    }
  });
  return header;
}

// ---- version ------------------------------------------------------------------------------------------

// CWMP 1.3 and 1.4 share the cwmp-1-2 namespace; UseCWMPVersion names the version in use (TR-069 A6 §3.5,
// cwmp-1-4.xsd). A UseCWMPVersion that does not fit the namespace is left for the session to judge.
CwmpVersion refineVersion(CwmpVersion fromNamespace, const std::optional<std::string>& useCWMPVersion) {
  if (fromNamespace != CwmpVersion::V1_2 || !useCWMPVersion) return fromNamespace;
  const auto named = versionFromName(*useCWMPVersion);
  if (named && static_cast<int>(*named) >= static_cast<int>(CwmpVersion::V1_2)) return *named;
  return fromNamespace;
}

std::optional<CwmpVersion> versionDeclaredOn(const xmlNode* n) {
  for (const xmlNs* ns = n->nsDef; ns; ns = ns->next)
    if (const auto version = versionFromNamespace(view(ns->href))) return version;
  return std::nullopt;
}

// What an error reply needs from a message that could not be decoded: its cwmp:ID, its version, its method.
// Never throws; works on a tree libxml2 recovered from damaged bytes.
struct MessageContext {
  std::optional<std::string> id;
  std::optional<CwmpVersion> version;
  std::optional<std::string> useCWMPVersion;
  std::string method;
};

MessageContext recoverContext(const xmlDoc* doc) {
  MessageContext context;
  const xmlNode* root = doc ? xmlDocGetRootElement(const_cast<xmlDoc*>(doc)) : nullptr;
  if (!root) return context;
  const xmlNode* header = childNamed(root, "Header");
  const xmlNode* body = childNamed(root, "Body");
  const xmlNode* method = nullptr;
  if (body)
    for (const xmlNode* c = body->children; c && !method; c = c->next)
      if (c->type == XML_ELEMENT_NODE) method = c;
  if (method) {
    context.method = localName(method);
    if (localName(method) == "Fault" && namespaceOf(method) == kSoapEnvelopeNs) {
      if (const xmlNode* detail = cwmpFaultDetail(method))
        context.version = versionFromNamespace(namespaceOf(detail));
    } else {
      context.version = versionFromNamespace(namespaceOf(method));
    }
  }
  if (header) {
    forEachElement(header, [&](const xmlNode* e) {
      const auto version = versionFromNamespace(namespaceOf(e));
      if (!version) return;
      if (!context.version) context.version = version;
      if (localName(e) == "ID" && !context.id) context.id = rawText(e);
      if (localName(e) == "UseCWMPVersion") context.useCWMPVersion = std::string(trimXmlSpace(rawText(e)));
    });
  }
  for (const xmlNode* n : {method, body, root})
    if (n && !context.version) context.version = versionDeclaredOn(n);
  return context;
}

MessageContext contextFromDamagedBytes(std::string_view bytes) {
  const XmlParseOutcome recovered = parseUntrustedXml(bytes, /*recover=*/true);
  return recoverContext(recovered.doc.get());
}

DecodeError makeError(const Refusal& refusal, const MessageContext& context) {
  DecodeError error;
  error.fault.faultCode = refusal.faultCode;
  error.fault.faultString = std::string(standardFaultString(refusal.faultCode)) + ": " + refusal.detail;
  error.fault.soapFaultCode = refusal.soapFaultCode;
  error.id = context.id;
  error.version = refineVersion(context.version.value_or(CwmpVersion::V1_0), context.useCWMPVersion);
  error.method = context.method;
  return error;
}

// ---- envelope (SOAP 1.1 §4) ------------------------------------------------------------------------------

IncomingMessage decodeEnvelope(const xmlDoc* doc, const MessageContext& context, const DecodeLimits& limits) {
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  if (!root) refuse("the document has no root element");
  if (localName(root) != "Envelope" || namespaceOf(root) != kSoapEnvelopeNs) {
    if (localName(root) == "Envelope")
      throw Refusal{9003, "the Envelope's namespace " + quoted(namespaceOf(root)) + " is not SOAP 1.1's",
                    "VersionMismatch"};
    refuse("the root element " + quoted(localName(root)) + " is not a SOAP 1.1 Envelope");
  }

  const xmlNode* headerElement = nullptr;
  const xmlNode* bodyElement = nullptr;
  forEachElement(root, [&](const xmlNode* e) {
    if (isSoapElement(e, "Header")) {
      if (headerElement || bodyElement) refuse("the SOAP Header must come once, before the Body");
      headerElement = e;
    } else if (isSoapElement(e, "Body")) {
      if (bodyElement) refuse("the Envelope holds two SOAP Bodies");
      bodyElement = e;
    }
    // SOAP 1.1 §4: other namespace-qualified children may follow the Body; nothing here processes them.
  });
  if (!bodyElement) refuse("the Envelope has no SOAP Body");

  IncomingMessage message;
  if (headerElement) message.header = decodeHeader(headerElement);

  const xmlNode* element = nullptr;
  std::size_t elements = 0;
  forEachElement(bodyElement, [&](const xmlNode* e) {
    if (elements++ == 0) element = e;
  });
  if (elements == 0) refuse("the SOAP Body is empty");
  // TR-069 A6 §3.5: one envelope carries one request or response (MaxEnvelopes is 1 in practice).
  if (elements > 1) refuse("the SOAP Body holds " + std::to_string(elements) + " elements, not one");

  message.method = localName(element);
  if (isSoapElement(element, "Fault")) {
    message.body = decodeSoapFault(element, limits);
    message.version =
        refineVersion(context.version.value_or(CwmpVersion::V1_0), message.header.useCWMPVersion);
    return message;
  }
  const auto version = versionFromNamespace(namespaceOf(element));
  if (!version) {
    if (namespaceOf(element).empty())
      refuse("the body element " + quoted(message.method) +
             " has no namespace; CWMP methods are in urn:dslforum-org:cwmp-1-N");
    refuse("the body element " + quoted(message.method) + " is in namespace " + quoted(namespaceOf(element)) +
           ", not a CWMP namespace");
  }
  message.version = refineVersion(*version, message.header.useCWMPVersion);
  for (const MethodEntry& entry : kMethods) {
    if (entry.name != message.method) continue;
    message.body = entry.decode(Arguments(element, message.method), limits);
    return message;
  }
  throw Refusal{9000, "method " + quoted(message.method) + " is not supported", {}};
}

}  // namespace

DecodeResult decodeAcsMessage(std::string_view xml, const DecodeLimits& limits) {
  // libxml2 takes an int length: a limit configured above that is capped there.
  const std::size_t maxBytes = std::min<std::size_t>(limits.maxBytes, std::numeric_limits<int>::max());
  if (xml.size() > maxBytes) {
    const Refusal refusal{9004,
                          "the message has " + std::to_string(xml.size()) +
                              " bytes, more than the limit of " + std::to_string(maxBytes),
                          {}};
    return makeError(refusal,
                     contextFromDamagedBytes(xml.substr(0, std::min(xml.size(), kContextPrefixBytes))));
  }
  const XmlParseOutcome parsed = parseUntrustedXml(xml);
  if (parsed.doctypeRefused)
    return makeError(Refusal{9003, "a SOAP message must not contain a DOCTYPE (SOAP 1.1 §3)", {}}, {});
  if (!parsed.doc)
    return makeError(Refusal{9003, "not well-formed XML (" + parsed.error + ")", {}},
                     contextFromDamagedBytes(xml));

  const MessageContext context = recoverContext(parsed.doc.get());
  try {
    return decodeEnvelope(parsed.doc.get(), context, limits);
  } catch (const Refusal& refusal) {
    return makeError(refusal, context);
  }
}

}  // namespace cpemu::cwmp
