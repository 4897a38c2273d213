// Loading a config file: parse (TOML), map onto the schema, validate across
// fields, resolve secrets. Every problem found is reported, not only the
// first, each naming the file, the key path, what was expected and what was
// found.
#pragma once

#include "config/errors.hpp"
#include "config/schema.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace tandem::config {

/// Loads the TOML file at `path`. On success every field is valid and every
/// configured secret is resolved and registered with the log redactor. On
/// failure returns all issues found (never empty), in the order found.
/// Checks run in stages, each only if the previous found nothing: TOML
/// syntax (stops at the first error, with line/column), then every key's
/// type and range, then rules across keys, then secrets. Never throws.
result<engine_config, config_issues> load_config(const std::string& path);

/// Same as load_config, from `text`; `name` stands for the file in messages.
/// Secrets files it names are still read from disk.
result<engine_config, config_issues> load_config_text(std::string_view text,
                                                      const std::string& name);

} // namespace tandem::config
