// Data-model benchmarks (issue: foundation):
//   1. load time of an official "full" data-model XML (default: TR-181 2.19 full);
//   2. memory per device when N devices are instantiated from one profile (default: gateway, 10,000).
// Usage: datamodel_bench [--xml FILE] [--loads N] [--profile FILE] [--devices N]
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "datamodel/instance_tree.h"
#include "datamodel/model_loader.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"

namespace {

using Clock = std::chrono::steady_clock;

std::size_t heapInUse() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

std::size_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string xml = std::string(CPEMU_SOURCE_DIR) + "/../shared/bbf/tr-181-2-19-1-cwmp-full.xml";
  std::string profilePath = std::string(CPEMU_SOURCE_DIR) + "/profiles/gateway.yaml";
  int loads = 20;
  std::size_t devices = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--xml")) xml = argv[i + 1];
    else if (!std::strcmp(argv[i], "--loads")) loads = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--profile")) profilePath = argv[i + 1];
    else if (!std::strcmp(argv[i], "--devices")) devices = std::stoul(argv[i + 1]);
  }

  // 1. Load time: parse + build the model, then link the Schema, each from a cold ModelLoader.
  std::vector<double> loadMs, schemaMs;
  std::size_t objects = 0, parameters = 0;
  for (int i = 0; i < loads; ++i) {
    auto t0 = Clock::now();
    cpemu::datamodel::ModelLoader loader;
    auto models = loader.load(xml);
    auto t1 = Clock::now();
    auto schema = cpemu::datamodel::Schema::build(*models.at(0), {}, "Device.Services.");
    auto t2 = Clock::now();
    loadMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    schemaMs.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    objects = models[0]->objectDefinitionCount();
    parameters = models[0]->parameterDefinitionCount();
  }
  std::printf("load %s (%zu objects, %zu parameters), %d cold loads:\n", xml.c_str(), objects, parameters, loads);
  std::printf("  XML parse + model build: median %.1f ms, min %.1f ms\n", median(loadMs),
              *std::min_element(loadMs.begin(), loadMs.end()));
  std::printf("  schema link:             median %.1f ms\n", median(schemaMs));

  // 2. Bytes per device: instantiate N devices of the profile and measure what the heap grew by.
  cpemu::datamodel::ModelLoader loader;
  cpemu::profile::ProfileLoader profiles;
  auto tmpl = cpemu::profile::DeviceTemplate::build(profiles.load(profilePath), loader);
  std::vector<cpemu::datamodel::InstanceTree> fleet;
  fleet.reserve(devices);
  malloc_trim(0);
  std::size_t heapBefore = heapInUse(), rssBefore = residentBytes();
  auto t0 = Clock::now();
  for (std::size_t i = 1; i <= devices; ++i) fleet.push_back(tmpl->instantiate(i));
  auto t1 = Clock::now();
  std::size_t heapAfter = heapInUse(), rssAfter = residentBytes();
  std::size_t accounted = 0;
  for (std::size_t i = 0; i < fleet.size(); i += std::max<std::size_t>(1, fleet.size() / 100))
    accounted += fleet[i].bytesNotSharedWith(tmpl->tree());
  std::size_t sampled = (fleet.size() + std::max<std::size_t>(1, fleet.size() / 100) - 1) /
                        std::max<std::size_t>(1, fleet.size() / 100);
  double perDeviceHeap = static_cast<double>(heapAfter - heapBefore) / static_cast<double>(devices);
  double perDeviceRss = static_cast<double>(rssAfter - rssBefore) / static_cast<double>(devices);
  std::size_t params = 0;
  tmpl->tree().forEachParameter([&](const std::string&, const auto&, std::string_view) { ++params; });
  std::printf("devices: %zu x %s (%zu parameters each, %zu per-device values), instantiated in %.1f ms\n", devices,
              profilePath.c_str(), params, tmpl->perDeviceValueCount(),
              std::chrono::duration<double, std::milli>(t1 - t0).count());
  std::printf("  heap growth (mallinfo2):      %.0f bytes/device (%.2f KiB)\n", perDeviceHeap, perDeviceHeap / 1024);
  std::printf("  resident growth (/proc statm): %.0f bytes/device (%.2f KiB)\n", perDeviceRss, perDeviceRss / 1024);
  std::printf("  private tree bytes (sampled):  %.0f bytes/device\n",
              static_cast<double>(accounted) / static_cast<double>(sampled));
  return 0;
}
