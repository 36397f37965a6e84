// Checks a downloaded firmware image (FileType "1 Firmware Upgrade Image") as it streams in, and says which
// version it installs. An image is known to cpemu in one of two ways (docs/transfers.md):
//
//  - the profile lists it by file name under `transfers.firmware` with its version and, optionally, its size
//    and SHA-256 (the profile plays the vendor's signed manifest: a file that differs is not authentic);
//  - the image starts with a small manifest header, text lines up to an empty line, the payload after it:
//
//        CPEMU-FIRMWARE 1
//        version: 2.0.0
//        sha256: <64 hex digits: SHA-256 of the payload>      (optional)
//
//        <payload bytes>
//
// Nothing is kept but the header and two running hashes, so a fleet can download big images.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "datamodel/fault_code.h"
#include "profile/transfer_settings.h"
#include "transport/sha256.h"

namespace cpemu::transfer {

class FirmwareImageCheck {
 public:
  static constexpr std::string_view kMagic = "CPEMU-FIRMWARE 1\n";
  static constexpr std::size_t kMaxHeader = 4096;

  // `fileNames`: the names the profile may list the image under (the URL's last segment, TargetFileName).
  FirmwareImageCheck(const profile::TransferSettings& settings, std::vector<std::string> fileNames);

  void feed(std::string_view data);
  // After the whole file arrived: the version to install, or why the image is refused (9018 corrupted,
  // 9019 not the image the profile's manifest describes).
  std::variant<std::string, datamodel::Fault> verdict();

 private:
  enum class Header { Undecided, Present, Absent, Malformed };
  void decideHeader();

  const profile::TransferSettings& settings_;
  std::vector<std::string> fileNames_;
  Header header_ = Header::Undecided;
  std::string head_;  // the start of the file while the header is undecided
  std::string headerVersion_;
  std::string headerSha256_;
  std::string malformed_;
  std::uint64_t size_ = 0;
  transport::Sha256 whole_;
  transport::Sha256 payload_;
};

}  // namespace cpemu::transfer
