// Loads Broadband Forum cwmp-datamodel XML (TR-106 Annex A / cwmp-datamodel-1-N.xsd) into Models.
// Follows <import> (same folder first, then the search path), named <dataType>s with base= chains,
// <component> references and base= refinements, so both the official "full" and non-full files load.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "datamodel/datamodel_error.h"
#include "datamodel/schema.h"

namespace cpemu::datamodel {

class ModelLoader {
 public:
  ModelLoader();
  ~ModelLoader();
  ModelLoader(const ModelLoader&) = delete;
  ModelLoader& operator=(const ModelLoader&) = delete;

  // Folders searched for imported files after the importing file's own folder.
  void addSearchDirectory(std::filesystem::path dir);

  // Loads `file` and what it imports; returns the models the file itself defines, in document order.
  // Throws DataModelError (file:line) for input that cannot be used; tolerable defects become warnings().
  std::vector<std::shared_ptr<const Model>> load(const std::filesystem::path& file);

  // Any model loaded so far (directly or through an import), by name ("Device:2.19").
  std::shared_ptr<const Model> findModel(const std::string& name) const;

  const std::vector<Diagnostic>& warnings() const { return warnings_; }

  struct Document;  // one parsed file; defined in the .cpp

 private:
  Document& loadDocument(const std::filesystem::path& file, const std::string& importedFrom, long line);
  std::filesystem::path resolveImport(const Document& from, const std::string& file) const;

  std::vector<std::filesystem::path> searchDirs_;
  std::map<std::filesystem::path, std::unique_ptr<Document>> documents_;
  std::vector<Document*> loading_;  // import chain, to refuse cycles
  std::vector<Diagnostic> warnings_;

  friend class DocumentReader;
};

}  // namespace cpemu::datamodel
