#include "apps/tandemctl/commands.hpp"

#include "admin/json_writer.hpp"
#include "admin/params.hpp"

#include <array>
#include <charconv>
#include <optional>

namespace tandem::ctl {

namespace {

constexpr std::array<std::string_view, 16> names{
  "status", "premium", "positions", "orders", "pairs",      "pnl",
  "pause",  "resume",  "set",       "params", "cancel-all", "flatten",
  "halt",   "clear",   "events",    "metrics"};

std::string
json_object(std::initializer_list<std::pair<std::string_view, std::string_view>>
              members) {
  admin::json_writer w;
  w.begin_object();
  for (const auto& [k, v] : members)
    w.field(k, v);
  w.end_object();
  return w.take();
}

/// Reads `--name VALUE` or `--name=VALUE` from args (nullopt when absent);
/// any other argument is a usage error.
result<std::optional<std::string>, std::string>
only_option(std::span<const std::string> args, std::string_view command,
            std::string_view name, bool required) {
  std::string value;
  bool seen = false;
  std::string flag = "--" + std::string(name);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) {
      value = args[++i];
      seen = true;
    } else if (args[i].starts_with(flag + "=")) {
      value = args[i].substr(flag.size() + 1);
      seen = true;
    } else {
      return failure{std::string(command) + ": unexpected argument \"" + args[i]
                     + "\" (usage: " + std::string(command) + " " + flag + " "
                     + (name == "reason" ? "REASON" : "N") + ")"};
    }
  }
  if (required && !seen)
    return failure{std::string(command) + " needs " + flag + " " + "REASON"
                   + " (it is journaled and alerted)"};
  if (!seen)
    return std::optional<std::string>{};
  return std::optional<std::string>{std::move(value)};
}

} // namespace

std::span<const std::string_view> command_names() noexcept { return names; }

result<ctl_request, std::string>
build_request(std::span<const std::string> words) {
  if (words.empty())
    return failure{std::string{"no command"}};
  const std::string& cmd = words[0];
  auto args = words.subspan(1);
  ctl_request r;
  r.command = cmd;
  auto no_args = [&]() -> std::optional<std::string> {
    if (args.empty())
      return std::nullopt;
    return cmd + " takes no arguments, got \"" + args[0] + "\"";
  };
  auto get = [&](std::string target) -> result<ctl_request, std::string> {
    if (auto bad = no_args())
      return failure{*bad};
    r.target = std::move(target);
    return r;
  };
  if (cmd == "status" || cmd == "premium" || cmd == "positions"
      || cmd == "orders" || cmd == "pairs" || cmd == "pnl")
    return get("/v1/" + cmd);
  if (cmd == "metrics") {
    r.kind = request_kind::text;
    return get("/metrics");
  }
  if (cmd == "params") {
    r.kind = request_kind::local;
    if (auto bad = no_args())
      return failure{*bad};
    return r;
  }
  r.method = "POST";
  if (cmd == "pause" || cmd == "resume") {
    if (args.size() > 1)
      return failure{cmd + " takes at most one STRATEGY"};
    r.target = "/v1/strategy/" + cmd;
    r.body = args.empty() ? "{}" : json_object({{"strategy", args[0]}});
    return r;
  }
  if (cmd == "set") {
    if (args.size() != 2)
      return failure{std::string{"usage: set NAME VALUE (see `params`)"}};
    r.target = "/v1/params";
    r.body = json_object({{"name", args[0]}, {"value", args[1]}});
    return r;
  }
  if (cmd == "cancel-all" || cmd == "flatten") {
    if (auto bad = no_args())
      return failure{*bad};
    r.target = "/v1/" + cmd;
    r.body = "{}";
    return r;
  }
  if (cmd == "halt" || cmd == "clear") {
    auto reason = only_option(args, cmd, "reason", true);
    if (!reason)
      return failure{reason.error()};
    r.target = cmd == "halt" ? "/v1/halt" : "/v1/halt/clear";
    r.body = json_object({{"reason", **reason}});
    return r;
  }
  if (cmd == "events") {
    r.method = "GET";
    r.kind = request_kind::events;
    r.target = "/v1/events";
    auto limit = only_option(args, cmd, "limit", false);
    if (!limit)
      return failure{limit.error()};
    if (*limit) {
      const auto& text = **limit;
      auto [p, ec]
        = std::from_chars(text.data(), text.data() + text.size(), r.limit);
      if (ec != std::errc{} || p != text.data() + text.size() || r.limit == 0)
        return failure{"events --limit expects a positive count, got \"" + text
                       + "\""};
    }
    return r;
  }
  return failure{"unknown command \"" + cmd + "\" (try --help)"};
}

std::string params_text() {
  std::string out;
  for (const auto& p : admin::param_table()) {
    std::string range;
    if (p.type == admin::param_type::integer)
      range = "[" + std::to_string(p.min) + ", " + std::to_string(p.max) + "]";
    else
      range = "> 0 (decimal)";
    std::string line = std::string(p.name);
    line.resize(std::max<std::size_t>(line.size() + 1, 34), ' ');
    line += range;
    line.resize(std::max<std::size_t>(line.size() + 1, 56), ' ');
    line += std::string(p.unit) + "  " + std::string(p.help) + "\n";
    out += line;
  }
  return out;
}

result<std::vector<std::string>, std::string>
split_words(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < line.size()) {
        cur.push_back(line[++i]);
      } else {
        cur.push_back(c);
      }
      continue;
    }
    if (c == ' ' || c == '\t') {
      if (in_word)
        out.push_back(std::move(cur));
      cur.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '\\' && i + 1 < line.size())
      cur.push_back(line[++i]);
    else
      cur.push_back(c);
  }
  if (quote)
    return failure{std::string{"unterminated quote"}};
  if (in_word)
    out.push_back(std::move(cur));
  return out;
}

} // namespace tandem::ctl
