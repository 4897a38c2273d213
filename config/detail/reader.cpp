#include "config/detail/reader.hpp"

#include <algorithm>
#include <sstream>

namespace tandem::config::detail {

namespace {

/// Levenshtein distance, for "did you mean" hints on typos.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min(
        {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size()
         && s.substr(s.size() - suffix.size()) == suffix;
}

void set_position(config_issue& i, const toml::source_region& src) {
  i.line = src.begin.line;
  i.column = src.begin.column;
}

} // namespace

std::string_view describe_type(const toml::node& n) noexcept {
  switch (n.type()) {
    case toml::node_type::none: return "nothing";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
  }
  return "an unknown value";
}

std::string describe_value(const toml::node& n) {
  std::string out(describe_type(n));
  if (auto s = n.as_string()) {
    std::string v = s->get();
    if (v.size() > 40)
      v = v.substr(0, 40) + "...";
    return out + " \"" + v + '"';
  }
  if (auto i = n.as_integer())
    return out + ' ' + std::to_string(i->get());
  if (auto f = n.as_floating_point()) {
    std::ostringstream os;
    os << *f;
    return out + ' ' + os.str();
  }
  if (auto b = n.as_boolean())
    return out + (b->get() ? " true" : " false");
  return out;
}

bool is_secret_key(std::string_view key) noexcept {
  for (auto k : {"api_key", "api_secret", "secret", "token", "webhook_url",
                 "password", "apikey", "private_key", "passphrase"})
    if (key == k)
      return true;
  for (auto s : {"_token", "_secret", "_password", "_api_key", "_key_secret",
                 "_webhook_url", "_passphrase"})
    if (ends_with(key, s))
      return true;
  return false;
}

bool is_env_name(std::string_view s) noexcept {
  if (s.empty() || s.size() > 128)
    return false;
  auto alpha = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  if (!alpha(s[0]))
    return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return alpha(c) || (c >= '0' && c <= '9');
  });
}

table_reader::table_reader(const toml::table& t, std::string path,
                           std::string file, config_issues& out)
  : table_(t), path_(std::move(path)), file_(std::move(file)), out_(out) {}

std::string table_reader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + '.' + std::string(key);
}

const toml::node* table_reader::get(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end())
    known_.emplace_back(key);
  return table_.get(key);
}

bool table_reader::has(std::string_view key) { return get(key) != nullptr; }

void table_reader::report(config_error code, std::string_view key,
                          std::string message) {
  config_issue i{code, file_, path_of(key), std::move(message)};
  if (auto n = table_.get(key))
    set_position(i, n->source());
  else
    set_position(i, table_.source());
  out_.push_back(std::move(i));
}

void table_reader::report_table(config_error code, std::string message) {
  config_issue i{code, file_, path_, std::move(message)};
  set_position(i, table_.source());
  out_.push_back(std::move(i));
}

void table_reader::wrong_type(std::string_view key, const toml::node& n,
                              std::string_view expected) {
  report(config_error::wrong_type, key,
         "expected " + std::string(expected) + ", got " + describe_value(n));
}

void table_reader::missing(std::string_view key, std::string_view expected) {
  report(config_error::missing_key, key,
         "missing required key (expected " + std::string(expected) + ")");
}

bool table_reader::text_node(std::string_view key, std::string& out,
                             bool required) {
  auto n = get(key);
  if (!n) {
    if (required)
      missing(key, "a string");
    return false;
  }
  auto s = n->as_string();
  if (!s) {
    wrong_type(key, *n, "a string");
    return false;
  }
  out = s->get();
  return true;
}

void table_reader::text(std::string_view key, std::string& out, bool required) {
  std::string s;
  if (text_node(key, s, required))
    out = std::move(s);
}

void table_reader::env_name(std::string_view key, std::string& out) {
  std::string s;
  if (!text_node(key, s, false))
    return;
  if (!is_env_name(s)) {
    // The value may be the secret itself pasted in the wrong place: never
    // echo it.
    report(config_error::inline_secret, key,
           "expected the NAME of an environment variable (like "
           "UPBIT_ACCESS_KEY), got a value that is not one (not shown: it may "
           "be a secret; put the secret in the environment, not here)");
    return;
  }
  out = std::move(s);
}

void table_reader::flag(std::string_view key, bool& out) {
  auto n = get(key);
  if (!n)
    return;
  if (auto b = n->as_boolean())
    out = b->get();
  else
    wrong_type(key, *n, "a boolean (true or false)");
}

bool table_reader::read_int(std::string_view key, std::int64_t& out,
                            std::int64_t min, std::int64_t max) {
  auto n = get(key);
  if (!n)
    return false;
  auto i = n->as_integer();
  if (!i) {
    wrong_type(key, *n, "an integer");
    return false;
  }
  std::int64_t v = i->get();
  if (v < min || v > max) {
    report(config_error::out_of_range, key,
           "expected an integer in [" + std::to_string(min) + ", "
             + std::to_string(max) + "], got " + std::to_string(v));
    return false;
  }
  out = v;
  return true;
}

bool table_reader::decimal_text(std::string_view key, std::string& out,
                                std::string_view example, bool required) {
  std::string expected
    = "a decimal string like \"" + std::string(example) + '"';
  auto n = get(key);
  if (!n) {
    if (required)
      missing(key, expected);
    return false;
  }
  if (n->is_floating_point()) {
    report(config_error::float_decimal, key,
           "expected " + expected + ", got a float: floats are not exact");
    return false;
  }
  if (auto i = n->as_integer()) {
    report(config_error::wrong_type, key,
           "expected " + expected + ", got an integer: write it as a string, "
             + '"' + std::to_string(i->get()) + '"');
    return false;
  }
  auto s = n->as_string();
  if (!s) {
    wrong_type(key, *n, expected);
    return false;
  }
  out = s->get();
  return true;
}

void table_reader::bad_decimal(std::string_view key, const std::string& s,
                               std::string_view example, decimal_error e) {
  report(config_error::bad_decimal, key,
         "expected a decimal string like \"" + std::string(example)
           + "\", got \"" + s + "\" (" + std::string(to_string(e)) + ")");
}

const toml::table* table_reader::table(std::string_view key) {
  auto n = get(key);
  if (!n)
    return nullptr;
  if (auto t = n->as_table())
    return t;
  wrong_type(key, *n, "a table");
  return nullptr;
}

const toml::array* table_reader::array(std::string_view key) {
  auto n = get(key);
  if (!n)
    return nullptr;
  if (auto a = n->as_array())
    return a;
  wrong_type(key, *n, "an array");
  return nullptr;
}

void table_reader::finish() {
  for (auto&& [k, v] : table_) {
    std::string_view key = k.str();
    if (std::find(known_.begin(), known_.end(), key) != known_.end())
      continue;
    config_issue i{config_error::unknown_key, file_, path_of(key), {}};
    set_position(i, k.source());
    if (is_secret_key(key)) {
      i.code = config_error::inline_secret;
      std::string alternatives;
      for (const auto& known : known_)
        if (ends_with(known, "_env") || known == "secrets_file"
            || known == "token_file")
          alternatives += (alternatives.empty() ? "" : ", ") + known;
      i.message = "secrets must not be written inline in the config (the "
                  "value is not shown); use "
                  + (alternatives.empty()
                       ? std::string("an environment variable or a secrets "
                                     "file")
                       : alternatives)
                  + " instead (*_env names an environment variable; a "
                    "secrets file must be mode 0600)";
    } else {
      std::string list;
      std::string best;
      std::size_t best_d = 3; // suggest only close matches
      for (const auto& known : known_) {
        list += (list.empty() ? "" : ", ") + known;
        auto d = distance(key, known);
        if (d < best_d) {
          best_d = d;
          best = known;
        }
      }
      i.message = "unknown key";
      if (!best.empty())
        i.message += " (did you mean \"" + best + "\"?)";
      i.message += "; expected one of: " + list;
    }
    out_.push_back(std::move(i));
  }
}

} // namespace tandem::config::detail
