// ModelLoader on our own small non-full document set (tests/fixtures/datamodel/loader-*.xml): imports with
// renames, named data types with base= chains, components, model/object/parameter base= refinements; and
// the errors and warnings a profile author sees, each naming the file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "datamodel/value_checker.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace cpemu::datamodel {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

fs::path fixture(const std::string& name) {
  return test::fixturesDir() / "datamodel" / name;
}

struct LoadedFixture {
  std::vector<std::shared_ptr<const Model>> models;
  std::vector<Diagnostic> warnings;
};

LoadedFixture loadFixture() {
  ModelLoader loader;
  LoadedFixture out;
  out.models = loader.load(fixture("loader-root.xml"));
  out.warnings = loader.warnings();
  return out;
}

const ObjectDef* findObject(const Model& model, std::string_view path) {
  for (const auto& o : model.objects)
    if (o.path == path) return &o;
  return nullptr;
}

const ObjectDef& object(const Model& model, std::string_view path) {
  const ObjectDef* o = findObject(model, path);
  if (!o) throw std::runtime_error("model " + model.name + " has no object " + std::string(path));
  return *o;
}

const ParameterDef& parameter(const Model& model, std::string_view objectPath, std::string_view name) {
  const ParameterDef* p = object(model, objectPath).findParameter(name);
  if (!p) throw std::runtime_error(std::string(objectPath) + " has no parameter " + std::string(name));
  return *p;
}

std::vector<std::string> objectPaths(const Model& model) {
  std::vector<std::string> out;
  for (const auto& o : model.objects) out.push_back(o.path);
  return out;
}

std::vector<std::string> parameterNames(const ObjectDef& o) {
  std::vector<std::string> out;
  for (const auto& p : o.parameters) out.push_back(p.name);
  return out;
}

int faultFor(const Syntax& s, std::string_view value) {
  return checkValue(s, value).fault.number();
}

// ---- documents written by the error tests ----------------------------------------------------------

constexpr std::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<dm:document xmlns:dm=\"urn:broadband-forum-org:cwmp:datamodel-1-14\" spec=\"urn:example:test\">\n";
constexpr std::string_view kFooter = "</dm:document>\n";

std::string document(std::string_view body) {
  return std::string(kHeader) + std::string(body) + std::string(kFooter);
}

// A minimal valid model, for files that need one.
constexpr std::string_view kSmallModel =
    "  <model name=\"A:1.0\">\n"
    "    <object name=\"A.\" access=\"readOnly\" minEntries=\"1\" maxEntries=\"1\">\n"
    "      <parameter name=\"P\" access=\"readWrite\"><syntax><string/></syntax></parameter>\n"
    "    </object>\n"
    "  </model>\n";

// 1-based line of the first occurrence of `marker` in `text`.
long lineOf(std::string_view text, std::string_view marker) {
  auto pos = text.find(marker);
  if (pos == std::string_view::npos) throw std::runtime_error("marker not found: " + std::string(marker));
  return 1 +
         static_cast<long>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

// Loads `file` expecting a DataModelError that names `namedFile` and `line` and mentions `mentions`.
// Returns the message for further checks.
std::string expectLoadError(const fs::path& file, const fs::path& namedFile, long line,
                            std::string_view mentions) {
  ModelLoader loader;
  try {
    loader.load(file);
  } catch (const DataModelError& e) {
    std::string what = e.what();
    std::error_code ec;
    EXPECT_TRUE(fs::equivalent(e.where().file, namedFile, ec)) << "names " << e.where().file << ": " << what;
    EXPECT_EQ(e.where().line, line) << what;
    EXPECT_NE(what.find(namedFile.filename().string() + ":" + std::to_string(line) + ": "), std::string::npos)
        << what;
    EXPECT_NE(what.find(mentions), std::string::npos) << "'" << mentions << "' not in: " << what;
    return what;
  }
  ADD_FAILURE() << file << " loaded without error";
  return {};
}

// ---- the fixture set ---------------------------------------------------------------------------------

TEST(ModelLoader, Load_ReturnsTheRootFilesModelsInDocumentOrderWithoutWarnings) {
  LoadedFixture f = loadFixture();
  ASSERT_EQ(f.models.size(), 2u);
  EXPECT_EQ(f.models[0]->name, "X:1.0");
  EXPECT_EQ(f.models[1]->name, "X:1.1");
  EXPECT_FALSE(f.models[0]->isService);
  EXPECT_NE(f.models[0]->sourceFile.find("loader-root.xml"), std::string::npos);
  for (const auto& w : f.warnings) ADD_FAILURE() << "unexpected warning: " << w.toString();
}

TEST(ModelLoader, Load_ComponentObjectsAreNamedRelativeToTheComponentPath) {
  LoadedFixture f = loadFixture();
  EXPECT_EQ(objectPaths(*f.models[0]),
            (std::vector<std::string>{"X.", "X.Widget.", "X.Widget.Item.{i}.", "X.Widget.Forwarding.{i}.",
                                      "X.Widget.Old."}));
  EXPECT_EQ(parameterNames(object(*f.models[0], "X.Widget.")),
            (std::vector<std::string>{"Mode", "ItemNumberOfEntries", "ForwardNumberOfEntries"}));
}

TEST(ModelLoader, Load_TrailingSpacesInObjectAndParameterNamesAreTrimmed) {
  LoadedFixture f = loadFixture();
  const ObjectDef& item = object(*f.models[0], "X.Widget.Item.{i}.");  // name="Widget.Item.{i}. "
  EXPECT_NE(item.findParameter("Tag"), nullptr);                       // name="Tag "
  EXPECT_EQ(item.findParameter("Tag "), nullptr);
}

TEST(ModelLoader, Load_ObjectAttributesAreRead) {
  LoadedFixture f = loadFixture();
  const Model& m = *f.models[0];
  const ObjectDef& root = object(m, "X.");
  EXPECT_EQ(root.access, Access::ReadOnly);
  EXPECT_EQ(root.minEntries, 1u);
  EXPECT_EQ(root.maxEntries, 1u);

  const ObjectDef& item = object(m, "X.Widget.Item.{i}.");
  EXPECT_EQ(item.access, Access::ReadWrite);
  EXPECT_EQ(item.minEntries, 0u);
  EXPECT_EQ(item.maxEntries, 3u);
  EXPECT_EQ(item.numEntriesParameter, "ItemNumberOfEntries");

  const ObjectDef& forwarding = object(m, "X.Widget.Forwarding.{i}.");
  EXPECT_EQ(forwarding.maxEntries, std::nullopt);  // "unbounded"
  EXPECT_EQ(forwarding.numEntriesParameter, "ForwardNumberOfEntries");
}

TEST(ModelLoader, Load_UniqueKeysKeepTheirParametersInOrder) {
  LoadedFixture f = loadFixture();
  EXPECT_EQ(object(*f.models[0], "X.Widget.Item.{i}.").uniqueKeys,
            (std::vector<std::vector<std::string>>{{"Alias"}, {"Tag", "Kind"}}));
}

TEST(ModelLoader, Load_ParameterAttributesAreRead) {
  LoadedFixture f = loadFixture();
  const Model& m = *f.models[0];
  EXPECT_EQ(parameter(m, "X.", "Level").access, Access::ReadOnly);
  EXPECT_EQ(parameter(m, "X.", "MAC").access, Access::ReadWrite);
  EXPECT_TRUE(parameter(m, "X.", "MAC").forcedInform);
  EXPECT_FALSE(parameter(m, "X.", "Level").forcedInform);
  EXPECT_EQ(parameter(m, "X.", "Serial").access, Access::WriteOnceReadOnly);
  EXPECT_EQ(parameter(m, "X.Widget.Item.{i}.", "Kind").activeNotify, ActiveNotify::CanDeny);
  EXPECT_EQ(parameter(m, "X.Widget.Item.{i}.", "Alias").activeNotify, ActiveNotify::Normal);
}

TEST(ModelLoader, Load_DefaultsAreTheInitialValues) {
  LoadedFixture f = loadFixture();
  const Model& m = *f.models[0];
  EXPECT_EQ(parameter(m, "X.", "Level").syntax.initialValue(), "50");
  EXPECT_EQ(parameter(m, "X.Widget.", "Mode").syntax.initialValue(), "Auto");
  EXPECT_EQ(parameter(m, "X.Widget.Item.{i}.", "Tag").syntax.initialValue(), "tg");
  EXPECT_EQ(parameter(m, "X.Widget.Item.{i}.", "Kind").syntax.initialValue(), "1");
  EXPECT_EQ(parameter(m, "X.Widget.Forwarding.{i}.", "Enable").syntax.initialValue(), "false");
  EXPECT_EQ(parameter(m, "X.Widget.", "ItemNumberOfEntries").syntax.initialValue(), "0");  // no default
}

TEST(ModelLoader, Load_BracketedListDefaultBecomesAPlainCommaSeparatedValue) {
  LoadedFixture f = loadFixture();
  const Syntax& ports = parameter(*f.models[0], "X.Widget.Item.{i}.", "Ports").syntax;
  EXPECT_EQ(ports.initialValue(), "80,443");  // value="[80,443]"
  EXPECT_FALSE(checkValue(ports, ports.initialValue()).fault);
}

TEST(ModelLoader, Load_ListSyntaxKeepsItemTypeItemFacetsAndListFacets) {
  LoadedFixture f = loadFixture();
  const Syntax& ports = parameter(*f.models[0], "X.Widget.Item.{i}.", "Ports").syntax;
  EXPECT_EQ(ports.type, BaseType::UnsignedInt);
  ASSERT_TRUE(ports.list.has_value());
  EXPECT_EQ(ports.list->maxItems, 4u);
  ASSERT_EQ(ports.list->sizes.size(), 1u);
  EXPECT_EQ(ports.list->sizes[0].maxLength, 32u);
  ASSERT_EQ(ports.ranges.size(), 1u);
  EXPECT_EQ(checkValue(ports, " 22, 8080").canonical, "22,8080");
  EXPECT_EQ(faultFor(ports, "22,0"), 9007);       // item outside 1..65535
  EXPECT_EQ(faultFor(ports, "1,2,3,4,5"), 9007);  // more than maxItems
}

TEST(ModelLoader, Load_DerivedDataTypeInheritsTheBaseTypeAndReplacesTheFacetsItRestricts) {
  LoadedFixture f = loadFixture();
  // Tag: base ShortName (base Name: string, size 64), ShortName: size 16 + pattern, Tag: size 2..8.
  const Syntax& tag = parameter(*f.models[0], "X.Widget.Item.{i}.", "Tag").syntax;
  EXPECT_EQ(tag.type, BaseType::String);
  EXPECT_EQ(tag.dataType, "Tag");
  ASSERT_EQ(tag.sizes.size(), 1u);
  EXPECT_EQ(tag.sizes[0].minLength, 2u);
  EXPECT_EQ(tag.sizes[0].maxLength, 8u);
  ASSERT_EQ(tag.patterns.size(), 1u);  // inherited from ShortName
  EXPECT_EQ(tag.patterns[0]->source(), "[a-z][a-z0-9]*");
  EXPECT_EQ(faultFor(tag, "ab1"), 0);
  EXPECT_EQ(faultFor(tag, "a"), 9007);          // shorter than Tag's minLength
  EXPECT_EQ(faultFor(tag, "abcdefghi"), 9007);  // longer than Tag's maxLength
  EXPECT_EQ(faultFor(tag, "Ab"), 9007);         // ShortName's pattern

  const Syntax& secret = parameter(*f.models[0], "X.Widget.Item.{i}.", "Secret").syntax;  // ShortName
  ASSERT_EQ(secret.sizes.size(), 1u);
  EXPECT_EQ(secret.sizes[0].maxLength, 16u);
  EXPECT_EQ(faultFor(secret, "abcdefghijklmnop"), 0);
  EXPECT_EQ(faultFor(secret, "abcdefghijklmnopq"), 9007);
}

TEST(ModelLoader, Load_RenamedImportResolvesToTheRemoteDefinition) {
  LoadedFixture f = loadFixture();
  // <dataType name="Pct" ref="Percent"/>: the root file says Pct, the types file defines Percent.
  const Syntax& level = parameter(*f.models[0], "X.", "Level").syntax;
  EXPECT_EQ(level.type, BaseType::UnsignedInt);
  ASSERT_EQ(level.ranges.size(), 1u);
  EXPECT_EQ(level.ranges[0].minInclusive, 0.0L);
  EXPECT_EQ(level.ranges[0].maxInclusive, 100.0L);
  EXPECT_EQ(faultFor(level, "100"), 0);
  EXPECT_EQ(faultFor(level, "101"), 9007);
  // <component name="Gadget" ref="Widget"/>: the objects come from the component file's Widget.
  EXPECT_NE(findObject(*f.models[0], "X.Widget.Item.{i}."), nullptr);
}

TEST(ModelLoader, Load_ImportedTypeKeepsEveryPatternAsAnAlternative) {
  LoadedFixture f = loadFixture();
  const Syntax& mac = parameter(*f.models[0], "X.", "MAC").syntax;
  ASSERT_EQ(mac.patterns.size(), 2u);
  EXPECT_EQ(faultFor(mac, ""), 0);
  EXPECT_EQ(faultFor(mac, "00:11:22:AA:bb:cc"), 0);
  EXPECT_EQ(faultFor(mac, "00:11:22:AA:bb"), 9007);
}

TEST(ModelLoader, Load_EnumerationValuesKeepTheirReadOnlyAccess) {
  LoadedFixture f = loadFixture();
  const Syntax& mode = parameter(*f.models[0], "X.Widget.", "Mode").syntax;
  ASSERT_EQ(mode.enumerations.size(), 3u);
  EXPECT_EQ(mode.enumerations[0].value, "Auto");
  EXPECT_FALSE(mode.enumerations[0].readOnly);
  EXPECT_EQ(mode.enumerations[2].value, "Fault");
  EXPECT_TRUE(mode.enumerations[2].readOnly);
  EXPECT_EQ(faultFor(mode, "Fault"), 9007);
  EXPECT_FALSE(checkValue(mode, "Fault", WriteOrigin::Device).fault);
}

TEST(ModelLoader, Load_HiddenSyntaxStaysHiddenWhenItsTypeIsANamedDataType) {
  LoadedFixture f = loadFixture();
  const Syntax& secret = parameter(*f.models[0], "X.Widget.Item.{i}.", "Secret").syntax;
  EXPECT_TRUE(secret.hidden);  // <syntax hidden="true"><dataType ref="ShortName"/></syntax>
  EXPECT_EQ(secret.dataType, "ShortName");
  EXPECT_EQ(secret.patterns.size(), 1u);
}

TEST(ModelLoader, Load_DeletedItemsAreInTheModelButNotInTheSchema) {
  LoadedFixture f = loadFixture();
  const Model& m = *f.models[0];
  EXPECT_EQ(object(m, "X.Widget.Old.").status, Status::Deleted);
  EXPECT_EQ(parameter(m, "X.Widget.Item.{i}.", "Legacy").status, Status::Deleted);

  auto schema = Schema::build(m);
  EXPECT_EQ(schema->findObject("X.Widget.Old."), nullptr);
  const ObjectDef* item = schema->findObject("X.Widget.Item.{i}.");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->findParameter("Legacy"), nullptr);
  EXPECT_NE(item->findParameter("Ports"), nullptr);

  InstanceTree tree(schema);
  EXPECT_FALSE(tree.hasObject("X.Widget.Old."));
  ASSERT_TRUE(tree.addObject("X.Widget.Item.", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("X.Widget.Item.1.Legacy").fault.code, FaultCode::InvalidParameterName);
}

TEST(ModelLoader, Load_ModelBaseStartsFromTheBaseModelAndRefinesIt) {
  LoadedFixture f = loadFixture();
  const Model& v10 = *f.models[0];
  const Model& v11 = *f.models[1];
  EXPECT_EQ(objectPaths(v11), objectPaths(v10));

  // <object base="X."><parameter base="Level" access="readWrite"/>: access changes, syntax stays.
  const ParameterDef& level = parameter(v11, "X.", "Level");
  EXPECT_EQ(level.access, Access::ReadWrite);
  EXPECT_EQ(level.syntax.type, BaseType::UnsignedInt);
  EXPECT_EQ(level.syntax.initialValue(), "50");
  EXPECT_EQ(faultFor(level.syntax, "101"), 9007);

  // <object base="X.Widget."> adds a parameter after the inherited ones.
  EXPECT_EQ(parameterNames(object(v11, "X.Widget.")),
            (std::vector<std::string>{"Mode", "ItemNumberOfEntries", "ForwardNumberOfEntries", "Extra"}));
  EXPECT_EQ(parameter(v11, "X.Widget.", "Extra").syntax.initialValue(), "true");

  // <object base="X.Widget.Item.{i}." maxEntries="5"/> changes only maxEntries.
  const ObjectDef& item = object(v11, "X.Widget.Item.{i}.");
  EXPECT_EQ(item.maxEntries, 5u);
  EXPECT_EQ(item.access, Access::ReadWrite);
  EXPECT_EQ(item.numEntriesParameter, "ItemNumberOfEntries");
  EXPECT_EQ(item.parameters.size(), object(v10, "X.Widget.Item.{i}.").parameters.size());
}

TEST(ModelLoader, Load_RefiningAModelLeavesItsBaseUnchanged) {
  LoadedFixture f = loadFixture();
  const Model& v10 = *f.models[0];
  EXPECT_EQ(parameter(v10, "X.", "Level").access, Access::ReadOnly);
  EXPECT_EQ(object(v10, "X.Widget.").findParameter("Extra"), nullptr);
  EXPECT_EQ(object(v10, "X.Widget.Item.{i}.").maxEntries, 3u);
}

TEST(ModelLoader, FindModel_FindsEveryModelLoadedSoFar) {
  ModelLoader loader;
  EXPECT_EQ(loader.findModel("X:1.0"), nullptr);
  auto models = loader.load(fixture("loader-root.xml"));
  EXPECT_EQ(loader.findModel("X:1.0"), models[0]);
  EXPECT_EQ(loader.findModel("X:1.1"), models[1]);
  EXPECT_EQ(loader.findModel("X:2.0"), nullptr);
}

TEST(ModelLoader, Schema_NumEntriesParameterCountsItsTableAsInstancesComeAndGo) {
  LoadedFixture f = loadFixture();
  auto schema = Schema::build(*f.models[0]);
  const ObjectDef* widget = schema->findObject("X.Widget.");
  ASSERT_NE(widget, nullptr);
  EXPECT_EQ(widget->findParameter("ItemNumberOfEntries")->countsTable,
            schema->findObject("X.Widget.Item.{i}."));
  // numEntriesParameter="ForwardNumberOfEntries" links although the table is called Forwarding.
  EXPECT_EQ(widget->findParameter("ForwardNumberOfEntries")->countsTable,
            schema->findObject("X.Widget.Forwarding.{i}."));

  InstanceTree tree(schema);
  EXPECT_EQ(tree.get("X.Widget.ItemNumberOfEntries").value, "0");
  ASSERT_TRUE(tree.addObject("X.Widget.Item.", WriteOrigin::Acs));
  ASSERT_TRUE(tree.addObject("X.Widget.Item.", WriteOrigin::Acs));
  ASSERT_TRUE(tree.addObject("X.Widget.Forwarding.", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("X.Widget.ItemNumberOfEntries").value, "2");
  EXPECT_EQ(tree.get("X.Widget.ForwardNumberOfEntries").value, "1");
  ASSERT_FALSE(tree.deleteObject("X.Widget.Item.1.", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("X.Widget.ItemNumberOfEntries").value, "1");
  EXPECT_EQ(tree.get("X.Widget.ForwardNumberOfEntries").value, "1");
}

TEST(ModelLoader, Schema_InstancesStartWithTheModelsDefaults) {
  LoadedFixture f = loadFixture();
  InstanceTree tree(Schema::build(*f.models[1]));
  EXPECT_EQ(tree.get("X.Level").value, "50");
  EXPECT_EQ(tree.get("X.Widget.Mode").value, "Auto");
  EXPECT_EQ(tree.get("X.Widget.Extra").value, "true");
  ASSERT_TRUE(tree.addObject("X.Widget.Item.", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("X.Widget.Item.1.Tag").value, "tg");
  EXPECT_EQ(tree.get("X.Widget.Item.1.Ports").value, "80,443");
  EXPECT_EQ(tree.get("X.Widget.Item.1.Secret", ReadView::Acs).value, "");
}

// ---- where imports are found -------------------------------------------------------------------------

TEST(ModelLoader, Import_IsFoundOnTheSearchPathWhenNotNextToTheImportingFile) {
  TempDir dir;
  dir.write("lib/types.xml",
            document("  <dataType name=\"Word\"><string><size maxLength=\"4\"/></string></dataType>\n"));
  fs::path root =
      dir.write("models/root.xml", document(R"(  <import file="types.xml" spec="urn:example:types">
    <dataType name="Word"/>
  </import>
  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="W" access="readWrite"><syntax><dataType ref="Word"/></syntax></parameter>
    </object>
  </model>
)"));
  {
    ModelLoader loader;
    EXPECT_THROW(loader.load(root), DataModelError);
  }
  ModelLoader loader;
  loader.addSearchDirectory(dir.path() / "lib");
  auto models = loader.load(root);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(object(*models[0], "A.").findParameter("W")->syntax.sizes.at(0).maxLength, 4u);
}

TEST(ModelLoader, Import_NextToTheImportingFileWinsOverTheSearchPath) {
  TempDir dir;
  dir.write("a/types.xml",
            document("  <dataType name=\"Word\"><string><size maxLength=\"4\"/></string></dataType>\n"));
  dir.write("b/types.xml",
            document("  <dataType name=\"Word\"><string><size maxLength=\"9\"/></string></dataType>\n"));
  fs::path root = dir.write("a/root.xml", document(R"(  <import file="types.xml" spec="urn:example:types">
    <dataType name="Word"/>
  </import>
  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="W" access="readWrite"><syntax><dataType ref="Word"/></syntax></parameter>
    </object>
  </model>
)"));
  ModelLoader loader;
  loader.addSearchDirectory(dir.path() / "b");
  auto models = loader.load(root);
  EXPECT_EQ(object(*models[0], "A.").findParameter("W")->syntax.sizes.at(0).maxLength, 4u);
}

// ---- errors ------------------------------------------------------------------------------------------

TEST(ModelLoader, Error_MalformedXmlNamesFileAndLine) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
  </model>
)");
  fs::path file = dir.write("broken.xml", text);
  expectLoadError(file, file, lineOf(text, "</model>"), "mismatch");
}

TEST(ModelLoader, Error_EmptyFileIsRefused) {
  TempDir dir;
  fs::path file = dir.write("empty.xml", "");
  ModelLoader loader;
  try {
    loader.load(file);
    ADD_FAILURE() << "an empty file loaded";
  } catch (const DataModelError& e) {
    EXPECT_NE(std::string(e.what()).find("empty.xml"), std::string::npos) << e.what();
  }
}

TEST(ModelLoader, Error_MissingFileIsRefusedNamingIt) {
  TempDir dir;
  ModelLoader loader;
  try {
    loader.load(dir.path() / "absent.xml");
    ADD_FAILURE() << "a missing file loaded";
  } catch (const DataModelError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.xml"), std::string::npos) << e.what();
  }
}

TEST(ModelLoader, Error_DoctypeWithInternalEntitiesIsRefusedNotExpanded) {
  // Billion laughs: expanding &lol9; would take 10^9 copies of "lol".
  std::string text = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE dm:document [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-14" spec="urn:example:test">
  <model name="&lol9;">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="P" access="readOnly"><syntax><string/><default type="object" value="&lol9;"/></syntax></parameter>
    </object>
  </model>
</dm:document>
)";
  TempDir dir;
  fs::path file = dir.write("lol.xml", text);
  std::string what = expectLoadError(file, file, lineOf(text, "<!DOCTYPE"), "DOCTYPE");
  EXPECT_EQ(what.find("lollol"), std::string::npos);
}

TEST(ModelLoader, Error_DoctypeWithAnExternalEntityIsRefusedAndTheFileIsNeverRead) {
  std::string text = R"(<?xml version="1.0" encoding="UTF-8"?>

<!DOCTYPE dm:document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-14" spec="urn:example:test">
  <description>&xxe;</description>
  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="&xxe;" access="readOnly"><syntax><string/><default type="object" value="&xxe;"/></syntax></parameter>
    </object>
  </model>
</dm:document>
)";
  TempDir dir;
  fs::path file = dir.write("xxe.xml", text);
  std::string what = expectLoadError(file, file, lineOf(text, "<!DOCTYPE"), "DOCTYPE");
  EXPECT_EQ(what.find("root:"), std::string::npos) << what;

  // Whatever the loader does, the file's content must never reach a model or a warning.
  std::ifstream passwd("/etc/passwd");
  std::string firstLine;
  if (std::getline(passwd, firstLine) && !firstLine.empty()) {
    EXPECT_EQ(what.find(firstLine), std::string::npos);
  }
}

TEST(ModelLoader, Error_DoctypeIsRefusedInAnImportedFileToo) {
  TempDir dir;
  std::string imported = R"(<?xml version="1.0"?>
<!DOCTYPE dm:document SYSTEM "file:///etc/passwd">
<dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-14" spec="urn:example:evil">
  <dataType name="Anything"><string/></dataType>
</dm:document>
)";
  fs::path importedFile = dir.write("evil.xml", imported);
  fs::path root = dir.write("root.xml", document(R"(  <import file="evil.xml" spec="urn:example:evil">
    <dataType name="Anything"/>
  </import>
)"));
  expectLoadError(root, importedFile, lineOf(imported, "<!DOCTYPE"), "DOCTYPE");
}

TEST(ModelLoader, Error_MissingImportNamesTheImportingFileAndLine) {
  TempDir dir;
  std::string text = document(std::string(R"(  <description>Imports a file that is not there.</description>
  <import file="nowhere.xml" spec="urn:example:nowhere">
    <component name="Missing"/>
  </import>
)") + std::string(kSmallModel));
  fs::path file = dir.write("root.xml", text);
  expectLoadError(file, file, lineOf(text, "<import"), "nowhere.xml");
}

TEST(ModelLoader, Error_InAnImportedFileNamesThatFileAndItsLine) {
  TempDir dir;
  std::string imported = document("  <dataType name=\"Word\">\n    <string>\n  </dataType>\n");
  fs::path importedFile = dir.write("types.xml", imported);
  fs::path root =
      dir.write("root.xml", document(std::string(R"(  <import file="types.xml" spec="urn:example:types">
    <dataType name="Word"/>
  </import>
)") + std::string(kSmallModel)));
  expectLoadError(root, importedFile, lineOf(imported, "</dataType>"), "mismatch");
}

TEST(ModelLoader, Error_UndefinedComponentRefNamesFileAndLine) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1"/>
    <component path="A." ref="NoSuchComponent"/>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  expectLoadError(file, file, lineOf(text, "<component"), "NoSuchComponent");
}

TEST(ModelLoader, Error_ModelBasedOnAnUnknownModelNamesFileAndLine) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.1" base="A:1.0">
    <object base="A."/>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  expectLoadError(file, file, lineOf(text, "<model"), "A:1.0");
}

TEST(ModelLoader, Error_ImportCycleIsRefused) {
  TempDir dir;
  std::string a =
      document("  <import file=\"b.xml\" spec=\"urn:example:b\">\n    <dataType name=\"B\"/>\n  </import>\n");
  std::string b =
      document("  <import file=\"a.xml\" spec=\"urn:example:a\">\n    <dataType name=\"A\"/>\n  </import>\n");
  fs::path fa = dir.write("a.xml", a);
  fs::path fb = dir.write("b.xml", b);
  expectLoadError(fa, fb, lineOf(b, "<import"), "cycle");
}

TEST(ModelLoader, Error_RootElementThatIsNotABbfDocumentIsRefused) {
  TempDir dir;
  std::string html = "<?xml version=\"1.0\"?>\n<html>\n  <body/>\n</html>\n";
  fs::path htmlFile = dir.write("page.xml", html);
  expectLoadError(htmlFile, htmlFile, lineOf(html, "<html>"), "not a BBF data-model document");

  // The right element name in the wrong namespace (here: the CWMP device-type schema) is no better.
  std::string other =
      "<?xml version=\"1.0\"?>\n\n<dt:document xmlns:dt=\"urn:broadband-forum-org:cwmp:devicetype-1-14\">\n"
      "</dt:document>\n";
  fs::path otherFile = dir.write("devicetype.xml", other);
  expectLoadError(otherFile, otherFile, lineOf(other, "<dt:document"), "not a BBF data-model document");

  std::string plain = "<?xml version=\"1.0\"?>\n<document>\n</document>\n";
  fs::path plainFile = dir.write("plain.xml", plain);
  expectLoadError(plainFile, plainFile, lineOf(plain, "<document>"), "not a BBF data-model document");
}

TEST(ModelLoader, Error_ObjectWithNeitherNameNorBaseNamesFileAndLine) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object access="readOnly"/>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  expectLoadError(file, file, lineOf(text, "<object"), "neither name nor base");
}

TEST(ModelLoader, Error_AFailedLoadLeavesTheLoaderUsable) {
  TempDir dir;
  fs::path bad = dir.write(
      "bad.xml",
      document("  <model name=\"A:1.0\">\n    <component path=\"A.\" ref=\"Nope\"/>\n  </model>\n"));
  fs::path good = dir.write("good.xml", document(kSmallModel));
  ModelLoader loader;
  EXPECT_THROW(loader.load(bad), DataModelError);
  auto models = loader.load(good);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->name, "A:1.0");
}

// ---- warnings ----------------------------------------------------------------------------------------

bool hasWarning(const ModelLoader& loader, const fs::path& file, long line, std::string_view mentions) {
  for (const auto& w : loader.warnings()) {
    std::error_code ec;
    if (fs::equivalent(w.file, file, ec) && w.line == line && w.message.find(mentions) != std::string::npos)
      return true;
  }
  return false;
}

std::string listWarnings(const ModelLoader& loader) {
  std::ostringstream out;
  for (const auto& w : loader.warnings()) out << "\n  " << w.toString();
  return out.str();
}

TEST(ModelLoader, Warning_UnknownDataTypeIsTreatedAsString) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="P" access="readWrite">
        <syntax>
          <dataType ref="NoSuchType"/>
        </syntax>
      </parameter>
    </object>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  ModelLoader loader;
  auto models = loader.load(file);
  EXPECT_TRUE(hasWarning(loader, file, lineOf(text, "<dataType"), "NoSuchType")) << listWarnings(loader);
  const Syntax& p = parameter(*models.at(0), "A.", "P").syntax;
  EXPECT_EQ(p.type, BaseType::String);
  EXPECT_EQ(faultFor(p, "anything at all"), 0);
}

TEST(ModelLoader, Warning_UndefinedDataTypeBaseIsTreatedAsString) {
  TempDir dir;
  std::string text = document(R"(  <dataType name="Derived" base="Missing">
    <size maxLength="3"/>
  </dataType>
  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="P" access="readWrite"><syntax><dataType ref="Derived"/></syntax></parameter>
    </object>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  ModelLoader loader;
  auto models = loader.load(file);
  EXPECT_TRUE(hasWarning(loader, file, lineOf(text, "<dataType name=\"Derived\""), "Missing"))
      << listWarnings(loader);
  const Syntax& p = parameter(*models.at(0), "A.", "P").syntax;
  EXPECT_EQ(p.type, BaseType::String);
  EXPECT_EQ(faultFor(p, "abc"), 0);
  EXPECT_EQ(faultFor(p, "abcd"), 9007);  // its own facets still apply
}

TEST(ModelLoader, Warning_MissingImportThatListsNothingIsOnlyAWarning) {
  TempDir dir;
  std::string text =
      document(std::string("  <import file=\"bibliography.xml\" spec=\"urn:example:biblio\"/>\n") +
               std::string(kSmallModel));
  fs::path file = dir.write("root.xml", text);
  ModelLoader loader;
  auto models = loader.load(file);
  EXPECT_EQ(models.size(), 1u);
  EXPECT_TRUE(hasWarning(loader, file, lineOf(text, "<import"), "bibliography.xml")) << listWarnings(loader);
}

TEST(ModelLoader, Warning_ObjectNameWithoutTrailingDotGetsOne) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1"/>
    <object name="A.B" access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="P" access="readOnly"><syntax><string/></syntax></parameter>
    </object>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  ModelLoader loader;
  auto models = loader.load(file);
  EXPECT_TRUE(hasWarning(loader, file, lineOf(text, "name=\"A.B\""), "trailing dot")) << listWarnings(loader);
  EXPECT_NE(findObject(*models.at(0), "A.B."), nullptr);
}

TEST(ModelLoader, Warning_SecondDefinitionOfAParameterRefinesTheFirst) {
  TempDir dir;
  std::string text = document(R"(  <model name="A:1.0">
    <object name="A." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="P" access="readOnly"><syntax><string/></syntax></parameter>
      <parameter name="P" access="readWrite"/>
    </object>
  </model>
)");
  fs::path file = dir.write("root.xml", text);
  ModelLoader loader;
  auto models = loader.load(file);
  EXPECT_TRUE(
      hasWarning(loader, file, lineOf(text, "<parameter name=\"P\" access=\"readWrite\""), "defined twice"))
      << listWarnings(loader);
  EXPECT_EQ(object(*models.at(0), "A.").parameters.size(), 1u);
  EXPECT_EQ(parameter(*models.at(0), "A.", "P").access, Access::ReadWrite);
}

}  // namespace
}  // namespace cpemu::datamodel
