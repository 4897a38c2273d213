// The ports file of `tandem-sim`: the base URLs as JSON, written whole so a
// reader polling for it never sees half a file.
#pragma once

#include <optional>
#include <string>

namespace tandem::sim_app {

/// Writes `json` to `path` through a temp file in the same directory and
/// rename(2). Returns a message naming what failed, or nullopt.
std::optional<std::string> write_ports_file(const std::string& path,
                                            const std::string& json);

} // namespace tandem::sim_app
