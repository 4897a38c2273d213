#include "config/load.hpp"

#include "config/detail/sections.hpp"
#include "config/secrets.hpp"
#include "config/tls_files.hpp"
#include "config/validate.hpp"

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tandem::config {

namespace {

/// Gives issues without a position the position of their key, if any.
void fill_positions(const toml::table& root, const std::string& file,
                    config_issues& issues) {
  for (auto& i : issues) {
    if (i.line != 0 || i.file != file || i.key.empty())
      continue;
    if (auto n = root.at_path(i.key); n) {
      i.line = n.node()->source().begin.line;
      i.column = n.node()->source().begin.column;
    }
  }
}

} // namespace

result<engine_config, config_issues> load_config_text(std::string_view text,
                                                      const std::string& name) {
  try {
    toml::table root;
    try {
      root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
      config_issue i{config_error::syntax,
                     name,
                     {},
                     "TOML syntax error: " + std::string(e.description())};
      i.line = e.source().begin.line;
      i.column = e.source().begin.column;
      return failure{config_issues{std::move(i)}};
    }
    engine_config cfg;
    cfg.source = name;
    config_issues issues;
    detail::read_document(root, name, cfg, issues);
    if (issues.empty())
      validate(cfg, issues);
    if (issues.empty())
      resolve_secrets(cfg, issues);
    if (issues.empty())
      check_tls_files(cfg, issues);
    if (!issues.empty()) {
      fill_positions(root, name, issues);
      return failure{std::move(issues)};
    }
    return cfg;
  } catch (const std::exception& e) {
    // Allocation failure and the like: report, never escape.
    return failure{config_issues{{config_error::unreadable,
                                  name,
                                  {},
                                  std::string("internal error: ") + e.what()}}};
  }
}

result<engine_config, config_issues> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return failure{config_issues{
      {config_error::unreadable,
       path,
       {},
       std::string("cannot open config file: ") + std::strerror(err)}}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return failure{config_issues{
      {config_error::unreadable, path, {}, "cannot read config file"}}};
  return load_config_text(text.str(), path);
}

} // namespace tandem::config
