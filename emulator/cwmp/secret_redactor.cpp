#include "cwmp/secret_redactor.h"

#include <array>

namespace cpemu::cwmp {
namespace {

bool nameLooksSecret(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kWords = {"Password", "Passphrase", "PreSharedKey", "WEPKey",
                                                              "Secret"};
  for (auto w : kWords)
    if (name.find(w) != std::string_view::npos) return true;
  return false;
}

// Replaces the text content of the element that starts at `open` (its start tag) with "***".
void maskElementText(std::string& s, std::size_t open) {
  std::size_t textStart = s.find('>', open);
  if (textStart == std::string::npos || s[textStart - 1] == '/') return;
  ++textStart;
  std::size_t textEnd = s.find('<', textStart);
  if (textEnd == std::string::npos || textEnd == textStart) return;
  s.replace(textStart, textEnd - textStart, "***");
}

}  // namespace

std::string redactSecrets(std::string_view soap, const datamodel::InstanceTree& tree) {
  std::string s(soap);
  for (std::size_t pos = 0; (pos = s.find("<Name>", pos)) != std::string::npos;) {
    std::size_t start = pos + 6;
    std::size_t end = s.find("</Name>", start);
    if (end == std::string::npos) break;
    std::string name = s.substr(start, end - start);
    pos = end;
    const datamodel::ParameterDef* def = tree.findParameter(name);
    bool secret = nameLooksSecret(name) || (def && (def->syntax.hidden || def->syntax.secured));
    if (!secret) continue;
    std::size_t value = s.find("<Value", end);
    std::size_t nextName = s.find("<Name>", end);
    if (value != std::string::npos && (nextName == std::string::npos || value < nextName)) maskElementText(s, value);
  }
  for (std::size_t pos = 0; (pos = s.find("<Password", pos)) != std::string::npos; pos += 9) maskElementText(s, pos);
  return s;
}

}  // namespace cpemu::cwmp
