#include "support/test_certificates.h"

#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>
#include <utility>

namespace cpemu::test {
namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using CertPtr = std::unique_ptr<X509, CertDeleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

[[noreturn]] void fail(const std::string& step) {
  std::string reason;
  while (unsigned long code = ERR_get_error()) {
    if (reason.empty() && ERR_reason_error_string(code)) reason = ERR_reason_error_string(code);
  }
  throw std::runtime_error("test certificates: " + step + " failed" + (reason.empty() ? "" : ": " + reason));
}

KeyPtr newKey() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) fail("generating an EC P-256 key");
  return key;
}

bool isIpLiteral(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// Builds and signs a certificate for `subjectKey`. `issuer` null: self-signed with `signingKey`.
CertPtr makeCertificate(EVP_PKEY* subjectKey, const std::string& commonName, X509* issuer,
                        EVP_PKEY* signingKey, const std::vector<std::pair<int, std::string>>& extensions) {
  CertPtr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) fail("creating a certificate");

  BIGNUM* serial = BN_new();
  if (!serial || BN_rand(serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()))) {
    BN_free(serial);
    fail("choosing a serial number");
  }
  BN_free(serial);

  // Valid from an hour ago (clock skew between test steps does not matter) for a week.
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600)) {
    fail("setting the validity");
  }
  if (X509_set_pubkey(cert.get(), subjectKey) != 1) fail("setting the public key");

  X509_NAME* subject = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("cpemu tests"), -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1,
                                 0) != 1) {
    fail("setting the subject name");
  }
  if (X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject) != 1) {
    fail("setting the issuer name");
  }

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* extension = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str());
    if (!extension) fail("building the extension " + std::string(OBJ_nid2sn(nid)) + "=" + value);
    const int added = X509_add_ext(cert.get(), extension, -1);
    X509_EXTENSION_free(extension);
    if (added != 1) fail("adding the extension " + std::string(OBJ_nid2sn(nid)));
  }
  if (X509_sign(cert.get(), signingKey, EVP_sha256()) <= 0) fail("signing the certificate for " + commonName);
  return cert;
}

void writeCertificate(const std::filesystem::path& file, X509* cert) {
  BioPtr bio(BIO_new_file(file.c_str(), "w"));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("writing " + file.string());
}

void writeKey(const std::filesystem::path& file, EVP_PKEY* key) {
  BioPtr bio(BIO_new_file(file.c_str(), "w"));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("writing " + file.string());
  }
  std::filesystem::permissions(file,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace

struct TestCertificateAuthority::Impl {
  std::filesystem::path dir;
  std::filesystem::path caCertFile;
  KeyPtr key;
  CertPtr cert;

  CertificateFiles issue(const std::string& fileStem, const std::string& commonName,
                         std::vector<std::pair<int, std::string>> extensions) const {
    KeyPtr leafKey = newKey();
    extensions.insert(extensions.begin(), {{NID_basic_constraints, "critical,CA:FALSE"},
                                           {NID_key_usage, "critical,digitalSignature"},
                                           {NID_subject_key_identifier, "hash"},
                                           {NID_authority_key_identifier, "keyid:always"}});
    CertPtr leaf = makeCertificate(leafKey.get(), commonName, cert.get(), key.get(), extensions);
    CertificateFiles files{dir / (fileStem + ".crt"), dir / (fileStem + ".key")};
    writeCertificate(files.cert, leaf.get());
    writeKey(files.key, leafKey.get());
    return files;
  }
};

TestCertificateAuthority::TestCertificateAuthority(std::filesystem::path dir, std::string commonName,
                                                   std::string fileStem)
    : impl_(std::make_unique<Impl>()) {
  impl_->dir = std::move(dir);
  impl_->key = newKey();
  // The subject key identifier comes first: the authority key identifier of a self-signed certificate
  // refers to it.
  impl_->cert = makeCertificate(impl_->key.get(), commonName, nullptr, impl_->key.get(),
                                {{NID_basic_constraints, "critical,CA:TRUE"},
                                 {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                 {NID_subject_key_identifier, "hash"},
                                 {NID_authority_key_identifier, "keyid:always"}});
  impl_->caCertFile = impl_->dir / (fileStem + ".crt");
  writeCertificate(impl_->caCertFile, impl_->cert.get());
}

TestCertificateAuthority::~TestCertificateAuthority() = default;

const std::filesystem::path& TestCertificateAuthority::caCertFile() const {
  return impl_->caCertFile;
}

CertificateFiles TestCertificateAuthority::issueServerCertificate(
    const std::string& fileStem, const std::vector<std::string>& hosts) const {
  if (hosts.empty()) throw std::invalid_argument("test certificates: a server certificate needs a host name");
  std::string altNames;
  for (const auto& host : hosts) {
    if (!altNames.empty()) altNames += ",";
    altNames += (isIpLiteral(host) ? "IP:" : "DNS:") + host;
  }
  return impl_->issue(fileStem, hosts.front(),
                      {{NID_ext_key_usage, "serverAuth"}, {NID_subject_alt_name, altNames}});
}

CertificateFiles TestCertificateAuthority::issueClientCertificate(const std::string& fileStem,
                                                                  const std::string& commonName) const {
  return impl_->issue(fileStem, commonName, {{NID_ext_key_usage, "clientAuth"}});
}

}  // namespace cpemu::test
