#include "apps/tandem-sim/ports_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace tandem::sim_app {

std::optional<std::string> write_ports_file(const std::string& path,
                                            const std::string& json) {
  // Same directory as the target, so rename() never crosses filesystems.
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    return "cannot create " + tmp + ": " + std::strerror(errno);
  bool ok = std::fwrite(json.data(), 1, json.size(), f) == json.size()
            && std::fputc('\n', f) != EOF && std::fflush(f) == 0
            && ::fsync(::fileno(f)) == 0;
  int err = errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    return "cannot write " + tmp + ": " + std::strerror(err);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    std::remove(tmp.c_str());
    return "cannot rename " + tmp + " to " + path + ": " + std::strerror(err);
  }
  return std::nullopt;
}

} // namespace tandem::sim_app
