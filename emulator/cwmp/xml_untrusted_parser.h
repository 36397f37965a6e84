// libxml2 parsing of bytes from the network: no network access, no DTD loading, no entity substitution, and
// a DOCTYPE stops the parser before any declaration in it is read (no entity is ever declared or expanded).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace cpemu::cwmp {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlParseOutcome {
  XmlDocPtr doc;                // null when the bytes are not a well-formed document (or had a DOCTYPE)
  bool doctypeRefused = false;  // a DOCTYPE was found and parsing stopped there
  std::string error;            // libxml2's first error, "line N: message", when doc is null
};

// `recover` asks libxml2 for whatever tree it can build from damaged bytes; only for recovering context
// (the cwmp:ID, the namespace) for an error reply, never for decoding a message.
XmlParseOutcome parseUntrustedXml(std::string_view bytes, bool recover = false);

}  // namespace cpemu::cwmp
