// CWMP protocol versions and their SOAP namespaces (TR-069 A6 §3.5, Annex A.2.2 / cwmp-1-N.xsd).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cpemu::cwmp {

enum class CwmpVersion { V1_0 = 0, V1_1 = 1, V1_2 = 2, V1_3 = 3, V1_4 = 4 };

// 1.0 and 1.1 have their own namespaces; 1.2, 1.3 and 1.4 all use urn:dslforum-org:cwmp-1-2.
std::string_view namespaceUri(CwmpVersion version);
// The version a namespace denotes: cwmp-1-2 maps to V1_2 (1.3/1.4 are told apart by headers).
std::optional<CwmpVersion> versionFromNamespace(std::string_view uri);
std::string_view versionName(CwmpVersion version);  // "1.4"
std::optional<CwmpVersion> versionFromName(std::string_view name);

}  // namespace cpemu::cwmp
