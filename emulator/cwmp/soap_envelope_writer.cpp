#include "cwmp/soap_envelope_writer.h"

#include <charconv>

namespace cpemu::cwmp {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The replacement for one ASCII byte, or "" when it is written as is.
std::string_view asciiEscape(unsigned char c, bool attribute) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";  // also keeps "]]>" out of character data (XML 1.0 §2.4)
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\r':
      return "&#13;";  // a literal CR would be turned into LF by the reader (XML 1.0 §2.11)
    case '\t':
      return attribute ? "&#9;" : "";  // attribute-value normalisation turns literal whitespace into spaces
    case '\n':
      return attribute ? "&#10;" : "";
    default:
      // XML 1.0 §2.2 Char excludes every other C0 control, even as a character reference.
      return c < 0x20 ? kReplacementCharacter : "";
  }
}

struct Utf8Sequence {
  std::size_t length = 0;  // 0: malformed (bad lead or continuation byte, truncated, overlong, surrogate)
  bool xmlChar = false;    // a character XML 1.0 §2.2 allows (not U+FFFE/U+FFFF)
};

Utf8Sequence readUtf8(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  std::uint32_t codePoint = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    codePoint = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    codePoint = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    codePoint = lead & 0x07;
  } else {
    return {};  // a continuation byte or 0xF8..0xFF where a character should start
  }
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {};
    codePoint = (codePoint << 6) | (next & 0x3F);
  }
  const bool overlong = (length == 2 && codePoint < 0x80) || (length == 3 && codePoint < 0x800) ||
                        (length == 4 && codePoint < 0x10000);
  const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
  if (overlong || surrogate || codePoint > 0x10FFFF) return {};
  return {length, codePoint != 0xFFFE && codePoint != 0xFFFF};
}

}  // namespace

void appendXmlEscaped(std::string& out, std::string_view text, bool attribute) {
  std::size_t copiedUpTo = 0;  // text[copiedUpTo, i) is still to be appended unchanged
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    std::size_t consumed = 1;
    if (c < 0x80) {
      replacement = asciiEscape(c, attribute);
    } else {
      const Utf8Sequence sequence = readUtf8(text, i);
      if (sequence.length != 0 && sequence.xmlChar) {
        i += sequence.length;
        continue;
      }
      // A malformed sequence is replaced byte by byte; a well-formed but forbidden character as a whole.
      replacement = kReplacementCharacter;
      if (sequence.length != 0) consumed = sequence.length;
    }
    if (replacement.empty()) {
      ++i;
      continue;
    }
    out.append(text.data() + copiedUpTo, i - copiedUpTo);
    out.append(replacement);
    i += consumed;
    copiedUpTo = i;
  }
  out.append(text.data() + copiedUpTo, text.size() - copiedUpTo);
}

SoapEnvelopeWriter::SoapEnvelopeWriter(CwmpVersion version, const SoapHeader& header) {
  out_.reserve(4096);
  out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out_ +=
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
      " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
      " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"";
  out_ += namespaceUri(version);
  out_ += "\">\n";
  depth_ = 1;

  const bool anyHeader = header.id || header.holdRequests || header.sessionTimeout ||
                         header.supportedCWMPVersions || header.useCWMPVersion;
  if (anyHeader) {
    open("soap-env:Header");
    // TR-069 A6 §3.5 (SOAP header elements): ID and HoldRequests carry mustUnderstand="1"; cwmp-1-4.xsd requires it
    // on UseCWMPVersion. SessionTimeout (fixed "0" in cwmp-1-3.xsd) and SupportedCWMPVersions ("MUST use 0",
    // cwmp-1-4.xsd) go without it: an absent mustUnderstand means "0" (SOAP 1.1 §4.2.3).
    auto mustUnderstand = [this](std::string_view tag, std::string_view value) {
      startLine();
      out_ += '<';
      out_ += tag;
      out_ += " soap-env:mustUnderstand=\"1\">";
      appendXmlEscaped(out_, value);
      out_ += "</";
      out_ += tag;
      out_ += ">\n";
    };
    if (header.id) mustUnderstand("cwmp:ID", *header.id);
    if (header.holdRequests) mustUnderstand("cwmp:HoldRequests", *header.holdRequests ? "true" : "false");
    if (header.sessionTimeout) number("cwmp:SessionTimeout", *header.sessionTimeout);
    if (header.supportedCWMPVersions) text("cwmp:SupportedCWMPVersions", *header.supportedCWMPVersions);
    if (header.useCWMPVersion) mustUnderstand("cwmp:UseCWMPVersion", *header.useCWMPVersion);
    close("soap-env:Header");
  }
  open("soap-env:Body");
}

void SoapEnvelopeWriter::startLine() {
  if (openTagPending_) {
    out_ += '\n';
    openTagPending_ = false;
  }
  out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
}

void SoapEnvelopeWriter::startTag(std::string_view tag) {
  startLine();
  out_ += '<';
  out_ += tag;
}

void SoapEnvelopeWriter::open(std::string_view tag) {
  startTag(tag);
  out_ += '>';
  openTagPending_ = true;
  ++depth_;
}

void SoapEnvelopeWriter::openArray(std::string_view tag, std::string_view itemType, std::size_t count) {
  startTag(tag);
  out_ += " soap-enc:arrayType=\"";
  out_ += itemType;
  out_ += '[';
  out_ += std::to_string(count);
  out_ += "]\">";
  openTagPending_ = true;
  ++depth_;
}

void SoapEnvelopeWriter::close(std::string_view tag) {
  --depth_;
  if (openTagPending_) {
    openTagPending_ = false;  // no content: <tag></tag> on one line
  } else {
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

void SoapEnvelopeWriter::text(std::string_view tag, std::string_view value) {
  startTag(tag);
  out_ += '>';
  appendXmlEscaped(out_, value);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

void SoapEnvelopeWriter::number(std::string_view tag, std::uint64_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  text(tag, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void SoapEnvelopeWriter::signedNumber(std::string_view tag, std::int64_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  text(tag, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void SoapEnvelopeWriter::boolean(std::string_view tag, bool value) {
  text(tag, value ? "true" : "false");
}

void SoapEnvelopeWriter::typedValue(std::string_view tag, std::string_view type, std::string_view value) {
  // The type travels as given ("xsd:unsignedInt"); surrounding whitespace is not part of a QName.
  while (!type.empty() &&
         (type.front() == ' ' || type.front() == '\t' || type.front() == '\n' || type.front() == '\r'))
    type.remove_prefix(1);
  while (!type.empty() &&
         (type.back() == ' ' || type.back() == '\t' || type.back() == '\n' || type.back() == '\r'))
    type.remove_suffix(1);
  if (type.empty()) type = "xsd:string";
  startTag(tag);
  out_ += " xsi:type=\"";
  appendXmlEscaped(out_, type, true);
  out_ += "\">";
  appendXmlEscaped(out_, value);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

std::string SoapEnvelopeWriter::finish() && {
  close("soap-env:Body");
  close("soap-env:Envelope");
  return std::move(out_);
}

}  // namespace cpemu::cwmp
