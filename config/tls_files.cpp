#include "config/tls_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::config {

namespace {

std::string octal(mode_t m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

} // namespace

void check_tls_files(const engine_config& cfg, config_issues& out) {
  const auto& c = cfg.console;
  if (!c.tls)
    return;
  auto fail = [&](config_error code, std::string key, std::string msg) {
    out.push_back({code, cfg.source, std::move(key), std::move(msg)});
  };
  if (!c.cert_file.empty()) {
    struct stat st {};
    if (::stat(c.cert_file.c_str(), &st) != 0)
      fail(config_error::unreadable, "console.cert_file",
           "cannot open certificate chain " + c.cert_file + ": "
             + std::strerror(errno));
    else if (!S_ISREG(st.st_mode))
      fail(config_error::unreadable, "console.cert_file",
           "certificate chain " + c.cert_file + " is not a regular file");
    else if (::access(c.cert_file.c_str(), R_OK) != 0)
      fail(config_error::unreadable, "console.cert_file",
           "cannot read certificate chain " + c.cert_file + ": "
             + std::strerror(errno));
  }
  if (!c.key_file.empty()) {
    struct stat st {};
    // lstat: a symbolic link could point anywhere later; name the real file.
    if (::lstat(c.key_file.c_str(), &st) != 0)
      fail(config_error::unreadable, "console.key_file",
           "cannot open private key " + c.key_file + ": "
             + std::strerror(errno));
    else if (S_ISLNK(st.st_mode))
      fail(config_error::insecure_secrets_file, "console.key_file",
           "private key " + c.key_file
             + " is a symbolic link; point to the real file");
    else if (!S_ISREG(st.st_mode))
      fail(config_error::insecure_secrets_file, "console.key_file",
           "private key " + c.key_file + " is not a regular file");
    else if (st.st_uid != ::geteuid())
      fail(config_error::insecure_secrets_file, "console.key_file",
           "private key " + c.key_file + " is owned by uid "
             + std::to_string(st.st_uid) + ", not by this process's user (uid "
             + std::to_string(::geteuid()) + "); run chown to fix the owner");
    else if ((st.st_mode & 077) != 0)
      fail(config_error::insecure_secrets_file, "console.key_file",
           "private key " + c.key_file + " is mode " + octal(st.st_mode)
             + "; run chmod 600 " + c.key_file);
    else if (::access(c.key_file.c_str(), R_OK) != 0)
      fail(config_error::unreadable, "console.key_file",
           "cannot read private key " + c.key_file + ": "
             + std::strerror(errno));
  }
}

} // namespace tandem::config
