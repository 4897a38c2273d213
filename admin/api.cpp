#include "admin/api.hpp"

#include <simdjson.h>

#include <set>

namespace tandem::admin {

namespace {

namespace dom = simdjson::dom;

// clang-format off
constexpr route_spec table[] = {
  {"GET",  "/v1/status",            route_id::status,     role::read_only, "status"},
  {"GET",  "/v1/premium",           route_id::premium,    role::read_only, "premium"},
  {"GET",  "/v1/positions",         route_id::positions,  role::read_only, "positions"},
  {"GET",  "/v1/orders",            route_id::orders,     role::read_only, "orders"},
  {"GET",  "/v1/pairs",             route_id::pairs,      role::read_only, "pairs"},
  {"GET",  "/v1/pnl",               route_id::pnl,        role::read_only, "pnl"},
  {"POST", "/v1/strategy/pause",    route_id::pause,      role::operator_, "pause"},
  {"POST", "/v1/strategy/resume",   route_id::resume,     role::operator_, "resume"},
  {"POST", "/v1/params",            route_id::params,     role::operator_, "set"},
  {"POST", "/v1/cancel-all",        route_id::cancel_all, role::operator_, "cancel-all"},
  {"POST", "/v1/flatten",           route_id::flatten,    role::operator_, "flatten"},
  {"POST", "/v1/halt",              route_id::halt,       role::operator_, "halt"},
  {"POST", "/v1/halt/clear",        route_id::clear_halt, role::operator_, "clear"},
  {"GET",  "/metrics",              route_id::metrics,    role::read_only, "metrics"},
  // Unauthenticated: a supervisor probes it; it says healthy or not, and
  // which venue is down, nothing more (see admin/README.md).
  {"GET",  "/healthz",              route_id::healthz,    role::anonymous, "healthz"},
  // WebSocket upgrade; the token is checked at the upgrade.
  {"GET",  "/v1/events",            route_id::events,     role::read_only, "events"},
};
// clang-format on

api_error bad(std::string field, std::string message) {
  return {400, std::move(message), std::move(field), {}};
}

/// The members of a JSON object body, each checked for known names.
struct members {
  std::vector<std::pair<std::string_view, dom::element>> items;

  const dom::element* find(std::string_view key) const {
    for (const auto& [k, v] : items)
      if (k == key)
        return &v;
    return nullptr;
  }
};

/// Parses `body` as one JSON object whose members are all in `allowed`.
/// An empty body is an empty object.
result<members, api_error>
read_object(dom::parser& parser, std::string_view body,
            std::initializer_list<std::string_view> allowed) {
  members out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return out;
  dom::element root;
  if (auto err = parser.parse(body.data(), body.size()).get(root))
    return failure{bad("body", std::string("malformed JSON: ")
                                 + simdjson::error_message(err))};
  dom::object obj;
  if (root.get_object().get(obj))
    return failure{bad("body", "expected a JSON object")};
  std::set<std::string_view> seen;
  for (auto [k, v] : obj) {
    bool known = false;
    for (auto a : allowed)
      known = known || a == k;
    std::string key(k.substr(0, 64));
    if (!known) {
      std::string names;
      for (auto a : allowed)
        names += (names.empty() ? "\"" : ", \"") + std::string(a) + '"';
      return failure{bad(key, "unknown field \"" + key + "\"; expected "
                                + (names.empty() ? "no fields" : names))};
    }
    if (!seen.insert(k).second)
      return failure{bad(key, "field \"" + key + "\" appears twice")};
    out.items.emplace_back(k, v);
  }
  return out;
}

result<std::string_view, api_error>
string_member(const members& m, std::string_view key, bool required) {
  const auto* v = m.find(key);
  if (!v) {
    if (required)
      return failure{bad(std::string(key),
                         "missing required field \"" + std::string(key) + '"')};
    return std::string_view{};
  }
  std::string_view s;
  if (v->get_string().get(s))
    return failure{bad(std::string(key),
                       "field \"" + std::string(key) + "\" must be a string")};
  return s;
}

result<std::string, api_error> reason_member(const members& m) {
  auto r = string_member(m, "reason", true);
  if (!r)
    return failure{r.error()};
  std::string_view s = *r;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  if (s.empty())
    return failure{bad("reason", "reason must not be empty: say why (it is "
                                 "journaled and alerted)")};
  if (s.size() > max_reason_length)
    return failure{bad("reason", "reason is longer than "
                                   + std::to_string(max_reason_length)
                                   + " bytes")};
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return failure{
        bad("reason", "reason must be one line without control characters")};
  return std::string(s);
}

result<std::string, api_error> strategy_member(const members& m) {
  auto r = string_member(m, "strategy", false);
  if (!r)
    return failure{r.error()};
  if (r->empty())
    return std::string("kimchi");
  bool ok = r->size() <= 32;
  for (char c : *r)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok)
    return failure{bad("strategy", "strategy must be 1 to 32 characters of "
                                   "[a-z0-9_], like \"kimchi\"")};
  return std::string(*r);
}

result<command, api_error> parse_set(const members& m) {
  auto name = string_member(m, "name", true);
  if (!name)
    return failure{name.error()};
  const auto* v = m.find("value");
  if (!v)
    return failure{bad("value", "missing required field \"value\"")};
  std::string text;
  std::string_view s;
  std::int64_t i = 0;
  if (!v->get_string().get(s))
    text = std::string(s);
  else if (!v->get_int64().get(i))
    text = std::to_string(i);
  else
    return failure{bad("value", "field \"value\" must be a string (\"0.002\") "
                                "or an integer (180); decimals go in quotes "
                                "so that they stay exact")};
  auto p = parse_param(*name, text);
  if (!p)
    return failure{bad(p.error().field, p.error().message)};
  return command{set_param_command{{}, std::move(*p)}};
}

} // namespace

std::span<const route_spec> routes() noexcept { return table; }

result<const route_spec*, api_error> find_route(std::string_view method,
                                                std::string_view path) {
  const route_spec* same_path = nullptr;
  for (const auto& r : table) {
    if (r.path != path)
      continue;
    if (r.method == method)
      return &r;
    same_path = &r;
  }
  if (same_path)
    return failure{api_error{405,
                             "method " + std::string(method.substr(0, 16))
                               + " not allowed on "
                               + std::string(same_path->path) + "; use "
                               + std::string(same_path->method),
                             "method", std::string(same_path->method)}};
  std::string shown;
  for (char c : path.substr(0, 80))
    shown.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return failure{api_error{404, "unknown route " + shown, "path", {}}};
}

result<command, api_error> parse_command(const route_spec& route,
                                         std::string_view body) {
  // Bodies are small: a parser per request keeps this function reentrant.
  dom::parser parser;
  auto empty = [&]() -> result<members, api_error> {
    return read_object(parser, body, {});
  };
  switch (route.id) {
    case route_id::status: return command{status_request{}};
    case route_id::premium: return command{premium_request{}};
    case route_id::positions: return command{positions_request{}};
    case route_id::orders: return command{orders_request{}};
    case route_id::pairs: return command{pairs_request{}};
    case route_id::pnl: return command{pnl_request{}};
    case route_id::metrics: return command{metrics_request{}};
    case route_id::pause:
    case route_id::resume: {
      auto m = read_object(parser, body, {"strategy"});
      if (!m)
        return failure{m.error()};
      auto s = strategy_member(*m);
      if (!s)
        return failure{s.error()};
      if (route.id == route_id::pause)
        return command{pause_command{{}, std::move(*s)}};
      return command{resume_command{{}, std::move(*s)}};
    }
    case route_id::params: {
      auto m = read_object(parser, body, {"name", "value"});
      if (!m)
        return failure{m.error()};
      return parse_set(*m);
    }
    case route_id::cancel_all:
    case route_id::flatten: {
      auto m = empty();
      if (!m)
        return failure{m.error()};
      if (route.id == route_id::cancel_all)
        return command{cancel_all_command{}};
      return command{flatten_command{}};
    }
    case route_id::halt:
    case route_id::clear_halt: {
      auto m = read_object(parser, body, {"reason"});
      if (!m)
        return failure{m.error()};
      auto r = reason_member(*m);
      if (!r)
        return failure{r.error()};
      if (route.id == route_id::halt)
        return command{halt_command{{}, std::move(*r)}};
      return command{clear_halt_command{{}, std::move(*r)}};
    }
    case route_id::healthz:
    case route_id::events: break;
  }
  return failure{
    api_error{404, "route takes no command", "path", std::string{}}};
}

} // namespace tandem::admin
