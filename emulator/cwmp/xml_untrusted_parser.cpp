#include "cwmp/xml_untrusted_parser.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <new>

namespace cpemu::cwmp {

namespace {

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

struct DoctypeSeen {
  bool seen = false;
};

// SAX internalSubset fires at "<!DOCTYPE name", before the internal subset is read: stopping here means no
// entity declaration is ever parsed, let alone expanded (billion laughs, external entities).
void refuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  if (auto* seen = static_cast<DoctypeSeen*>(ctxt->_private)) seen->seen = true;
  xmlStopParser(ctxt);
}

void initialiseLibxmlOnce() {
  // xmlInitParser is not safe to race on its first call; sessions of many devices decode concurrently.
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

std::string describe(const xmlError* error) {
  if (!error || !error->message) return "not well-formed";
  std::string message = error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return "line " + std::to_string(error->line) + ": " + message;
}

}  // namespace

XmlParseOutcome parseUntrustedXml(std::string_view bytes, bool recover) {
  initialiseLibxmlOnce();
  XmlParseOutcome outcome;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    outcome.error = "document too large for the XML parser";
    return outcome;
  }
  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw std::bad_alloc();
  DoctypeSeen doctype;
  ctxt->_private = &doctype;
  ctxt->sax->internalSubset = refuseDoctype;
  // No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD/DTDATTR/DTDVALID, no XML_PARSE_HUGE
  // (keeps libxml2's depth and text-size limits); errors are collected, not printed.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  if (recover) options |= XML_PARSE_RECOVER;
  xmlDoc* raw =
      xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options);
  XmlDocPtr doc(raw);
  if (doctype.seen) {
    outcome.doctypeRefused = true;
    outcome.error = "DOCTYPE not allowed";
    return outcome;
  }
  // Belt and braces: a document that somehow still carries a DTD node is refused the same way.
  if (doc && (doc->intSubset || doc->extSubset)) {
    outcome.doctypeRefused = true;
    outcome.error = "DOCTYPE not allowed";
    return outcome;
  }
  if (!doc || (!recover && !ctxt->wellFormed)) {
    outcome.error = describe(xmlCtxtGetLastError(ctxt.get()));
    return outcome;
  }
  outcome.doc = std::move(doc);
  return outcome;
}

}  // namespace cpemu::cwmp
