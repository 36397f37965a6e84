// A throw-away certificate authority made at test time: EC P-256 keys and SHA-256 signatures through the
// OpenSSL C API, written as PEM files into a directory (usually a TempDir). Nothing is checked in, so
// nothing expires in the repository.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cpemu::test {

struct CertificateFiles {
  std::filesystem::path cert;  // PEM certificate
  std::filesystem::path key;   // PEM private key (unencrypted)
};

class TestCertificateAuthority {
 public:
  // Creates the CA's key and self-signed certificate, written to dir/<fileStem>.crt.
  explicit TestCertificateAuthority(std::filesystem::path dir, std::string commonName = "cpemu test CA",
                                    std::string fileStem = "ca");
  ~TestCertificateAuthority();
  TestCertificateAuthority(const TestCertificateAuthority&) = delete;
  TestCertificateAuthority& operator=(const TestCertificateAuthority&) = delete;

  const std::filesystem::path& caCertFile() const;

  // A server certificate (serverAuth) valid for these names: IP literals ("127.0.0.1", "::1") become IP
  // subjectAltNames, anything else a DNS one. Written to dir/<fileStem>.crt and .key.
  CertificateFiles issueServerCertificate(const std::string& fileStem,
                                          const std::vector<std::string>& hosts) const;

  // A client certificate (clientAuth) for mutual TLS, with this subject common name.
  CertificateFiles issueClientCertificate(const std::string& fileStem, const std::string& commonName) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpemu::test
