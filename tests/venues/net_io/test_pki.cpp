#include "test_pki.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

namespace tandem::net::testing {

namespace {

struct pkey_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_free {
  void operator()(X509* p) const { X509_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

void check(bool ok, const char* what) {
  if (!ok)
    throw std::runtime_error{std::string{"test_pki: "} + what};
}

pkey_ptr make_key() {
  // P-256: fast to generate, accepted by every TLS 1.2/1.3 stack.
  pkey_ptr k{EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")};
  check(k != nullptr, "EVP_PKEY_Q_keygen");
  return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext
    = X509V3_EXT_conf_nid(nullptr, &ctx, nid, const_cast<char*>(value));
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  int rc = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(rc == 1, "X509_add_ext");
}

x509_ptr make_cert(EVP_PKEY* key, const char* cn, long serial, X509* issuer,
                   EVP_PKEY* issuer_key) {
  x509_ptr x{X509_new()};
  check(x != nullptr, "X509_new");
  check(X509_set_version(x.get(), 2) == 1, "X509_set_version"); // v3
  check(ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial) == 1,
        "serial");
  // Back-dated an hour so clock skew between steps cannot bite.
  check(X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600) != nullptr,
        "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(x.get()), 24 * 3600) != nullptr,
        "notAfter");
  check(X509_set_pubkey(x.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(x.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>(cn),
                                   -1, -1, 0)
          == 1,
        "CN");
  X509* signer = issuer != nullptr ? issuer : x.get();
  check(X509_set_issuer_name(x.get(), X509_get_subject_name(signer)) == 1,
        "issuer");
  if (issuer == nullptr) {
    add_ext(x.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(x.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(x.get(), signer, NID_subject_key_identifier, "hash");
  } else {
    add_ext(x.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(x.get(), signer, NID_key_usage, "critical,digitalSignature");
    add_ext(x.get(), signer, NID_ext_key_usage, "serverAuth");
    add_ext(x.get(), signer, NID_subject_alt_name, "IP:127.0.0.1");
    add_ext(x.get(), signer, NID_authority_key_identifier, "keyid:always");
  }
  check(X509_sign(x.get(), issuer_key, EVP_sha256()) > 0, "X509_sign");
  return x;
}

void write_file(const std::string& path, auto&& writer) {
  FILE* f = std::fopen(path.c_str(), "w");
  check(f != nullptr, "fopen");
  bool ok = writer(f);
  ok = (std::fclose(f) == 0) && ok;
  check(ok, "PEM write");
}

} // namespace

test_pki::test_pki() {
  std::string tmpl
    = (std::filesystem::temp_directory_path() / "tandem-net-io-XXXXXX")
        .string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  check(::mkdtemp(buf.data()) != nullptr, "mkdtemp");
  dir_ = buf.data();
  ca_file_ = dir_ + "/ca.pem";
  cert_file_ = dir_ + "/server.pem";
  key_file_ = dir_ + "/server.key";

  auto ca_key = make_key();
  auto ca = make_cert(ca_key.get(), "Tandem Test CA", 1, nullptr, ca_key.get());
  auto key = make_key();
  auto cert = make_cert(key.get(), "127.0.0.1", 2, ca.get(), ca_key.get());

  write_file(ca_file_, [&](FILE* f) { return PEM_write_X509(f, ca.get()); });
  write_file(cert_file_,
             [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
  write_file(key_file_, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr,
                                nullptr);
  });
}

test_pki::~test_pki() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

} // namespace tandem::net::testing
