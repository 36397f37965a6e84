#include "support/cwmp_schema_validator.h"

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <map>
#include <mutex>
#include <stdexcept>

namespace cpemu::test {

namespace {

// libxml2 structured-error callback: appends "line N: message" to the std::string passed as context.
void collectError(void* context, xmlErrorPtr error) {
  auto* out = static_cast<std::string*>(context);
  if (!error || !error->message) return;
  std::string message = error->message;
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (!out->empty()) *out += '\n';
  if (error->line > 0) *out += "line " + std::to_string(error->line) + ": ";
  *out += message;
}

// The catalog maps the SOAP 1.1 namespace URLs cwmp-1-N.xsd imports to the local stubs, and the
// broadband-forum.org URLs of cwmp-1-3/1-4's include/redefine to the BBF folder. xmlLoadCatalog adds it to
// the process's default catalog whether or not XML_CATALOG_FILES was set; the no-network loader resolves
// through the catalogs and refuses anything that would still go to the network.
void loadCatalogOnce(const std::filesystem::path& catalogFile) {
  static std::once_flag once;
  std::call_once(once, [&] {
    xmlInitParser();
    if (xmlLoadCatalog(catalogFile.c_str()) != 0)
      throw std::runtime_error("cannot load XML catalog " + catalogFile.string());
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
}

}  // namespace

struct CwmpSchemaValidator::Compiled {
  xmlSchemaPtr schema = nullptr;
  ~Compiled() {
    if (schema) xmlSchemaFree(schema);
  }
};

CwmpSchemaValidator::CwmpSchemaValidator(std::unique_ptr<Compiled> compiled)
    : compiled_(std::move(compiled)) {}
CwmpSchemaValidator::~CwmpSchemaValidator() = default;

const CwmpSchemaValidator& CwmpSchemaValidator::forSchema(const std::filesystem::path& schemaFile,
                                                          const std::filesystem::path& catalogFile) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::unique_ptr<CwmpSchemaValidator>> validators;
  std::lock_guard lock(mutex);
  auto& slot = validators[schemaFile];
  if (slot) return *slot;

  loadCatalogOnce(catalogFile);
  std::string errors;
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(schemaFile.c_str());
  if (!parser) throw std::runtime_error("cannot read schema " + schemaFile.string());
  xmlSchemaSetParserStructuredErrors(parser, collectError, &errors);
  auto compiled = std::make_unique<Compiled>();
  compiled->schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (!compiled->schema)
    throw std::runtime_error("schema " + schemaFile.string() + " does not compile:\n" + errors);
  slot.reset(new CwmpSchemaValidator(std::move(compiled)));
  return *slot;
}

std::string CwmpSchemaValidator::validate(std::string_view envelope) const {
  std::string errors;
  xmlParserCtxtPtr parser = xmlNewParserCtxt();
  xmlDocPtr doc = xmlCtxtReadMemory(parser, envelope.data(), static_cast<int>(envelope.size()), nullptr,
                                    nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError* error = xmlCtxtGetLastError(parser);
    errors = std::string("not well-formed: ") + (error && error->message ? error->message : "?");
    xmlFreeParserCtxt(parser);
    return errors;
  }
  xmlFreeParserCtxt(parser);
  xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(compiled_->schema);
  xmlSchemaSetValidStructuredErrors(context, collectError, &errors);
  const int result = xmlSchemaValidateDoc(context, doc);
  xmlSchemaFreeValidCtxt(context);
  xmlFreeDoc(doc);
  if (result != 0 && errors.empty()) errors = "invalid (libxml2 result " + std::to_string(result) + ")";
  return errors;
}

}  // namespace cpemu::test
