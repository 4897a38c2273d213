// Maps a parsed TOML document onto config/schema.hpp, table by table.
#pragma once

#include "config/errors.hpp"
#include "config/schema.hpp"

#include <toml++/toml.h>

#include <string>

namespace tandem::config::detail {

/// Fills `cfg` from `root`; every problem is appended to `out`. Only shape,
/// types and per-field ranges are checked here (see validate.hpp for rules
/// across fields).
void read_document(const toml::table& root, const std::string& file,
                   engine_config& cfg, config_issues& out);

} // namespace tandem::config::detail
