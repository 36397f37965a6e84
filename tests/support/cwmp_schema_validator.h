// Validates whole CWMP SOAP envelopes against the official BBF schema (cwmp-1-N.xsd) with libxml2's XML
// Schema support, resolving the SOAP 1.1 envelope/encoding imports through the project's stub catalog, as
// ../shared/bbf/README.md "Validating a CWMP message (SOAP)" describes. Test support only.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace cpemu::test {

class CwmpSchemaValidator {
 public:
  // The validator for `schemaFile` (e.g. bbfFile("cwmp-1-2.xsd")), compiled on first use and kept for the
  // process. `catalogFile` is samples/catalog-soap-1-1-stubs.xml; it is loaded once. Throws
  // std::runtime_error with libxml2's messages when the schema does not compile.
  static const CwmpSchemaValidator& forSchema(const std::filesystem::path& schemaFile,
                                              const std::filesystem::path& catalogFile);

  // "" when the envelope is valid; otherwise libxml2's error messages, one per line.
  std::string validate(std::string_view envelope) const;

  ~CwmpSchemaValidator();
  CwmpSchemaValidator(const CwmpSchemaValidator&) = delete;
  CwmpSchemaValidator& operator=(const CwmpSchemaValidator&) = delete;

 private:
  struct Compiled;
  explicit CwmpSchemaValidator(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace cpemu::test
