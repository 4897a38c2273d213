#include "config/errors.hpp"

namespace tandem {

std::string_view to_string(config_error e) noexcept {
  switch (e) {
    case config_error::unreadable: return "unreadable";
    case config_error::syntax: return "syntax";
    case config_error::unknown_key: return "unknown_key";
    case config_error::missing_key: return "missing_key";
    case config_error::wrong_type: return "wrong_type";
    case config_error::float_decimal: return "float_decimal";
    case config_error::bad_decimal: return "bad_decimal";
    case config_error::bad_enum: return "bad_enum";
    case config_error::out_of_range: return "out_of_range";
    case config_error::inconsistent: return "inconsistent";
    case config_error::inline_secret: return "inline_secret";
    case config_error::insecure_secrets_file: return "insecure_secrets_file";
    case config_error::bad_secrets_file: return "bad_secrets_file";
    case config_error::missing_secret: return "missing_secret";
  }
  return "unknown config_error";
}

std::string to_string(const config_issue& issue) {
  std::string out = issue.file;
  if (issue.line != 0) {
    out += ':' + std::to_string(issue.line);
    if (issue.column != 0)
      out += ':' + std::to_string(issue.column);
  }
  out += ": ";
  if (!issue.key.empty())
    out += issue.key + ": ";
  out += issue.message;
  return out;
}

std::string to_string(const config_issues& issues) {
  std::string out;
  for (const auto& i : issues)
    out += to_string(i) + '\n';
  return out;
}

} // namespace tandem
