// A throwaway PKI for loopback TLS tests: a fresh CA and a server
// certificate for 127.0.0.1, made at test time so no key is ever checked in
// and nothing expires in the repository.
#pragma once

#include <string>

namespace tandem::net::testing {

/// A CA plus a CA-signed server certificate (subjectAltName IP:127.0.0.1),
/// written as PEM files into a private temp dir removed on destruction.
class test_pki {
 public:
  /// Generates everything; throws std::runtime_error on an OpenSSL failure
  /// (tests only: a broken fixture should fail loudly).
  test_pki();
  ~test_pki();

  test_pki(const test_pki&) = delete;
  test_pki& operator=(const test_pki&) = delete;

  const std::string& ca_file() const noexcept { return ca_file_; }
  const std::string& cert_file() const noexcept { return cert_file_; }
  const std::string& key_file() const noexcept { return key_file_; }
  const std::string& dir() const noexcept { return dir_; }

 private:
  std::string dir_;
  std::string ca_file_;
  std::string cert_file_;
  std::string key_file_;
};

} // namespace tandem::net::testing
