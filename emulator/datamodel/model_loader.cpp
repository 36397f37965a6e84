#include "datamodel/model_loader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <cstring>
#include <set>
#include <unordered_map>

namespace cpemu::datamodel {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;  // the TR-181 full file is 4.6 MB
constexpr int kMaxNesting = 32;                        // component/dataType reference depth

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view nameOf(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

bool isElement(const xmlNode* n, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && nameOf(n) == name;
}

// Un-namespaced attribute value, trimmed (legacy BBF files carry trailing spaces); "" when absent.
// Reads the attribute's text node directly: no allocation on this hot path of a 4.6 MB file.
std::string_view attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->ns || reinterpret_cast<const char*>(a->name) != name) continue;
    if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next && a->children->content)
      return trim(reinterpret_cast<const char*>(a->children->content));
    return {};
  }
  return {};
}

bool hasAttr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (!a->ns && reinterpret_cast<const char*>(a->name) == name) return true;
  return false;
}

template <typename F>
void forEachElement(const xmlNode* parent, F&& f) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) f(c);
}

// What the parser saw that the error report needs. libxml2 keeps only its last error, and after the first
// one it goes on and reports follow-ups ("Premature end of data" at the end of the file), so the first is
// recorded here. A DOCTYPE is refused where it starts, before libxml2 reads any entity declaration or
// reference, so the error points at it and no entity is ever expanded.
struct ParseWatch {
  long doctypeLine = 0;
  long firstErrorLine = 0;
  std::string firstError;
};

#if LIBXML_VERSION >= 21200
using XmlErrorArg = const xmlError*;
#else
using XmlErrorArg = xmlError*;
#endif

void refuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  if (auto* watch = static_cast<ParseWatch*>(ctxt->_private))
    watch->doctypeLine = ctxt->input && ctxt->input->line > 0 ? ctxt->input->line : 1;
  xmlStopParser(ctxt);
}

void recordFirstError(void* ctx, XmlErrorArg error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* watch = ctxt ? static_cast<ParseWatch*>(ctxt->_private) : nullptr;
  if (!watch || !error || error->level < XML_ERR_ERROR || watch->firstErrorLine > 0) return;
  watch->firstErrorLine = error->line > 0 ? error->line : 1;
  watch->firstError = error->message ? std::string(trim(error->message)) : std::string("not well-formed XML");
}

}  // namespace

struct ModelLoader::Document {
  std::filesystem::path path;
  std::string displayName;
  std::unique_ptr<xmlDoc, XmlDocDeleter> xml;
  std::unordered_map<std::string, const xmlNode*> dataTypeNodes;
  std::unordered_map<std::string, Syntax> dataTypes;  // resolved, by local name
  std::unordered_map<std::string, const xmlNode*> componentNodes;
  std::vector<std::shared_ptr<Model>> models;
  struct Alias {
    Document* doc;
    std::string remoteName;
  };
  std::unordered_map<std::string, Alias> importedDataTypes, importedComponents, importedModels;
  std::vector<Document*> imports;
};

// Turns one parsed document into data types, components and models.
class DocumentReader {
 public:
  DocumentReader(ModelLoader& loader, ModelLoader::Document& doc) : loader_(loader), doc_(doc) {}

  void read(const xmlNode* root) {
    // Pass 1: imports and named definitions, so that order within the file does not matter.
    forEachElement(root, [&](const xmlNode* n) {
      if (isElement(n, "import")) readImport(n);
      else if (isElement(n, "dataType")) doc_.dataTypeNodes.emplace(std::string(attr(n, "name")), n);
      else if (isElement(n, "component")) doc_.componentNodes.emplace(std::string(attr(n, "name")), n);
    });
    forEachElement(root, [&](const xmlNode* n) {
      if (isElement(n, "model")) readModel(n);
    });
  }

 private:
  using Document = ModelLoader::Document;

  void warn(const xmlNode* n, std::string message) {
    loader_.warnings_.push_back({doc_.displayName, n ? xmlGetLineNo(n) : 0, std::move(message)});
  }
  [[noreturn]] void fail(const xmlNode* n, std::string message) {
    throw DataModelError({doc_.displayName, n ? xmlGetLineNo(n) : 0, std::move(message)});
  }

  void readImport(const xmlNode* n) {
    std::string file(attr(n, "file"));
    if (file.empty()) fail(n, "<import> without a file attribute");
    bool importsDefinitions = false;
    forEachElement(n, [&](const xmlNode*) { importsDefinitions = true; });
    std::filesystem::path resolved = loader_.resolveImport(doc_, file);
    if (resolved.empty()) {
      // A bibliography import brings nothing the engine needs; anything else is a real gap.
      if (!importsDefinitions) {
        warn(n, "imported file " + file + " not found; it defines nothing used here, continuing");
        return;
      }
      fail(n, "imported file " + file + " not found next to " + doc_.displayName + " or on the search path");
    }
    Document& imported = loader_.loadDocument(resolved, doc_.displayName, xmlGetLineNo(n));
    doc_.imports.push_back(&imported);
    forEachElement(n, [&](const xmlNode* item) {
      std::string local(attr(item, "name"));
      std::string remote(hasAttr(item, "ref") ? attr(item, "ref") : attr(item, "name"));
      if (isElement(item, "dataType")) doc_.importedDataTypes[local] = {&imported, remote};
      else if (isElement(item, "component")) doc_.importedComponents[local] = {&imported, remote};
      else if (isElement(item, "model")) doc_.importedModels[local] = {&imported, remote};
    });
  }

  // ---- data types ---------------------------------------------------------------------------------------

  const Syntax* findDataType(const std::string& name, int depth) {
    return findDataTypeIn(doc_, name, depth);
  }

  const Syntax* findDataTypeIn(Document& doc, const std::string& name, int depth) {
    if (depth > kMaxNesting) return nullptr;
    if (auto it = doc.dataTypes.find(name); it != doc.dataTypes.end()) return &it->second;
    if (auto it = doc.dataTypeNodes.find(name); it != doc.dataTypeNodes.end()) {
      DocumentReader reader(loader_, doc);
      Syntax s = reader.resolveDataTypeNode(it->second, depth + 1);
      return &doc.dataTypes.emplace(name, std::move(s)).first->second;
    }
    if (auto it = doc.importedDataTypes.find(name); it != doc.importedDataTypes.end())
      return findDataTypeIn(*it->second.doc, it->second.remoteName, depth + 1);
    // BBF's own tools resolve a type from any import in scope even when the <import> does not list it.
    for (Document* imported : doc.imports)
      if (const Syntax* s = findDataTypeIn(*imported, name, depth + 1)) return s;
    return nullptr;
  }

  Syntax resolveDataTypeNode(const xmlNode* n, int depth) {
    Syntax s;
    std::string base(attr(n, "base"));
    if (!base.empty()) {
      if (const Syntax* b = findDataType(base, depth)) s = *b;
      else warn(n, "dataType base '" + base + "' is not defined; treating it as string");
    }
    applySyntaxChildren(n, s, depth, /*isDataTypeDefinition=*/true);
    s.dataType = std::string(attr(n, "name"));
    return s;
  }

  // ---- syntax -----------------------------------------------------------------------------------------

  static std::optional<std::uint64_t> unsignedAttr(const xmlNode* n, std::string_view name) {
    std::string_view v = attr(n, name);
    if (v.empty() || v == "unbounded") return std::nullopt;
    std::uint64_t out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
    return out;
  }

  static std::optional<long double> numberAttr(const xmlNode* n, std::string_view name) {
    std::string v(attr(n, name));
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    long double d = std::strtold(v.c_str(), &end);
    if (end == v.c_str()) return std::nullopt;
    return d;
  }

  // Facets inside a type element (or directly inside a derived <dataType>). A facet kind given here
  // replaces the inherited facets of that kind: a derived type restricts, it does not add alternatives.
  void applyFacets(const xmlNode* parent, Syntax& s) {
    std::set<std::string_view> replaced;
    auto firstOfKind = [&](std::string_view kind) { return replaced.insert(kind).second; };
    forEachElement(parent, [&](const xmlNode* f) {
      std::string_view k = nameOf(f);
      if (k == "size") {
        if (firstOfKind(k)) s.sizes.clear();
        s.sizes.push_back({unsignedAttr(f, "minLength"), unsignedAttr(f, "maxLength")});
      } else if (k == "range") {
        if (firstOfKind(k)) s.ranges.clear();
        s.ranges.push_back({numberAttr(f, "minInclusive"), numberAttr(f, "maxInclusive"), numberAttr(f, "step")});
      } else if (k == "enumeration") {
        if (firstOfKind(k)) s.enumerations.clear();
        if (attr(f, "status") == "deleted") return;  // no longer a valid value
        // Enumeration values are compared exactly: do not trim them beyond what attr() does.
        s.enumerations.push_back({std::string(attr(f, "value")), attr(f, "access") == "readOnly"});
      } else if (k == "pattern") {
        if (firstOfKind(k)) s.patterns.clear();
        s.patterns.push_back(std::make_shared<const Pattern>(std::string(attr(f, "value"))));
      }
    });
  }

  void applySyntaxChildren(const xmlNode* n, Syntax& s, int depth, bool isDataTypeDefinition) {
    forEachElement(n, [&](const xmlNode* c) {
      std::string_view k = nameOf(c);
      if (auto t = baseTypeFromXsdName(k)) {
        s.type = *t;
        applyFacets(c, s);
      } else if (k == "dataType") {
        // <dataType ref="X"/> names a type; <dataType base="X">facets</dataType> derives one in place.
        std::string ref(hasAttr(c, "ref") ? attr(c, "ref") : attr(c, "base"));
        if (const Syntax* named = findDataType(ref, depth)) {
          // The named type brings type and facets; what the <syntax> itself said (hidden, secured,
          // command, an earlier <list> or <default>) stays.
          Syntax merged = *named;
          merged.hidden = s.hidden;
          merged.secured = s.secured;
          merged.command = s.command;
          if (s.list) merged.list = std::move(s.list);
          if (s.defaultValue) merged.defaultValue = std::move(s.defaultValue);
          s = std::move(merged);
        } else {
          warn(c, "dataType '" + ref + "' is not defined; treating it as string");
          s.type = BaseType::String;
        }
        s.dataType = ref;
        applyFacets(c, s);
      } else if (k == "list") {
        ListFacet list;
        list.minItems = unsignedAttr(c, "minItems");
        list.maxItems = unsignedAttr(c, "maxItems");
        forEachElement(c, [&](const xmlNode* f) {
          if (isElement(f, "size")) list.sizes.push_back({unsignedAttr(f, "minLength"), unsignedAttr(f, "maxLength")});
        });
        s.list = std::move(list);
      } else if (k == "default") {
        std::string_view type = attr(c, "type");
        // "object" (creation) wins over "factory"; "implementation" is only a suggestion.
        if (type == "object" || !s.defaultValue || type == "factory")
          if (hasAttr(c, "value")) s.defaultValue = std::string(attrRaw(c, "value"));
      } else if (isDataTypeDefinition) {
        if (k == "size" || k == "range" || k == "enumeration" || k == "pattern") pendingFacets_ = true;
      }
    });
    if (isDataTypeDefinition && pendingFacets_) {
      applyFacets(n, s);
      pendingFacets_ = false;
    }
  }

  // Attribute value without trimming (default values may legitimately contain spaces).
  static std::string_view attrRaw(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
      if (!a->ns && reinterpret_cast<const char*>(a->name) == name && a->children && a->children->content)
        return reinterpret_cast<const char*>(a->children->content);
    return {};
  }

  Syntax readSyntax(const xmlNode* n) {
    Syntax s;
    s.hidden = attr(n, "hidden") == "true";
    s.secured = attr(n, "secured") == "true";
    s.command = attr(n, "command") == "true";
    applySyntaxChildren(n, s, 0, false);
    // BBF XML writes a list's default in brackets ("[]", "[0,1,2]"); the value itself is "" or "0,1,2".
    if (s.list && s.defaultValue && s.defaultValue->size() >= 2 && s.defaultValue->front() == '[' &&
        s.defaultValue->back() == ']')
      *s.defaultValue = s.defaultValue->substr(1, s.defaultValue->size() - 2);
    return s;
  }

  // ---- parameters and objects -----------------------------------------------------------------------

  static Access parseAccess(std::string_view v) {
    if (v == "readWrite") return Access::ReadWrite;
    if (v == "writeOnceReadOnly") return Access::WriteOnceReadOnly;
    return Access::ReadOnly;
  }
  static Status parseStatus(std::string_view v) {
    if (v == "deprecated") return Status::Deprecated;
    if (v == "obsoleted") return Status::Obsoleted;
    if (v == "deleted") return Status::Deleted;
    return Status::Current;
  }
  static ActiveNotify parseActiveNotify(std::string_view v) {
    if (v == "forceEnabled") return ActiveNotify::ForceEnabled;
    if (v == "forceDefaultEnabled") return ActiveNotify::ForceDefaultEnabled;
    if (v == "canDeny") return ActiveNotify::CanDeny;
    if (v == "willDeny") return ActiveNotify::WillDeny;
    return ActiveNotify::Normal;
  }

  void readParameter(const xmlNode* n, std::vector<ParameterDef>& params, const std::string& where) {
    std::string name(attr(n, "name"));
    std::string base(attr(n, "base"));
    ParameterDef* p = nullptr;
    if (!name.empty()) {
      for (auto& existing : params)
        if (existing.name == name) p = &existing;
      if (p) warn(n, "parameter " + where + name + " defined twice; the later definition refines the earlier");
    } else if (!base.empty()) {
      for (auto& existing : params)
        if (existing.name == base) p = &existing;
      if (!p) warn(n, "parameter base " + where + base + " refines nothing; defining it");
      name = base;
    } else {
      fail(n, "<parameter> in " + where + " has neither name nor base");
    }
    if (!p) {
      p = &params.emplace_back();
      p->name = name;
    }
    if (hasAttr(n, "access")) p->access = parseAccess(attr(n, "access"));
    if (hasAttr(n, "status")) p->status = parseStatus(attr(n, "status"));
    if (hasAttr(n, "activeNotify")) p->activeNotify = parseActiveNotify(attr(n, "activeNotify"));
    if (hasAttr(n, "forcedInform")) p->forcedInform = attr(n, "forcedInform") == "true";
    forEachElement(n, [&](const xmlNode* c) {
      if (isElement(c, "syntax")) p->syntax = readSyntax(c);
    });
  }

  struct ModelBuild {
    Model& model;
    std::unordered_map<std::string, std::size_t> index;  // path -> position in model.objects

    ObjectDef* find(const std::string& path) {
      auto it = index.find(path);
      return it == index.end() ? nullptr : &model.objects[it->second];
    }
    ObjectDef& add(const std::string& path) {
      index.emplace(path, model.objects.size());
      ObjectDef& o = model.objects.emplace_back();
      o.path = path;
      return o;
    }
  };

  void readObject(const xmlNode* n, ModelBuild& build, const std::string& prefix, int depth) {
    std::string name(attr(n, "name"));
    std::string base(attr(n, "base"));
    std::string path = prefix + (name.empty() ? base : name);
    if (name.empty() && base.empty()) fail(n, "<object> has neither name nor base");
    if (!path.ends_with('.')) {
      warn(n, "object name '" + path + "' lacks its trailing dot; adding it");
      path += '.';
    }
    ObjectDef* o = build.find(path);
    if (o && !name.empty()) warn(n, "object " + path + " defined twice; the later definition refines the earlier");
    if (!o && name.empty()) warn(n, "object base " + path + " refines nothing; defining it");
    if (!o) o = &build.add(path);
    std::size_t position = build.index.at(path);  // vector may grow below; re-fetch by index
    auto obj = [&]() -> ObjectDef& { return build.model.objects[position]; };
    if (hasAttr(n, "access")) obj().access = parseAccess(attr(n, "access"));
    if (hasAttr(n, "status")) obj().status = parseStatus(attr(n, "status"));
    if (auto v = unsignedAttr(n, "minEntries")) obj().minEntries = static_cast<std::uint32_t>(*v);
    if (hasAttr(n, "maxEntries")) {
      auto v = unsignedAttr(n, "maxEntries");
      obj().maxEntries = v ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*v)) : std::nullopt;
    }
    if (hasAttr(n, "numEntriesParameter")) obj().numEntriesParameter = std::string(attr(n, "numEntriesParameter"));
    if (hasAttr(n, "enableParameter")) obj().enableParameter = std::string(attr(n, "enableParameter"));
    forEachElement(n, [&](const xmlNode* c) {
      std::string_view k = nameOf(c);
      if (k == "parameter") {
        readParameter(c, obj().parameters, path);
      } else if (k == "uniqueKey") {
        std::vector<std::string> key;
        forEachElement(c, [&](const xmlNode* r) {
          if (isElement(r, "parameter")) key.emplace_back(attr(r, "ref"));
        });
        if (!key.empty()) obj().uniqueKeys.push_back(std::move(key));
      } else if (k == "component") {
        expandComponent(c, build, path + std::string(attr(c, "path")), depth + 1);
      }
    });
  }

  const xmlNode* findComponent(Document& doc, const std::string& name, Document** owner, int depth) {
    if (depth > kMaxNesting) return nullptr;
    if (auto it = doc.componentNodes.find(name); it != doc.componentNodes.end()) {
      *owner = &doc;
      return it->second;
    }
    if (auto it = doc.importedComponents.find(name); it != doc.importedComponents.end())
      return findComponent(*it->second.doc, it->second.remoteName, owner, depth + 1);
    for (Document* imported : doc.imports)
      if (const xmlNode* c = findComponent(*imported, name, owner, depth + 1)) return c;
    return nullptr;
  }

  // <component ref="X" path="P"/>: X's definitions, with object names relative to `prefix`.
  void expandComponent(const xmlNode* ref, ModelBuild& build, const std::string& prefix, int depth) {
    if (depth > kMaxNesting) fail(ref, "component references nest deeper than " + std::to_string(kMaxNesting));
    std::string name(attr(ref, "ref"));
    Document* owner = nullptr;
    const xmlNode* comp = findComponent(doc_, name, &owner, 0);
    if (!comp) fail(ref, "component '" + name + "' is not defined or imported");
    DocumentReader reader(loader_, *owner);  // names inside resolve in the component's own file
    reader.expandComponentBody(comp, build, prefix, depth);
  }

  void expandComponentBody(const xmlNode* comp, ModelBuild& build, const std::string& prefix, int depth) {
    forEachElement(comp, [&](const xmlNode* c) {
      std::string_view k = nameOf(c);
      if (k == "object") {
        readObject(c, build, prefix, depth);
      } else if (k == "parameter") {
        if (prefix.empty()) {
          readParameter(c, build.model.modelParameters, "");
        } else {
          ObjectDef* o = build.find(prefix);
          if (!o) {
            o = &build.add(prefix);
            o->implicit = true;
          }
          readParameter(c, o->parameters, prefix);
        }
      } else if (k == "component") {
        expandComponent(c, build, prefix + std::string(attr(c, "path")), depth + 1);
      }
    });
  }

  std::shared_ptr<const Model> findModel(const std::string& name) {
    if (auto it = doc_.importedModels.find(name); it != doc_.importedModels.end())
      for (auto& m : it->second.doc->models)
        if (m->name == it->second.remoteName) return m;
    for (auto& m : doc_.models)
      if (m->name == name) return m;
    return loader_.findModel(name);
  }

  void readModel(const xmlNode* n) {
    auto model = std::make_shared<Model>();
    model->name = std::string(attr(n, "name"));
    model->sourceFile = doc_.displayName;
    if (model->name.empty()) fail(n, "<model> without a name");
    std::string base(attr(n, "base"));
    if (!base.empty()) {
      auto baseModel = findModel(base);
      if (!baseModel) fail(n, "model " + model->name + " is based on " + base + ", which is not imported");
      model->objects = baseModel->objects;
      model->modelParameters = baseModel->modelParameters;
      model->isService = baseModel->isService;
    }
    if (hasAttr(n, "isService")) model->isService = attr(n, "isService") == "true";
    ModelBuild build{*model, {}};
    for (std::size_t i = 0; i < model->objects.size(); ++i) build.index.emplace(model->objects[i].path, i);
    forEachElement(n, [&](const xmlNode* c) {
      std::string_view k = nameOf(c);
      if (k == "object") readObject(c, build, "", 0);
      else if (k == "parameter") readParameter(c, model->modelParameters, "");
      else if (k == "component") expandComponent(c, build, std::string(attr(c, "path")), 1);
    });
    doc_.models.push_back(std::move(model));
  }

  ModelLoader& loader_;
  Document& doc_;
  bool pendingFacets_ = false;
};

ModelLoader::ModelLoader() { xmlInitParser(); }
ModelLoader::~ModelLoader() = default;

void ModelLoader::addSearchDirectory(std::filesystem::path dir) { searchDirs_.push_back(std::move(dir)); }

std::filesystem::path ModelLoader::resolveImport(const Document& from, const std::string& file) const {
  std::error_code ec;
  std::filesystem::path candidate = from.path.parent_path() / file;
  if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  for (const auto& dir : searchDirs_) {
    candidate = dir / file;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  }
  return {};
}

ModelLoader::Document& ModelLoader::loadDocument(const std::filesystem::path& file, const std::string& importedFrom,
                                                 long line) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(file, ec);
  if (ec) canonical = file;
  if (auto it = documents_.find(canonical); it != documents_.end()) {
    for (Document* d : loading_)
      if (d == it->second.get())
        throw DataModelError({importedFrom, line, "import cycle through " + file.string()});
    return *it->second;
  }
  auto where = [&](std::string message) -> Diagnostic {
    if (importedFrom.empty()) return {file.string(), 0, std::move(message)};
    return {importedFrom, line, "importing " + file.string() + ": " + std::move(message)};
  };
  if (!std::filesystem::is_regular_file(file, ec)) throw DataModelError(where("no such data-model file"));
  if (std::filesystem::file_size(file, ec) > kMaxFileBytes)
    throw DataModelError(where("file is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB"));

  // Secure by default: no network, no DTD loading, no entity substitution (no XML_PARSE_NOENT).
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!ctxt) throw DataModelError(where("out of memory creating the XML parser"));
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
                XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA;
  ParseWatch watch;
  ctxt->_private = &watch;
  ctxt->sax->internalSubset = refuseDoctype;
  ctxt->sax->serror = recordFirstError;
  xmlDoc* raw = xmlCtxtReadFile(ctxt.get(), file.c_str(), nullptr, options);
  if (watch.doctypeLine > 0) {
    if (raw) xmlFreeDoc(raw);
    throw DataModelError({file.string(), watch.doctypeLine, "DOCTYPE declarations are not accepted"});
  }
  if (!raw) {
    if (watch.firstErrorLine > 0) throw DataModelError({file.string(), watch.firstErrorLine, watch.firstError});
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string msg = e && e->message ? std::string(trim(e->message)) : std::string("not well-formed XML");
    throw DataModelError({file.string(), e ? e->line : 0, msg});
  }
  auto doc = std::make_unique<Document>();
  doc->xml.reset(raw);
  doc->path = canonical;
  doc->displayName = file.string();
  if (raw->intSubset) throw DataModelError({file.string(), 1, "DOCTYPE declarations are not accepted"});
  const xmlNode* root = xmlDocGetRootElement(raw);
  if (!root || nameOf(root) != "document" || !root->ns ||
      std::strncmp(reinterpret_cast<const char*>(root->ns->href), "urn:broadband-forum-org:cwmp:datamodel-1-",
                   41) != 0)
    throw DataModelError({file.string(), root ? xmlGetLineNo(root) : 1,
                          "not a BBF data-model document (expected <document> in namespace "
                          "urn:broadband-forum-org:cwmp:datamodel-1-N)"});
  Document& stored = *documents_.emplace(canonical, std::move(doc)).first->second;
  loading_.push_back(&stored);
  try {
    DocumentReader(*this, stored).read(root);
  } catch (...) {
    loading_.pop_back();
    documents_.erase(canonical);
    throw;
  }
  loading_.pop_back();
  return stored;
}

std::vector<std::shared_ptr<const Model>> ModelLoader::load(const std::filesystem::path& file) {
  Document& doc = loadDocument(file, "", 0);
  return {doc.models.begin(), doc.models.end()};
}

std::shared_ptr<const Model> ModelLoader::findModel(const std::string& name) const {
  for (const auto& [path, doc] : documents_)
    for (const auto& m : doc->models)
      if (m->name == name) return m;
  return nullptr;
}

}  // namespace cpemu::datamodel
