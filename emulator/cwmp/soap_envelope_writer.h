// Writes one CWMP SOAP envelope as text: the prolog, soap-env:Envelope with the five namespace prefixes
// TR-069 examples use (soap-env, soap-enc, xsd, xsi, cwmp), the Header, and the Body content element by
// element, indented by two spaces. All text and attribute values go through appendXmlEscaped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cwmp/cwmp_version.h"
#include "cwmp/messages.h"

namespace cpemu::cwmp {

// Appends `text` escaped for XML character data (attribute = false) or a double-quoted attribute value
// (attribute = true): & < > " ' become entity references; CR (and in attributes tab and LF) become character
// references so that XML end-of-line and attribute-value normalisation do not alter them. What XML 1.0 cannot
// carry at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, malformed or overlong UTF-8, surrogates)
// becomes U+FFFD: the envelope stays well-formed whatever bytes a value holds.
void appendXmlEscaped(std::string& out, std::string_view text, bool attribute = false);

class SoapEnvelopeWriter {
 public:
  // Starts the document and writes the Header (only when a field of `header` is set) and <soap-env:Body>.
  SoapEnvelopeWriter(CwmpVersion version, const SoapHeader& header);

  void open(std::string_view tag);
  // <tag soap-enc:arrayType="itemType[count]"> (SOAP 1.1 §5.4.2).
  void openArray(std::string_view tag, std::string_view itemType, std::size_t count);
  void close(std::string_view tag);

  void text(std::string_view tag, std::string_view value);
  void number(std::string_view tag, std::uint64_t value);
  void signedNumber(std::string_view tag, std::int64_t value);
  void boolean(std::string_view tag, bool value);  // xsd:boolean canonical form "true"/"false"
  // <Value xsi:type="type">value</Value>; an empty type is written as xsd:string.
  void typedValue(std::string_view tag, std::string_view type, std::string_view value);

  // Closes Body and Envelope and hands over the text.
  std::string finish() &&;

 private:
  void startLine();
  void startTag(std::string_view tag);

  std::string out_;
  int depth_ = 0;
  bool openTagPending_ = false;  // the last thing written is a start tag whose line is not yet ended
};

}  // namespace cpemu::cwmp
