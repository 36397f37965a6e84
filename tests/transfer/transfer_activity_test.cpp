// TransferActivity against a real HTTP file server on loopback: firmware and configuration downloads and
// what they change on the device, uploads, each failure and the TR-069 A.5.1 fault it maps to, injected
// failures, and when queued transfers become due (DelaySeconds, ScheduleDownload time windows).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <thread>

#include "device/device.h"
#include "support/shipped_profiles.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"
#include "transfer/file_server.h"
#include "transfer/transfer_activity.h"
#include "transfer/vendor_config_file.h"
#include "transport/recording_server.h"
#include "transport/sha256.h"

namespace cpemu::transfer {
namespace {

using namespace std::chrono_literals;
using test::FileServer;

std::string sha256(const std::string& data) {
  transport::Sha256 h;
  h.update(data);
  return h.hexDigest();
}

std::vector<std::string> eventsOf(const device::Device& d) {
  std::vector<std::string> out;
  for (const auto& e : d.events().all())
    out.push_back(e.code + (e.commandKey.empty() ? "" : "/" + e.commandKey));
  return out;
}

// A server on 127.0.0.1 that answers one request with a 200 announcing more body than it sends, then hangs
// up: a download that breaks off.
class HangingUpServer {
 public:
  HangingUpServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), length), 0);
    EXPECT_EQ(::listen(listener_, 1), 0);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      char request[4096];
      [[maybe_unused]] auto got = ::read(client, request, sizeof request);
      const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'x');
      [[maybe_unused]] auto sent = ::write(client, answer.data(), answer.size());
      ::close(client);
    });
  }
  ~HangingUpServer() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

class TransferActivityTest : public ::testing::Test {
 protected:
  // Queues a transfer as the RPC handlers do, received at now_.
  void queue(const std::string& commandKey, const std::string& fileType, const std::string& path,
             std::uint64_t fileSize = 0, bool isDownload = true) {
    device::Transfer t;
    t.commandKey = commandKey;
    t.isDownload = isDownload;
    t.fileType = fileType;
    t.url = files_.url(path);
    t.fileSize = fileSize;
    t.receivedAt = now_;
    if (path.starts_with("/digest/") || path.starts_with("/basic/")) {
      t.username = FileServer::kUser;
      t.password = FileServer::kPassword;
    }
    device_.transfers().add(std::move(t));
  }
  // Runs what is due and returns the fault of the (only) finished transfer.
  unsigned runOne() {
    TransferActivity activity(settings_, logger_);
    activity.run(device_, now_);
    EXPECT_EQ(device_.transfers().completed().size(), 1u) << log_.str();
    if (device_.transfers().completed().empty()) return 0;
    return device_.transfers().completed()[0].faultCode;
  }

  device::TimePoint now_ = device::parseDateTime("2026-11-25T10:17:00Z").value();
  FileServer files_;
  profile::TransferSettings settings_;
  device::Device device_{test::shippedProfile("gateway.yaml"), 1};
  std::ostringstream log_;
  log::Logger logger_{log_, log::Level::Info};
};

TEST_F(TransferActivityTest, FirmwareFromTheProfilesManifest_SetsSoftwareVersionAndReboots) {
  const std::string image(100000, 'x');
  files_.serve("/images/fw-2.0.bin", image);
  settings_.firmwareImages["fw-2.0.bin"] = {"2.0.0", image.size(), sha256(image), {}};
  queue("fw-1", "1 Firmware Upgrade Image", "/images/fw-2.0.bin", image.size());

  EXPECT_EQ(runOne(), 0u) << log_.str();

  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "2.0.0");
  EXPECT_TRUE(device_.transfers().all().empty());
  const auto& done = device_.transfers().completed()[0];
  EXPECT_EQ(done.transfer.commandKey, "fw-1");
  EXPECT_EQ(done.transfer.state, 3);
  EXPECT_EQ(done.startTime, now_);
  EXPECT_GE(done.completeTime, done.startTime);
  // Rebooted into the new firmware: BOOT, and the transfer's events (no M Reboot).
  EXPECT_EQ(eventsOf(device_),
            (std::vector<std::string>{"0 BOOTSTRAP", "1 BOOT", "7 TRANSFER COMPLETE", "M Download/fw-1"}));
}

TEST_F(TransferActivityTest, FirmwareWithAManifestHeader_InstallsTheVersionItNames) {
  const std::string payload = "firmware payload";
  files_.serve("/fw.img", test::firmwareWithHeader("3.3.0", payload, sha256(payload)));
  queue("fw", "1 Firmware Upgrade Image", "/fw.img");
  EXPECT_EQ(runOne(), 0u) << log_.str();
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "3.3.0");
}

// TR-181 DeviceInfo.FirmwareImage: the gateway has two banks, 1 active (3.2.1) and 2 holding 3.1.4. The new
// image goes into the bank that is not active, which becomes the active and boot image; SoftwareVersion,
// the banks and the two references all tell the same story afterwards.
TEST_F(TransferActivityTest, FirmwareUpgrade_WritesTheOtherBankAndBootsIt) {
  ASSERT_EQ(device_.value("DeviceInfo.ActiveFirmwareImage"), "Device.DeviceInfo.FirmwareImage.1");
  files_.serve("/images/cpg2400-3.3.0.img", test::firmwareWithHeader("3.3.0", "payload"));
  queue("fw", "1 Firmware Upgrade Image", "/images/cpg2400-3.3.0.img");
  EXPECT_EQ(runOne(), 0u) << log_.str();
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "3.3.0");
  EXPECT_EQ(device_.value("DeviceInfo.ActiveFirmwareImage"), "Device.DeviceInfo.FirmwareImage.2");
  EXPECT_EQ(device_.value("DeviceInfo.BootFirmwareImage"), "Device.DeviceInfo.FirmwareImage.2");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Version"), "3.3.0");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Name"), "cpg2400-3.3.0.img");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Status"), "Active");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Available"), "true");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.1.Version"), "3.2.1");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.1.Status"), "Available");

  // A second upgrade goes back into bank 1, now the inactive one.
  device_.transfers().acknowledged(0);
  files_.serve("/images/cpg2400-3.4.0.img", test::firmwareWithHeader("3.4.0", "payload"));
  queue("fw2", "1 Firmware Upgrade Image", "/images/cpg2400-3.4.0.img");
  EXPECT_EQ(runOne(), 0u) << log_.str();
  EXPECT_EQ(device_.value("DeviceInfo.ActiveFirmwareImage"), "Device.DeviceInfo.FirmwareImage.1");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.1.Version"), "3.4.0");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Status"), "Available");
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "3.4.0");
}

// A factory reset restores the configuration, not the image: the device keeps running what it booted.
TEST_F(TransferActivityTest, FactoryResetKeepsTheFirmwareTheDeviceRuns) {
  files_.serve("/fw.img", test::firmwareWithHeader("3.3.0", "payload"));
  queue("fw", "1 Firmware Upgrade Image", "/fw.img");
  EXPECT_EQ(runOne(), 0u) << log_.str();
  ASSERT_FALSE(device_.setValue("DeviceInfo.HostName", "changed-by-acs"));
  device_.pending().factoryReset = true;
  device_.carryOutPendingActions();
  EXPECT_EQ(device_.value("DeviceInfo.HostName"), "cpg2400");  // configuration: the profile's again
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "3.3.0");
  EXPECT_EQ(device_.value("DeviceInfo.ActiveFirmwareImage"), "Device.DeviceInfo.FirmwareImage.2");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.2.Version"), "3.3.0");
  EXPECT_EQ(device_.value("DeviceInfo.FirmwareImage.1.Status"), "Available");
}

TEST_F(TransferActivityTest, CorruptImage_Is9018AndNothingChanges) {
  files_.serve("/fw.img", test::firmwareWithHeader("3.3.0", "damaged payload", sha256("firmware payload")));
  const std::string before = device_.value("DeviceInfo.SoftwareVersion");
  queue("fw", "1 Firmware Upgrade Image", "/fw.img");
  EXPECT_EQ(runOne(), 9018u);
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), before);
  EXPECT_EQ(eventsOf(device_),
            (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/fw"}));  // no reboot
}

TEST_F(TransferActivityTest, AnImageThatIsNotTheOneTheProfileDescribes_Is9019) {
  files_.serve("/fw-2.0.bin", "a different file");
  settings_.firmwareImages["fw-2.0.bin"] = {"2.0.0", std::nullopt, sha256("the released file"), {}};
  queue("fw", "1 Firmware Upgrade Image", "/fw-2.0.bin");
  EXPECT_EQ(runOne(), 9019u);
}

TEST_F(TransferActivityTest, AFileNoManifestKnows_Is9018) {
  files_.serve("/random.bin", "just bytes");
  queue("fw", "1 Firmware Upgrade Image", "/random.bin");
  EXPECT_EQ(runOne(), 9018u);
}

TEST_F(TransferActivityTest, MissingFile_Is9016) {
  queue("fw", "1 Firmware Upgrade Image", "/nothing-here.bin");
  EXPECT_EQ(runOne(), 9016u);
  EXPECT_NE(device_.transfers().completed()[0].faultString.find("HTTP 404"), std::string::npos);
}

TEST_F(TransferActivityTest, DigestAndBasicAuthentication_UseTheRequestsCredentials) {
  files_.serve("/digest/fw.img", test::firmwareWithHeader("4.0", "p"));
  files_.serve("/basic/fw.img", test::firmwareWithHeader("4.1", "p"));
  queue("d", "1 Firmware Upgrade Image", "/digest/fw.img");
  queue("b", "1 Firmware Upgrade Image", "/basic/fw.img");
  TransferActivity(settings_, logger_).run(device_, now_);
  ASSERT_EQ(device_.transfers().completed().size(), 2u);
  EXPECT_EQ(device_.transfers().completed()[0].faultCode, 0u)
      << device_.transfers().completed()[0].faultString;
  EXPECT_EQ(device_.transfers().completed()[1].faultCode, 0u)
      << device_.transfers().completed()[1].faultString;
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "4.1");
}

TEST_F(TransferActivityTest, WrongCredentials_Are9012) {
  files_.serve("/digest/fw.img", test::firmwareWithHeader("4.0", "p"));
  device::Transfer t;
  t.commandKey = "bad-password";
  t.fileType = "1 Firmware Upgrade Image";
  t.url = files_.url("/digest/fw.img");
  t.username = FileServer::kUser;
  t.password = "wrong";
  t.receivedAt = now_;
  device_.transfers().add(t);
  EXPECT_EQ(runOne(), 9012u);
}

TEST_F(TransferActivityTest, UnreachableServer_Is9015) {
  device::Transfer t;
  t.commandKey = "nobody";
  t.fileType = "1 Firmware Upgrade Image";
  t.url = "http://127.0.0.1:1/fw.img";  // nothing listens on port 1
  t.receivedAt = now_;
  device_.transfers().add(t);
  EXPECT_EQ(runOne(), 9015u);
}

TEST_F(TransferActivityTest, ADownloadThatBreaksOff_Is9017) {
  HangingUpServer server;
  device::Transfer t;
  t.commandKey = "cut";
  t.fileType = "4 Tone File";
  t.url = server.url("/tone.bin");
  t.receivedAt = now_;
  device_.transfers().add(t);
  EXPECT_EQ(runOne(), 9017u) << device_.transfers().completed()[0].faultString;
}

TEST_F(TransferActivityTest, HttpsFileServer_IsVerifiedWithTheConfiguredCa) {
  test::TempDir certificates;
  test::TestCertificateAuthority ca(certificates.path());
  auto serverCertificate = ca.issueServerCertificate("files", {"127.0.0.1"});
  transport::test::RecordingServer server(
      [](const transport::HttpRequest&, std::size_t) {
        transport::HttpResponse r;
        r.status = 200;
        r.body = test::firmwareWithHeader("5.0", "secure payload");
        return r;
      },
      transport::ServerTlsOptions{serverCertificate.cert.string(), serverCertificate.key.string(), ""});
  for (const auto& key : {"trusted", "untrusted"}) {
    device::Transfer t;
    t.commandKey = key;
    t.fileType = "1 Firmware Upgrade Image";
    t.url = server.url("/fw.img");
    t.receivedAt = now_;
    device_.transfers().add(t);
  }
  transport::TlsOptions trusted;
  trusted.caFile = ca.caCertFile().string();
  TransferActivity(settings_, logger_, trusted).run(device_, now_);  // with the test CA: both succeed
  ASSERT_EQ(device_.transfers().completed().size(), 2u);
  EXPECT_EQ(device_.transfers().completed()[0].faultCode, 0u) << device_.transfers().completed()[0].faultString;
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "5.0");

  device::Device other(test::shippedProfile("gateway.yaml"), 1);
  device::Transfer t = device_.transfers().completed()[1].transfer;
  t.state = 1;
  other.transfers().add(t);
  TransferActivity(settings_, logger_).run(other, now_);  // the system store does not know the test CA
  ASSERT_EQ(other.transfers().completed().size(), 1u);
  EXPECT_EQ(other.transfers().completed()[0].faultCode, 9015u);
}

TEST_F(TransferActivityTest, FileSizeThatDisagrees_Is9018) {
  files_.serve("/fw.img", test::firmwareWithHeader("4.0", "payload"));
  queue("short", "1 Firmware Upgrade Image", "/fw.img", 1000);
  EXPECT_EQ(runOne(), 9018u);
}

TEST_F(TransferActivityTest, AFileLargerThanTheDeviceCanStore_Is9010) {
  files_.serve("/big.bin", std::string(5000, 'b'));
  settings_.maxFileSize = 4096;
  queue("big", "2 Web Content", "/big.bin");
  EXPECT_EQ(runOne(), 9010u);
}

TEST_F(TransferActivityTest, OtherFileTypes_AreReceivedAndReportedDone) {
  files_.serve("/ring.wav", "RIFF....");
  queue("ring", "5 Ringer File", "/ring.wav", 8);
  EXPECT_EQ(runOne(), 0u);
  EXPECT_EQ(files_.requests(), (std::vector<std::string>{"GET /ring.wav"}));
}

TEST_F(TransferActivityTest, VendorConfigurationFile_AppliesItsValues) {
  files_.serve("/cfg.txt", std::string(kVendorConfigMagic) +
                               "\n# comment\nDevice.ManagementServer.PeriodicInformInterval=1234\n"
                               "Device.DeviceInfo.ProvisioningCode=lab\\twest\n");
  queue("cfg", "3 Vendor Configuration File", "/cfg.txt");
  EXPECT_EQ(runOne(), 0u) << device_.transfers().completed()[0].faultString;
  EXPECT_EQ(device_.value("ManagementServer.PeriodicInformInterval"), "1234");
  EXPECT_EQ(device_.value("DeviceInfo.ProvisioningCode"), "lab\twest");
  EXPECT_EQ(eventsOf(device_), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Download/cfg"}));
}

TEST_F(TransferActivityTest, BadConfigurationFile_Is9018AndAppliesNothing) {
  files_.serve("/cfg.txt", std::string(kVendorConfigMagic) +
                               "\nDevice.ManagementServer.PeriodicInformInterval=1234\n"
                               "Device.ManagementServer.PeriodicInformInterval=not-a-number\n");
  const std::string before = device_.value("ManagementServer.PeriodicInformInterval");
  queue("cfg", "3 Vendor Configuration File", "/cfg.txt");
  EXPECT_EQ(runOne(), 9018u);
  EXPECT_NE(device_.transfers().completed()[0].faultString.find("line 3"), std::string::npos)
      << device_.transfers().completed()[0].faultString;
  EXPECT_EQ(device_.value("ManagementServer.PeriodicInformInterval"), before);
}

TEST_F(TransferActivityTest, UploadedConfiguration_RestoresTheDeviceWhenDownloadedAgain) {
  ASSERT_FALSE(device_.setValue("ManagementServer.PeriodicInformInterval", "777"));
  queue("up", "1 Vendor Configuration File", "/upload/backup.txt", 0, false);
  EXPECT_EQ(runOne(), 0u) << device_.transfers().completed()[0].faultString;
  const auto uploads = files_.uploads();
  ASSERT_EQ(uploads.count("/upload/backup.txt"), 1u);
  const std::string backup = uploads.at("/upload/backup.txt");
  EXPECT_TRUE(backup.starts_with(kVendorConfigMagic));
  EXPECT_NE(backup.find("\nDevice.ManagementServer.PeriodicInformInterval=777\n"), std::string::npos);
  EXPECT_EQ(backup.find("Password"), std::string::npos);  // secrets stay on the device
  EXPECT_EQ(eventsOf(device_), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M Upload/up"}));

  device::Device other(test::shippedProfile("gateway.yaml"), 1);
  EXPECT_FALSE(applyVendorConfig(other, backup)) << "the export is a valid configuration file";
  EXPECT_EQ(other.value("ManagementServer.PeriodicInformInterval"), "777");
}

TEST_F(TransferActivityTest, UploadedLog_IsText) {
  queue("log", "2 Vendor Log File", "/upload/log.txt", 0, false);
  EXPECT_EQ(runOne(), 0u);
  EXPECT_NE(files_.uploads().at("/upload/log.txt").find(device_.label()), std::string::npos);
}

TEST_F(TransferActivityTest, UploadFailures_Are9011Or9012) {
  queue("nowhere", "2 Vendor Log File", "/not-an-upload-path", 0, false);  // the server answers 404
  queue("auth", "2 Vendor Log File", "/digest/upload/log.txt", 0, false);
  device_.transfers().at(1).password = "wrong";
  TransferActivity(settings_, logger_).run(device_, now_);
  ASSERT_EQ(device_.transfers().completed().size(), 2u);
  EXPECT_EQ(device_.transfers().completed()[0].faultCode, 9011u);
  EXPECT_EQ(device_.transfers().completed()[1].faultCode, 9012u);
}

TEST_F(TransferActivityTest, InjectedUnreachableServer_ContactsNoServer) {
  files_.serve("/fw.img", test::firmwareWithHeader("4.0", "p"));
  settings_.failDownload = 9015;
  queue("fw", "1 Firmware Upgrade Image", "/fw.img");
  EXPECT_EQ(runOne(), 9015u);
  EXPECT_TRUE(files_.requests().empty());
}

TEST_F(TransferActivityTest, InjectedCorruption_DownloadsButInstallsNothing) {
  files_.serve("/fw.img", test::firmwareWithHeader("4.0", "p"));
  settings_.failDownload = 9018;
  const std::string before = device_.value("DeviceInfo.SoftwareVersion");
  queue("fw", "1 Firmware Upgrade Image", "/fw.img");
  EXPECT_EQ(runOne(), 9018u);
  EXPECT_EQ(files_.requests(), (std::vector<std::string>{"GET /fw.img"}));
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), before);
  EXPECT_NE(device_.transfers().completed()[0].faultString.find("transfers.fail.download"),
            std::string::npos);
}

TEST_F(TransferActivityTest, ApplySeconds_KeepTheDownloadInProgressWhileItInstalls) {
  files_.serve("/fw.img", test::firmwareWithHeader("6.0", "p"));
  settings_.applySeconds = 300;
  const std::string before = device_.value("DeviceInfo.SoftwareVersion");
  queue("slow", "1 Firmware Upgrade Image", "/fw.img");
  TransferActivity activity(settings_, logger_);
  activity.run(device_, now_);
  ASSERT_EQ(device_.transfers().all().size(), 1u);
  EXPECT_EQ(device_.transfers().all()[0].state, 2);
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), before);
  EXPECT_TRUE(device_.events().empty());
  EXPECT_EQ(activity.nextDue(device_, now_ + 10s), now_ + 300s);
  EXPECT_EQ(device_.transfers().cancel("slow"), device::TransferQueue::CancelResult::InProgress);

  activity.run(device_, now_ + 300s);
  ASSERT_EQ(device_.transfers().completed().size(), 1u);
  const auto& done = device_.transfers().completed()[0];
  EXPECT_EQ(done.faultCode, 0u);
  EXPECT_EQ(done.startTime, now_);
  EXPECT_EQ(done.completeTime, now_ + 300s);
  EXPECT_EQ(device_.value("DeviceInfo.SoftwareVersion"), "6.0");
  EXPECT_TRUE(device_.events().contains(device::event::Boot));
  EXPECT_EQ(files_.requests(), (std::vector<std::string>{"GET /fw.img"}));  // downloaded once
}

TEST_F(TransferActivityTest, DelaySeconds_CountFromTheRequest) {
  files_.serve("/ring.wav", "RIFF");
  queue("later", "5 Ringer File", "/ring.wav");
  device_.transfers().at(0).delaySeconds = 120;
  TransferActivity activity(settings_, logger_);
  EXPECT_EQ(activity.nextDue(device_, now_ + 30s), now_ + 120s);
  activity.run(device_, now_ + 119s);
  EXPECT_TRUE(device_.transfers().completed().empty());
  activity.run(device_, now_ + 120s);
  ASSERT_EQ(device_.transfers().completed().size(), 1u);
  EXPECT_EQ(device_.transfers().completed()[0].startTime, now_ + 120s);
  EXPECT_FALSE(activity.nextDue(device_, now_ + 120s));
}

TEST_F(TransferActivityTest, ScheduleDownload_StartsInTheFirstOpenWindow_AndFailsWith9020WhenAllPassed) {
  files_.serve("/ring.wav", "RIFF");
  queue("w", "5 Ringer File", "/ring.wav");
  auto& t = device_.transfers().at(0);
  t.scheduled = true;
  t.windows = {{600, 900, "1 At Any Time", "", 0}, {3600, 4000, "1 At Any Time", "", 0}};
  TransferActivity activity(settings_, logger_);
  EXPECT_EQ(activity.nextDue(device_, now_), now_ + 600s);
  EXPECT_EQ(activity.nextDue(device_, now_ + 700s), now_ + 700s);   // inside the first window
  EXPECT_EQ(activity.nextDue(device_, now_ + 900s), now_ + 3600s);  // first one over: the second

  activity.run(device_, now_ + 5000s);  // e.g. the device was off through both windows
  ASSERT_EQ(device_.transfers().completed().size(), 1u);
  EXPECT_EQ(device_.transfers().completed()[0].faultCode, 9020u);
  EXPECT_TRUE(files_.requests().empty());
  EXPECT_EQ(eventsOf(device_), (std::vector<std::string>{"7 TRANSFER COMPLETE", "M ScheduleDownload/w"}));
}

}  // namespace
}  // namespace cpemu::transfer
