// SHA-256 over data that arrives in pieces (a downloaded firmware image is hashed as it streams in, never
// held whole). Here because transport/ is the only place that knows OpenSSL.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace cpemu::transport {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view data);
  // The digest as 64 lower-case hex digits; the hasher is spent afterwards.
  std::string hexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpemu::transport
