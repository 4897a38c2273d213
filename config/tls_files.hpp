// The console's TLS files, checked at load so a bad path or a key others
// can read stops the engine with the key's name rather than failing deep
// inside the TLS library at start. Touches the file system (stat only).
#pragma once

#include "config/errors.hpp"
#include "config/schema.hpp"

namespace tandem::config {

/// With console.tls set: console.cert_file must be a readable regular
/// file; console.key_file a regular file (not a symbolic link) owned by
/// the effective user with no group/other permission bits. Adds one issue
/// per problem, naming the key and what to do.
void check_tls_files(const engine_config& cfg, config_issues& out);

} // namespace tandem::config
