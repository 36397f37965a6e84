#include "cwmp/cwmp_version.h"

namespace cpemu::cwmp {

namespace {

constexpr std::string_view kNamespace10 = "urn:dslforum-org:cwmp-1-0";
constexpr std::string_view kNamespace11 = "urn:dslforum-org:cwmp-1-1";
constexpr std::string_view kNamespace12 = "urn:dslforum-org:cwmp-1-2";

}  // namespace

std::string_view namespaceUri(CwmpVersion version) {
  switch (version) {
    case CwmpVersion::V1_0:
      return kNamespace10;
    case CwmpVersion::V1_1:
      return kNamespace11;
    case CwmpVersion::V1_2:
    case CwmpVersion::V1_3:
    case CwmpVersion::V1_4:
      // CWMP 1.3 and 1.4 add no namespace of their own: cwmp-1-3.xsd and cwmp-1-4.xsd
      // extend urn:dslforum-org:cwmp-1-2.
      return kNamespace12;
  }
  return kNamespace10;
}

std::optional<CwmpVersion> versionFromNamespace(std::string_view uri) {
  // Compared exactly: namespace names are URIs and are not normalised (Namespaces in XML §2.3).
  if (uri == kNamespace10) return CwmpVersion::V1_0;
  if (uri == kNamespace11) return CwmpVersion::V1_1;
  if (uri == kNamespace12) return CwmpVersion::V1_2;
  return std::nullopt;
}

std::string_view versionName(CwmpVersion version) {
  switch (version) {
    case CwmpVersion::V1_0:
      return "1.0";
    case CwmpVersion::V1_1:
      return "1.1";
    case CwmpVersion::V1_2:
      return "1.2";
    case CwmpVersion::V1_3:
      return "1.3";
    case CwmpVersion::V1_4:
      return "1.4";
  }
  return "1.0";
}

std::optional<CwmpVersion> versionFromName(std::string_view name) {
  // Surrounding whitespace is tolerated: the name often comes from a header element's text.
  while (!name.empty() &&
         (name.front() == ' ' || name.front() == '\t' || name.front() == '\r' || name.front() == '\n'))
    name.remove_prefix(1);
  while (!name.empty() &&
         (name.back() == ' ' || name.back() == '\t' || name.back() == '\r' || name.back() == '\n'))
    name.remove_suffix(1);
  if (name == "1.0") return CwmpVersion::V1_0;
  if (name == "1.1") return CwmpVersion::V1_1;
  if (name == "1.2") return CwmpVersion::V1_2;
  if (name == "1.3") return CwmpVersion::V1_3;
  if (name == "1.4") return CwmpVersion::V1_4;
  return std::nullopt;
}

}  // namespace cpemu::cwmp
