#include "config/secrets.hpp"

#include "log/redact.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::config {

namespace {

std::string octal_mode(mode_t m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

/// Reads all of fd; false on error.
bool read_all(int fd, std::string& out) {
  char buf[4096];
  for (;;) {
    auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return false;
    if (n == 0)
      return true;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

/// Closes a descriptor at scope exit.
struct fd_guard {
  int fd;
  ~fd_guard() {
    if (fd >= 0)
      ::close(fd);
  }
};

/// One credential slot to fill: where it is configured and where it goes.
struct slot {
  /// Key in the secrets file, e.g. "api_key".
  std::string_view file_key;
  /// The config key naming its environment variable, e.g. "api_key_env".
  std::string_view env_key;
  /// The environment variable name from the config ("" if none).
  const std::string& env_name;
  secret& target;
  /// Whether live mode requires it.
  bool required_live;
};

class resolver {
 public:
  resolver(engine_config& cfg, config_issues& out)
    : cfg_(cfg), out_(out), live_(cfg.engine.mode == engine_mode::live) {}

  /// Fills `slots` of the component at `base` ("venues.upbit") from its
  /// `file_key` ("secrets_file") or from the environment.
  void resolve(const std::string& base, std::string_view file_key,
               const std::string& file, std::span<slot> slots) {
    bool any_env = std::any_of(slots.begin(), slots.end(), [](const slot& s) {
      return !s.env_name.empty();
    });
    if (!file.empty() && any_env) {
      fail(config_error::inconsistent, base + '.' + std::string(file_key),
           "use either " + env_keys(slots) + " or " + std::string(file_key)
             + ", not both");
      return;
    }
    if (!file.empty())
      from_file(base, file_key, file, slots);
    else
      from_env(base, file_key, slots);
  }

 private:
  void fail(config_error code, std::string key, std::string message) {
    out_.push_back({code, cfg_.source, std::move(key), std::move(message)});
  }

  static std::string env_keys(std::span<slot> slots) {
    std::string s;
    for (const auto& sl : slots)
      s += (s.empty() ? "" : "/") + std::string(sl.env_key);
    return s;
  }

  bool accept(const std::string& key, std::string_view from, secret value,
              secret& target) {
    if (value.expose().size() < min_secret_length) {
      fail(config_error::out_of_range, key,
           "the secret from " + std::string(from) + " is "
             + std::to_string(value.expose().size())
             + " characters long; expected at least "
             + std::to_string(min_secret_length) + " (the value is not shown)");
      return false;
    }
    logging::register_secret(value.expose());
    target = std::move(value);
    return true;
  }

  void from_file(const std::string& base, std::string_view file_key,
                 const std::string& file, std::span<slot> slots) {
    std::string key = base + '.' + std::string(file_key);
    std::vector<std::string_view> allowed;
    for (const auto& s : slots)
      allowed.push_back(s.file_key);
    auto r = read_secrets_file(file, allowed);
    if (!r) {
      fail(r.error().code, key, r.error().message);
      return;
    }
    for (auto& s : slots) {
      auto it = r->find(std::string(s.file_key));
      if (it == r->end()) {
        // A file the operator wrote should be complete, in any mode.
        if (s.required_live)
          fail(config_error::bad_secrets_file, key,
               "secrets file " + file + " has no \"" + std::string(s.file_key)
                 + "\" (expected a string key " + std::string(s.file_key)
                 + " = \"...\")");
        continue;
      }
      accept(key, "secrets file " + file + " key " + std::string(s.file_key),
             std::move(it->second), s.target);
    }
  }

  void from_env(const std::string& base, std::string_view file_key,
                std::span<slot> slots) {
    for (auto& s : slots) {
      std::string key = base + '.' + std::string(s.env_key);
      if (s.env_name.empty()) {
        if (live_ && s.required_live)
          fail(config_error::missing_secret, key,
               "live mode needs this credential: set " + std::string(s.env_key)
                 + " = \"ENV_VAR_NAME\" or " + std::string(file_key)
                 + " = \"/path/to/secrets.toml\"");
        continue;
      }
      const char* v = std::getenv(s.env_name.c_str());
      if (v == nullptr || *v == '\0') {
        if (live_ && s.required_live)
          fail(config_error::missing_secret, key,
               "environment variable " + s.env_name
                 + " is not set or empty; live mode needs it");
        continue;
      }
      accept(key, "environment variable " + s.env_name, secret(v), s.target);
    }
  }

  engine_config& cfg_;
  config_issues& out_;
  bool live_;
};

} // namespace

result<std::map<std::string, secret>, secrets_file_problem>
read_secrets_file(const std::string& path,
                  std::span<const std::string_view> allowed) {
  using problem = secrets_file_problem;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ELOOP)
      return failure{problem{config_error::insecure_secrets_file,
                             "secrets file " + path
                               + " is a symbolic link; point to the real "
                                 "file"}};
    return failure{
      problem{config_error::unreadable,
              "cannot open secrets file " + path + ": " + std::strerror(err)}};
  }
  fd_guard guard{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return failure{problem{config_error::unreadable, "cannot stat secrets file "
                                                       + path + ": "
                                                       + std::strerror(errno)}};
  if (!S_ISREG(st.st_mode))
    return failure{problem{config_error::insecure_secrets_file,
                           "secrets file " + path + " is not a regular file"}};
  if (st.st_uid != ::geteuid())
    return failure{problem{
      config_error::insecure_secrets_file,
      "secrets file " + path + " is owned by uid " + std::to_string(st.st_uid)
        + ", not by this process's user (uid " + std::to_string(::geteuid())
        + "); run chown to fix the owner"}};
  if ((st.st_mode & 077) != 0)
    return failure{problem{config_error::insecure_secrets_file,
                           "secrets file " + path + " is mode "
                             + octal_mode(st.st_mode) + "; run chmod 600 "
                             + path}};
  std::string text;
  if (!read_all(fd, text))
    return failure{problem{config_error::unreadable, "cannot read secrets file "
                                                       + path + ": "
                                                       + std::strerror(errno)}};
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    // The description may quote the text, which holds secrets: position only.
    return failure{problem{
      config_error::bad_secrets_file,
      "secrets file " + path + " is not valid TOML (line "
        + std::to_string(e.source().begin.line) + ", column "
        + std::to_string(e.source().begin.column) + "; text not shown)"}};
  }
  std::map<std::string, secret> out;
  for (auto&& [k, v] : doc) {
    std::string_view key = k.str();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
      return failure{problem{config_error::bad_secrets_file,
                             "secrets file " + path + " has unknown key \""
                               + std::string(key)
                               + "\"; expected only: " + list}};
    }
    auto s = v.as_string();
    if (!s)
      return failure{problem{config_error::bad_secrets_file,
                             "secrets file " + path + " key \""
                               + std::string(key) + "\" must be a string"}};
    out.emplace(std::string(key), secret(s->get()));
  }
  return out;
}

void resolve_secrets(engine_config& cfg, config_issues& out) {
  resolver r(cfg, out);
  for (auto name : venues_section::names) {
    auto& v = *cfg.venues.find(name);
    if (!v.enabled)
      continue;
    slot slots[] = {
      {"api_key", "api_key_env", v.api_key_env, v.api_key, true},
      {"api_secret", "api_secret_env", v.api_secret_env, v.api_secret, true},
    };
    r.resolve("venues." + std::string(name), "secrets_file", v.secrets_file,
              slots);
  }
  auto& d = cfg.alerts.discord;
  if (d.enabled) {
    slot slots[] = {
      {"webhook_url", "webhook_url_env", d.webhook_url_env, d.webhook_url,
       true},
    };
    r.resolve("alerts.discord", "secrets_file", d.secrets_file, slots);
    auto url = d.webhook_url.expose();
    if (!url.empty() && !url.starts_with("https://discord.com/api/webhooks/")
        && !url.starts_with("https://discordapp.com/api/webhooks/"))
      out.push_back({config_error::out_of_range, cfg.source, "alerts.discord",
                     "expected the webhook URL to start with "
                     "https://discord.com/api/webhooks/ (value not shown)"});
  }
  auto& c = cfg.console;
  slot slots[] = {
    {"operator_token", "operator_token_env", c.operator_token_env,
     c.operator_token, true},
    {"readonly_token", "readonly_token_env", c.readonly_token_env,
     c.readonly_token, false},
  };
  r.resolve("console", "token_file", c.token_file, slots);
}

} // namespace tandem::config
