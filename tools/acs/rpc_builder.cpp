#include "acs/rpc_builder.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>

namespace cpemu::acs {
namespace {

constexpr std::string_view kSoapEnvNs = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr std::string_view kSoapEncNs = "http://schemas.xmlsoap.org/soap/encoding/";
constexpr std::string_view kXsdNs = "http://www.w3.org/2001/XMLSchema";
constexpr std::string_view kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

constexpr std::uint64_t kUnsignedIntMax = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kIntMin = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kIntMax = std::numeric_limits<std::int32_t>::max();

// How a field's value is read from the script and written as XML.
enum class FieldKind {
  String,                      // xs:string (CommandKey, URL, ...)
  UnsignedInt,                 // xs:unsignedInt
  Boolean,                     // xs:boolean
  StringArray,                 // soap-enc array of <string>, arrayType xsd:string[N] (ParameterNames)
  ParameterValueList,          // cwmp:ParameterValueStruct[N]
  SetParameterAttributesList,  // cwmp:SetParameterAttributesStruct[N]
  TimeWindowList,              // cwmp:TimeWindowStruct[N] (1 or 2 windows)
};

struct FieldSpec {
  const char* name;
  FieldKind kind;
  bool required;
  const char* defaultValue;  // for optional scalar fields; optional lists default to empty
};

struct RpcSpec {
  const char* name;
  std::vector<FieldSpec> fields;  // in schema order
  const char* shortForm;          // field filled by "RpcName: value" when value is a list or scalar
};

// The ACS->CPE RPCs of TR-069 A6 (Annex A.3.2 CPE methods, A.4.1 optional CPE methods), field order and
// names as in cwmp-1-2.xsd. Optional fields take defaults an ACS would typically send.
const std::vector<RpcSpec>& rpcSpecs() {
  using K = FieldKind;
  static const std::vector<RpcSpec> specs = {
      {"GetRPCMethods", {}, nullptr},
      {"SetParameterValues",
       {{"ParameterList", K::ParameterValueList, true, nullptr}, {"ParameterKey", K::String, false, ""}},
       "ParameterList"},
      {"GetParameterValues", {{"ParameterNames", K::StringArray, true, nullptr}}, "ParameterNames"},
      {"GetParameterNames",
       {{"ParameterPath", K::String, false, ""}, {"NextLevel", K::Boolean, false, "false"}},
       "ParameterPath"},
      {"SetParameterAttributes",
       {{"ParameterList", K::SetParameterAttributesList, true, nullptr}},
       "ParameterList"},
      {"GetParameterAttributes", {{"ParameterNames", K::StringArray, true, nullptr}}, "ParameterNames"},
      {"AddObject",
       {{"ObjectName", K::String, true, nullptr}, {"ParameterKey", K::String, false, ""}},
       "ObjectName"},
      {"DeleteObject",
       {{"ObjectName", K::String, true, nullptr}, {"ParameterKey", K::String, false, ""}},
       "ObjectName"},
      {"Reboot", {{"CommandKey", K::String, false, ""}}, "CommandKey"},
      {"Download",
       {{"CommandKey", K::String, false, ""},
        {"FileType", K::String, true, nullptr},
        {"URL", K::String, true, nullptr},
        {"Username", K::String, false, ""},
        {"Password", K::String, false, ""},
        {"FileSize", K::UnsignedInt, false, "0"},
        {"TargetFileName", K::String, false, ""},
        {"DelaySeconds", K::UnsignedInt, false, "0"},
        {"SuccessURL", K::String, false, ""},
        {"FailureURL", K::String, false, ""}},
       nullptr},
      {"Upload",
       {{"CommandKey", K::String, false, ""},
        {"FileType", K::String, true, nullptr},
        {"URL", K::String, true, nullptr},
        {"Username", K::String, false, ""},
        {"Password", K::String, false, ""},
        {"DelaySeconds", K::UnsignedInt, false, "0"}},
       nullptr},
      {"FactoryReset", {}, nullptr},
      {"GetQueuedTransfers", {}, nullptr},
      {"GetAllQueuedTransfers", {}, nullptr},
      {"ScheduleInform",
       {{"DelaySeconds", K::UnsignedInt, true, nullptr}, {"CommandKey", K::String, false, ""}},
       nullptr},
      {"ScheduleDownload",
       {{"CommandKey", K::String, false, ""},
        {"FileType", K::String, true, nullptr},
        {"URL", K::String, true, nullptr},
        {"Username", K::String, false, ""},
        {"Password", K::String, false, ""},
        {"FileSize", K::UnsignedInt, false, "0"},
        {"TargetFileName", K::String, false, ""},
        {"TimeWindowList", K::TimeWindowList, true, nullptr}},
       nullptr},
      {"CancelTransfer", {{"CommandKey", K::String, false, ""}}, "CommandKey"},
  };
  return specs;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Reads a map with a fixed set of keys; complains about any other key, naming it.
std::map<std::string, ScriptNode> readFields(const ScriptNode& node, const std::vector<std::string>& allowed,
                                             const std::string& what) {
  std::map<std::string, ScriptNode> out;
  if (node.isNull()) return out;
  if (!node.isMap()) node.fail(what + " takes a map of fields (" + joinNames(allowed) + ")");
  for (auto& entry : node.entries()) {
    if (std::find(allowed.begin(), allowed.end(), entry.name) == allowed.end()) {
      throw ScriptError(entry.keyLocation, "unknown field '" + entry.name + "' in " + what +
                                               (allowed.empty() ? " (it has no fields)"
                                                                : " (fields: " + joinNames(allowed) + ")"));
    }
    out.emplace(entry.name, entry.value);
  }
  return out;
}

void requireField(const ScriptNode& parent, const std::map<std::string, ScriptNode>& fields,
                  const std::string& name, const std::string& what) {
  if (!fields.count(name)) parent.fail(what + " needs the field '" + name + "'");
}

std::string indent(int depth) {
  return std::string(static_cast<std::size_t>(depth) * 2, ' ');
}

std::string element(int depth, std::string_view name, std::string_view text) {
  return indent(depth) + "<" + std::string(name) + ">" + xmlEscape(text) + "</" + std::string(name) + ">\n";
}

std::string arrayOpen(int depth, std::string_view name, std::string_view itemType, std::size_t count) {
  return indent(depth) + "<" + std::string(name) + " soap-enc:arrayType=\"" + std::string(itemType) + "[" +
         std::to_string(count) + "]\">\n";
}

std::string arrayClose(int depth, std::string_view name) {
  return indent(depth) + "</" + std::string(name) + ">\n";
}

// A list of strings; a single scalar counts as a list of one.
std::vector<std::string> stringList(const ScriptNode& node) {
  std::vector<std::string> out;
  if (node.isNull()) return out;
  if (node.isScalar()) return {node.scalar()};
  for (const auto& item : node.items()) out.push_back(item.scalar());
  return out;
}

std::string stringArray(int depth, std::string_view name, const std::vector<std::string>& values) {
  std::string xml = arrayOpen(depth, name, "xsd:string", values.size());
  for (const auto& v : values) xml += element(depth + 1, "string", v);
  return xml + arrayClose(depth, name);
}

// xsi:type of a Value: "xsd:unsignedInt", or a bare "unsignedInt" (xsd: added). Only the prefixes the
// envelope declares can be used, else the CPE could not resolve the QName.
std::string valueType(const ScriptNode& node) {
  std::string type = node.scalar();
  if (type.find(':') == std::string::npos) type = "xsd:" + type;
  const std::string prefix = type.substr(0, type.find(':'));
  const std::string local = type.substr(type.find(':') + 1);
  const bool nameOk = !local.empty() && std::all_of(local.begin(), local.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if ((prefix != "xsd" && prefix != "soap-enc" && prefix != "cwmp") || !nameOk)
    node.fail(
        "Type must be an xsd: type such as xsd:string, xsd:unsignedInt, xsd:boolean, xsd:dateTime (got '" +
        node.scalar() + "')");
  return type;
}

std::string parameterValueList(int depth, const ScriptNode& node) {
  const auto items = node.items();
  std::string xml = arrayOpen(depth, "ParameterList", "cwmp:ParameterValueStruct", items.size());
  for (const auto& item : items) {
    const auto f = readFields(item, {"Name", "Value", "Type"}, "ParameterValueStruct");
    requireField(item, f, "Name", "ParameterValueStruct");
    const std::string type = f.count("Type") ? valueType(f.at("Type")) : "xsd:string";
    const std::string value = f.count("Value") ? f.at("Value").text() : "";
    xml += indent(depth + 1) + "<ParameterValueStruct>\n";
    xml += element(depth + 2, "Name", f.at("Name").scalar());
    xml +=
        indent(depth + 2) + "<Value xsi:type=\"" + xmlEscape(type) + "\">" + xmlEscape(value) + "</Value>\n";
    xml += indent(depth + 1) + "</ParameterValueStruct>\n";
  }
  return xml + arrayClose(depth, "ParameterList");
}

std::string setParameterAttributesList(int depth, const ScriptNode& node) {
  const auto items = node.items();
  if (items.empty()) node.fail("SetParameterAttributes needs at least one SetParameterAttributesStruct");
  std::string xml = arrayOpen(depth, "ParameterList", "cwmp:SetParameterAttributesStruct", items.size());
  for (const auto& item : items) {
    const auto f =
        readFields(item, {"Name", "NotificationChange", "Notification", "AccessListChange", "AccessList"},
                   "SetParameterAttributesStruct");
    requireField(item, f, "Name", "SetParameterAttributesStruct");
    // Giving Notification or AccessList means "change it" unless the script says otherwise.
    const std::string notification =
        f.count("Notification") ? std::to_string(f.at("Notification").integer(0, 6)) : "0";
    const std::string notificationChange = f.count("NotificationChange")
                                               ? f.at("NotificationChange").boolean()
                                           : f.count("Notification") ? "true"
                                                                     : "false";
    const std::vector<std::string> accessList =
        f.count("AccessList") ? stringList(f.at("AccessList")) : std::vector<std::string>{};
    const std::string accessListChange = f.count("AccessListChange") ? f.at("AccessListChange").boolean()
                                         : f.count("AccessList")     ? "true"
                                                                     : "false";
    xml += indent(depth + 1) + "<SetParameterAttributesStruct>\n";
    xml += element(depth + 2, "Name", f.at("Name").scalar());
    xml += element(depth + 2, "NotificationChange", notificationChange);
    xml += element(depth + 2, "Notification", notification);
    xml += element(depth + 2, "AccessListChange", accessListChange);
    xml += stringArray(depth + 2, "AccessList", accessList);
    xml += indent(depth + 1) + "</SetParameterAttributesStruct>\n";
  }
  return xml + arrayClose(depth, "ParameterList");
}

std::string timeWindowList(int depth, const ScriptNode& node) {
  const auto items = node.items();
  // cwmp-1-2.xsd TimeWindowList: one or two TimeWindowStructs (TR-069 A6 §A.4.1.8).
  if (items.empty() || items.size() > 2) node.fail("TimeWindowList takes one or two TimeWindowStructs");
  std::string xml = arrayOpen(depth, "TimeWindowList", "cwmp:TimeWindowStruct", items.size());
  for (const auto& item : items) {
    const auto f = readFields(item, {"WindowStart", "WindowEnd", "WindowMode", "UserMessage", "MaxRetries"},
                              "TimeWindowStruct");
    for (const char* name : {"WindowStart", "WindowEnd", "WindowMode"})
      requireField(item, f, name, "TimeWindowStruct");
    xml += indent(depth + 1) + "<TimeWindowStruct>\n";
    xml += element(depth + 2, "WindowStart",
                   std::to_string(f.at("WindowStart").unsignedInteger(kUnsignedIntMax)));
    xml +=
        element(depth + 2, "WindowEnd", std::to_string(f.at("WindowEnd").unsignedInteger(kUnsignedIntMax)));
    xml += element(depth + 2, "WindowMode", f.at("WindowMode").scalar());
    xml += element(depth + 2, "UserMessage", f.count("UserMessage") ? f.at("UserMessage").text() : "");
    xml +=
        element(depth + 2, "MaxRetries",
                f.count("MaxRetries") ? std::to_string(f.at("MaxRetries").integer(kIntMin, kIntMax)) : "0");
    xml += indent(depth + 1) + "</TimeWindowStruct>\n";
  }
  return xml + arrayClose(depth, "TimeWindowList");
}

std::string fieldXml(int depth, const FieldSpec& spec, const ScriptNode* value) {
  switch (spec.kind) {
    case FieldKind::String:
      return element(depth, spec.name, value ? value->text() : spec.defaultValue);
    case FieldKind::UnsignedInt:
      return element(depth, spec.name,
                     value ? std::to_string(value->unsignedInteger(kUnsignedIntMax)) : spec.defaultValue);
    case FieldKind::Boolean:
      return element(depth, spec.name, value ? value->boolean() : spec.defaultValue);
    case FieldKind::StringArray: {
      const auto values = stringList(*value);
      // cwmp-1-2.xsd ParameterNames: at least one <string>; "" asks for the whole tree (TR-069 A6 §A.3.2.2).
      if (values.empty())
        value->fail(std::string(spec.name) + " needs at least one name (\"\" for everything)");
      return stringArray(depth, spec.name, values);
    }
    case FieldKind::ParameterValueList:
      return parameterValueList(depth, *value);
    case FieldKind::SetParameterAttributesList:
      return setParameterAttributesList(depth, *value);
    case FieldKind::TimeWindowList:
      return timeWindowList(depth, *value);
  }
  return {};
}

RpcRequest buildFromSpec(const RpcSpec& spec, const ScriptNode& args, const ScriptLocation& where) {
  std::vector<std::string> allowed;
  for (const auto& f : spec.fields) allowed.push_back(f.name);

  std::map<std::string, ScriptNode> fields;
  if (spec.shortForm && (args.isSequence() || args.isScalar())) {
    fields.emplace(spec.shortForm, args);
  } else {
    fields = readFields(args, allowed, spec.name);
  }

  std::string body = "<cwmp:" + std::string(spec.name) + ">\n";
  for (const auto& f : spec.fields) {
    const auto it = fields.find(f.name);
    if (it == fields.end() && f.required)
      args.fail(std::string(spec.name) + " needs the field '" + f.name + "'");
    body += fieldXml(1, f, it == fields.end() ? nullptr : &it->second);
  }
  body += "</cwmp:" + std::string(spec.name) + ">";
  if (spec.fields.empty()) body = "<cwmp:" + std::string(spec.name) + "/>";
  return {spec.name, body, where};
}

// `raw:` body elements are sent verbatim; they must be one well-formed element using only the prefixes
// the envelope declares. Its local name becomes the RPC's method.
RpcRequest buildRaw(const ScriptNode& value, const ScriptLocation& where) {
  const std::string raw = value.scalar();
  const std::string wrapped = "<w xmlns:soap-env=\"" + std::string(kSoapEnvNs) + "\" xmlns:soap-enc=\"" +
                              std::string(kSoapEncNs) + "\" xmlns:xsd=\"" + std::string(kXsdNs) +
                              "\" xmlns:xsi=\"" + std::string(kXsiNs) +
                              "\" xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\">" + raw + "</w>";
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), "raw.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      &xmlFreeDoc);
  if (!doc)
    value.fail(
        "raw is not a well-formed XML element (prefixes cwmp, soap-env, soap-enc, xsd, xsi are bound)");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  int elements = 0;
  std::string method;
  for (xmlNode* n = root->children; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      ++elements;
      method = reinterpret_cast<const char*>(n->name);
    } else if (n->type == XML_TEXT_NODE) {
      const std::string text = reinterpret_cast<const char*>(n->content);
      if (text.find_first_not_of(" \t\r\n") != std::string::npos) elements = 2;
    }
  }
  if (elements != 1) value.fail("raw must be exactly one body element");
  return {method, raw, where};
}

}  // namespace

const std::vector<std::string>& knownRpcNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& spec : rpcSpecs()) out.push_back(spec.name);
    return out;
  }();
  return names;
}

RpcRequest buildRpc(const ScriptNode& entry) {
  if (entry.isScalar()) {
    const std::string name = entry.scalar();
    const ScriptNode none(YAML::Node(), entry.file(), entry.key() + "." + name, entry.yaml().Mark());
    for (const auto& spec : rpcSpecs())
      if (name == spec.name) return buildFromSpec(spec, none, entry.location());
    entry.fail("unknown RPC '" + name + "' (known: " + joinNames(knownRpcNames()) + ", raw)");
  }
  if (!entry.isMap()) entry.fail("an RPC is a name (\"Reboot\") or a map with one key, the RPC name");
  const auto entries = entry.entries();
  if (entries.size() != 1)
    entry.fail("an RPC entry has exactly one key, the RPC name (got " + std::to_string(entries.size()) + ")");
  const auto& [name, args, keyLocation] = entries.front();
  if (name == "raw") return buildRaw(args, keyLocation);
  for (const auto& spec : rpcSpecs())
    if (name == spec.name) return buildFromSpec(spec, args, keyLocation);
  throw ScriptError(keyLocation,
                    "unknown RPC '" + name + "' (known: " + joinNames(knownRpcNames()) + ", raw)");
}

std::string buildEnvelope(std::string_view cwmpNamespace, const EnvelopeHeader& header,
                          std::string_view bodyXml) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<soap-env:Envelope xmlns:soap-env=\"" + std::string(kSoapEnvNs) + "\" xmlns:soap-enc=\"" +
         std::string(kSoapEncNs) + "\" xmlns:xsd=\"" + std::string(kXsdNs) + "\" xmlns:xsi=\"" +
         std::string(kXsiNs) + "\" xmlns:cwmp=\"" + xmlEscape(cwmpNamespace) + "\">\n";
  xml += "<soap-env:Header>\n";
  // TR-069 A6 §A.2.2: cwmp:ID, HoldRequests and UseCWMPVersion all carry mustUnderstand="1".
  xml += "<cwmp:ID soap-env:mustUnderstand=\"1\">" + xmlEscape(header.id) + "</cwmp:ID>\n";
  if (header.holdRequests)
    xml += "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">true</cwmp:HoldRequests>\n";
  if (header.useCwmpVersion)
    xml += "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">" + xmlEscape(*header.useCwmpVersion) +
           "</cwmp:UseCWMPVersion>\n";
  xml += "</soap-env:Header>\n<soap-env:Body>\n";
  xml += bodyXml;
  xml += "\n</soap-env:Body>\n</soap-env:Envelope>\n";
  return xml;
}

std::string informResponseBody(unsigned maxEnvelopes) {
  return "<cwmp:InformResponse>\n" + element(1, "MaxEnvelopes", std::to_string(maxEnvelopes)) +
         "</cwmp:InformResponse>";
}

std::string emptyResponseBody(std::string_view method) {
  return "<cwmp:" + std::string(method) + "/>";
}

std::string getRpcMethodsResponseBody(const std::vector<std::string>& methods) {
  std::string xml = "<cwmp:GetRPCMethodsResponse>\n";
  xml += arrayOpen(1, "MethodList", "xsd:string", methods.size());
  for (const auto& m : methods) xml += element(2, "string", m);
  xml += arrayClose(1, "MethodList");
  return xml + "</cwmp:GetRPCMethodsResponse>";
}

std::string faultBody(unsigned faultCode, std::string_view faultString) {
  const bool server = faultCode == 8002 || faultCode == 8004 || faultCode == 8005;
  std::string xml = "<soap-env:Fault>\n";
  xml += element(1, "faultcode", server ? "Server" : "Client");
  xml += element(1, "faultstring", "CWMP fault");
  xml += indent(1) + "<detail>\n" + indent(2) + "<cwmp:Fault>\n";
  xml += element(3, "FaultCode", std::to_string(faultCode));
  xml += element(3, "FaultString", faultString);
  xml += indent(2) + "</cwmp:Fault>\n" + indent(1) + "</detail>\n";
  return xml + "</soap-env:Fault>";
}

std::string acsFaultString(unsigned faultCode) {
  switch (faultCode) {
    case 8000:
      return "Method not supported";
    case 8001:
      return "Request denied (no reason specified)";
    case 8002:
      return "Internal error";
    case 8003:
      return "Invalid arguments";
    case 8004:
      return "Resources exceeded";
    case 8005:
      return "Retry request";
    default:
      return faultCode >= 8800 ? "Vendor-specific fault" : "Reserved fault";
  }
}

std::string xmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace cpemu::acs
