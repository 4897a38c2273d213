#include "apps/tandemctl/options.hpp"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::ctl {

std::string usage_text() {
  return R"(usage: tandemctl [--url URL] [--token-file FILE] [--ca-file FILE]
                 [--json] [--timeout-ms N] [COMMAND [ARGS]]

commands:
  status                  venues, halt, strategies
  premium                 the kimchi premium now
  positions               positions per venue
  orders                  open orders
  pairs                   open and recent pairs
  pnl                     profit and loss (KRW)
  pause [STRATEGY]        stop opening pairs (default: kimchi)
  resume [STRATEGY]       start again
  set NAME VALUE          change a parameter (kimchi.entry_bps 180, ...)
  params                  list the settable parameters
  cancel-all              cancel every open order on every venue
  flatten                 close every position on every venue
  halt --reason R         emergency stop
  clear --reason R        clear a halt
  events [--limit N]      stream events (fills, settlements, alerts, status)
  metrics                 the Prometheus metrics text
without COMMAND: interactive mode (history, tab completion, live events).

The token comes from --token-file (a file with only the token, mode 0600)
or the TANDEM_TOKEN environment variable. The gateway is --url, else
TANDEM_URL, else http://127.0.0.1:8787.

exit codes: 0 ok, 1 unexpected answer, 2 usage, 3 token refused (401/403),
4 request refused (400/404/405/409), 5 gateway or engine unreachable.
)";
}

result<ctl_options, std::string>
parse_options(const std::vector<std::string>& args, const char* env_url) {
  ctl_options o;
  if (env_url && *env_url)
    o.url = env_url;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    auto is = [&](std::string_view name) {
      return a == name || a.starts_with(std::string(name) + "=");
    };
    // The value of `--name VALUE` or `--name=VALUE`; nullopt when missing.
    auto value = [&]() -> std::optional<std::string> {
      auto eq = a.find('=');
      if (eq != std::string::npos)
        return a.substr(eq + 1);
      if (i + 1 >= args.size())
        return std::nullopt;
      return args[++i];
    };
    if (is("--url") || is("--token-file") || is("--ca-file")
        || is("--timeout-ms")) {
      auto name = a.substr(0, a.find('='));
      auto v = value();
      if (!v)
        return failure{name + " needs a value"};
      if (name == "--url") {
        o.url = *v;
      } else if (name == "--token-file") {
        o.token_file = *v;
      } else if (name == "--ca-file") {
        o.ca_file = *v;
      } else {
        long long ms = 0;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), ms);
        if (ec != std::errc{} || p != v->data() + v->size() || ms < 1
            || ms > 3'600'000)
          return failure{"--timeout-ms expects 1..3600000, got \"" + *v + "\""};
        o.timeout = std::chrono::milliseconds{ms};
      }
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (is("--token")) {
      return failure{std::string{
        "--token is not accepted (it would show in the process list): use "
        "--token-file or TANDEM_TOKEN"}};
    } else {
      o.words.push_back(a);
    }
  }
  if (o.url.empty())
    return failure{std::string{"--url is empty"}};
  return o;
}

result<secret, std::string> load_token(const ctl_options& o,
                                       const char* env_token) {
  if (o.token_file.empty()) {
    if (!env_token || !*env_token)
      return failure{
        std::string{"no token: pass --token-file FILE or set TANDEM_TOKEN"}};
    return secret{env_token};
  }
  const auto& path = o.token_file;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return failure{"cannot read token file " + path};
  if (!S_ISREG(st.st_mode))
    return failure{"token file " + path + " is not a regular file"};
  if (st.st_uid != ::geteuid())
    return failure{"token file " + path + " is not owned by this user"};
  if ((st.st_mode & 077) != 0)
    return failure{"token file " + path
                   + " is readable by others: run chmod 600 " + path};
  std::ifstream in(path);
  if (!in)
    return failure{"cannot read token file " + path};
  std::stringstream ss;
  ss << in.rdbuf();
  std::string token = ss.str();
  while (!token.empty()
         && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '
             || token.back() == '\t'))
    token.pop_back();
  if (token.empty() || token.find_first_of(" \t\r\n") != std::string::npos)
    return failure{"token file " + path
                   + " must hold the token alone, on one line"};
  return secret{std::move(token)};
}

} // namespace tandem::ctl
