// The official BBF files load, and their definition counts equal those in ../shared/bbf/README.md
// (computed there independently with xmllint XPath).
#include <gtest/gtest.h>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "support/test_paths.h"

namespace cpemu::datamodel {
namespace {

struct Counts {
  std::size_t objects, multiInstance, parameters, writable;
};

Counts countModel(const Model& m) {
  Counts c{m.objectDefinitionCount(), 0, m.parameterDefinitionCount(), 0};
  for (const auto& o : m.objects) {
    if (o.path.ends_with("{i}.")) ++c.multiInstance;
    for (const auto& p : o.parameters)
      if (p.access == Access::ReadWrite) ++c.writable;
  }
  return c;
}

TEST(OfficialModels, Tr181FullLoadsWithReadmeCounts) {
  CPEMU_REQUIRE_BBF_FILE(file, "tr-181-2-19-1-cwmp-full.xml");
  ModelLoader loader;
  auto models = loader.load(file);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->name, "Device:2.19");
  Counts c = countModel(*models[0]);
  EXPECT_EQ(c.objects, 873u);
  EXPECT_EQ(c.multiInstance, 444u);
  EXPECT_EQ(c.parameters, 7343u);
  EXPECT_EQ(c.writable, 2686u);
}

TEST(OfficialModels, Tr098FullLoadsWithReadmeCountsAndTrimmedNames) {
  CPEMU_REQUIRE_BBF_FILE(file, "tr-098-1-8-0-full.xml");
  ModelLoader loader;
  auto models = loader.load(file);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->name, "InternetGatewayDevice:1.14");
  Counts c = countModel(*models[0]);
  EXPECT_EQ(c.objects, 192u);
  EXPECT_EQ(c.multiInstance, 91u);
  EXPECT_EQ(c.parameters, 1801u);
  EXPECT_EQ(c.writable, 756u);
  // The file spells it name="UPnPQoSDevice " (trailing space); BBF's tools trim it, so do we.
  auto model = std::const_pointer_cast<Model>(models[0]);
  const ObjectDef* upnp = model->findObject("InternetGatewayDevice.UPnP.Device.");
  ASSERT_NE(upnp, nullptr);
  EXPECT_NE(upnp->findParameter("UPnPQoSDevice"), nullptr);
}

TEST(OfficialModels, Tr135ServiceModelLoadsWithReadmeCounts) {
  CPEMU_REQUIRE_BBF_FILE(file, "tr-135-1-4-1-cwmp-full.xml");
  ModelLoader loader;
  auto models = loader.load(file);
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]->name, "STBService:1.4");
  EXPECT_TRUE(models[0]->isService);
  Counts c = countModel(*models[0]);
  EXPECT_EQ(c.objects, 99u);
  EXPECT_EQ(c.multiInstance, 32u);
  EXPECT_EQ(c.parameters, 518u);
  EXPECT_EQ(c.writable, 123u);
  ASSERT_EQ(models[0]->modelParameters.size(), 1u);
  EXPECT_EQ(models[0]->modelParameters[0].name, "STBServiceNumberOfEntries");
}

TEST(OfficialModels, Tr104ModelsLoadWithReadmeCounts) {
  CPEMU_REQUIRE_BBF_FILE(v2, "tr-104-2-0-2-cwmp-full.xml");
  CPEMU_REQUIRE_BBF_FILE(v1, "tr-104-1-1-0-full.xml");
  ModelLoader loader;
  auto m2 = loader.load(v2);
  auto m1 = loader.load(v1);
  ASSERT_EQ(m2.size(), 1u);
  ASSERT_EQ(m1.size(), 1u);
  EXPECT_EQ(countModel(*m2[0]).objects, 113u);
  EXPECT_EQ(countModel(*m2[0]).parameters, 848u);
  EXPECT_EQ(countModel(*m1[0]).objects, 43u);
  EXPECT_EQ(countModel(*m1[0]).parameters, 349u);
}

TEST(OfficialModels, Tr181InstantiatesWithServiceModelMountedUnderServices) {
  CPEMU_REQUIRE_BBF_FILE(tr181, "tr-181-2-19-1-cwmp-full.xml");
  CPEMU_REQUIRE_BBF_FILE(tr135, "tr-135-1-4-1-cwmp-full.xml");
  ModelLoader loader;
  auto device = loader.load(tr181);
  auto stb = loader.load(tr135);
  auto schema = Schema::build(*device[0], {stb[0].get()}, "Device.Services.");
  InstanceTree tree(schema);
  EXPECT_EQ(tree.get("Device.Services.STBServiceNumberOfEntries").value, "0");
  auto added = tree.addObject("Device.Services.STBService.", WriteOrigin::Device);
  ASSERT_FALSE(added.fault) << added.fault.message;
  EXPECT_EQ(tree.get("Device.Services.STBServiceNumberOfEntries").value, "1");
  EXPECT_TRUE(tree.hasObject("Device.Services.STBService.1.Capabilities."));
  // Secured parameters read back empty to an ACS (TR-181: ConnectionRequestPassword).
  ASSERT_FALSE(tree.set("Device.ManagementServer.ConnectionRequestPassword", "s3cret", WriteOrigin::Acs));
  EXPECT_EQ(tree.get("Device.ManagementServer.ConnectionRequestPassword").value, "");
  EXPECT_EQ(tree.get("Device.ManagementServer.ConnectionRequestPassword", ReadView::Device).value, "s3cret");
}

}  // namespace
}  // namespace cpemu::datamodel
