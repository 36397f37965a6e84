// DeviceStore save throughput (issue 6, persistence; docs/performance.md "Fleets"): for each thread count
// (default 1, 8, 32), that many threads each save their own gateway devices over and over into one shared
// database, as a fleet's workers do, for a fixed time. Every save changes the device (its ParameterKey),
// so every save writes. It prints saves per second, transactions per second (each is one fsync of the
// WAL), saves per transaction, the process CPU per save, and the save latency p50/p99 as a saver sees it.
// Usage: store_bench [--profile FILE] [--threads 1,8,32] [--seconds S] [--devices-per-thread N] [--dir DIR]
// Without --dir the database is in a new temporary folder (removed at the end) on the same disk as /tmp.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "datamodel/model_loader.h"
#include "device/device.h"
#include "profile/device_template.h"
#include "profile/profile_loader.h"
#include "store/device_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

std::vector<unsigned> parseList(const std::string& text) {
  std::vector<unsigned> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(static_cast<unsigned>(std::stoul(item)));
  return out;
}

struct Figures {
  double seconds = 0, cpu = 0;
  std::uint64_t saves = 0, transactions = 0;
  std::vector<double> latencyMs;
};

// `threads` savers, each with its own devices, for `seconds`; the devices are saved once before the
// clock starts, so the rows exist and every measured save replaces them.
Figures measure(cpemu::store::DeviceStore& store,
                const std::shared_ptr<const cpemu::profile::DeviceTemplate>& tpl, unsigned threads,
                unsigned devicesPerThread, double seconds, std::uint64_t firstIndex) {
  std::vector<std::unique_ptr<cpemu::device::Device>> devices;
  for (unsigned i = 0; i < threads * devicesPerThread; ++i) {
    devices.push_back(std::make_unique<cpemu::device::Device>(tpl, firstIndex + i));
    store.save(*devices.back());
  }
  std::atomic<bool> stop = false;
  std::vector<std::vector<double>> latencies(threads);
  auto before = store.counters();
  double cpu0 = cpuSeconds();
  auto t0 = Clock::now();
  std::vector<std::thread> savers;
  for (unsigned t = 0; t < threads; ++t)
    savers.emplace_back([&, t] {
      for (std::uint64_t n = 0; !stop; ++n) {
        auto& d = *devices[t * devicesPerThread + n % devicesPerThread];
        (void)d.setValue("ManagementServer.ParameterKey", "bench-" + std::to_string(n));
        auto s0 = Clock::now();
        store.save(d);
        latencies[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - s0).count());
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& s : savers) s.join();
  Figures f;
  f.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  f.cpu = cpuSeconds() - cpu0;
  for (auto& l : latencies) f.latencyMs.insert(f.latencyMs.end(), l.begin(), l.end());
  f.saves = f.latencyMs.size();  // the saves that returned, not those still waiting at the end
  f.transactions = store.counters().commits - before.commits;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::string profilePath = std::string(CPEMU_SOURCE_DIR) + "/profiles/gateway.yaml";
  std::vector<unsigned> threadCounts = {1, 8, 32};
  double seconds = 10;
  unsigned devicesPerThread = 4;
  std::filesystem::path dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--profile")) profilePath = argv[i + 1];
    else if (!std::strcmp(argv[i], "--threads")) threadCounts = parseList(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seconds")) seconds = std::stod(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--devices-per-thread")) devicesPerThread = std::stoul(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  bool temporary = dir.empty();
  if (temporary) dir = std::filesystem::temp_directory_path() / ("store_bench." + std::to_string(::getpid()));

  cpemu::datamodel::ModelLoader loader;
  cpemu::profile::ProfileLoader profiles;
  auto tpl = cpemu::profile::DeviceTemplate::build(profiles.load(profilePath), loader);
  std::printf("store_bench: %s, %u devices per thread, %.0f s per thread count, database %s/cpemu.db\n",
              profilePath.c_str(), devicesPerThread, seconds, dir.c_str());
  std::printf("  %7s  %9s  %14s  %16s  %12s  %10s  %10s\n", "threads", "saves/s", "transactions/s",
              "saves/transaction", "CPU µs/save", "p50 ms", "p99 ms");
  int status = 0;
  try {
    cpemu::store::DeviceStore store(dir);
    std::uint64_t nextIndex = 1;
    for (unsigned threads : threadCounts) {
      Figures f = measure(store, tpl, threads, devicesPerThread, seconds, nextIndex);
      nextIndex += threads * devicesPerThread;
      std::printf("  %7u  %9.0f  %14.0f  %16.2f  %12.0f  %10.2f  %10.2f\n", threads, f.saves / f.seconds,
                  f.transactions / f.seconds, f.transactions ? double(f.saves) / f.transactions : 0.0,
                  f.saves ? f.cpu * 1e6 / f.saves : 0.0, percentile(f.latencyMs, 0.5),
                  percentile(f.latencyMs, 0.99));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    status = 1;
  }
  if (temporary) std::filesystem::remove_all(dir);
  return status;
}
