#include "sim/runtime/binance_streams.hpp"

#include "venues/common/json_string.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace tandem::sim::runtime::binance_ws {

namespace {

namespace dom = simdjson::dom;

std::string error_frame(int code, std::string_view msg, std::string_view id) {
  std::string out = "{\"code\":" + std::to_string(code) + ",\"msg\":";
  venues::append_json_string(out, msg);
  out += ",\"id\":";
  out += id.empty() ? std::string_view{"null"} : id;
  out += '}';
  return out;
}

std::string result_frame(std::string_view result, std::string_view id) {
  std::string out = "{\"result\":";
  out += result;
  out += ",\"id\":";
  out += id;
  out += '}';
  return out;
}

/// Splits "a/b/c" into its non-empty parts.
std::vector<std::string> split_streams(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto slash = s.find('/');
    auto part = s.substr(0, slash);
    if (!part.empty())
      out.emplace_back(part);
    if (slash == std::string_view::npos)
      break;
    s.remove_prefix(slash + 1);
  }
  return out;
}

/// Returns the value of `key` in a query string, or nullopt.
std::optional<std::string_view> query_value(std::string_view q,
                                            std::string_view key) {
  while (!q.empty()) {
    auto amp = q.find('&');
    auto pair = q.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == key)
      return eq == std::string_view::npos ? std::string_view{}
                                          : pair.substr(eq + 1);
    if (amp == std::string_view::npos)
      break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

upgrade_refusal refuse(unsigned status, std::string_view msg) {
  std::string body = "{\"code\":-1,\"msg\":";
  venues::append_json_string(body, msg);
  body += '}';
  return upgrade_refusal{status, std::move(body)};
}

} // namespace

void market_subscriptions::add(std::string_view name) {
  if (std::find(streams.begin(), streams.end(), name) == streams.end())
    streams.emplace_back(name);
}

void market_subscriptions::remove(std::string_view name) {
  std::erase(streams, name);
}

bool is_stream_name(std::string_view name) {
  return !name.empty()
         && (name.front() == '!' || name.find('@') != std::string_view::npos);
}

result<upgrade_target, upgrade_refusal> parse_upgrade(std::string_view target) {
  auto q = target.find('?');
  auto path = target.substr(0, q);
  auto query
    = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
  upgrade_target out;
  if (path == "/ws") {
    // A bare connection: streams come by SUBSCRIBE.
    return out;
  }
  if (path.starts_with("/ws/")) {
    auto rest = path.substr(4);
    if (rest.empty())
      return failure{refuse(400, "no stream or listen key in the path")};
    if (rest.find('/') == std::string_view::npos && !is_stream_name(rest)) {
      out.what = upgrade_target::kind::user;
      out.listen_key = std::string{rest};
      return out;
    }
    for (auto& s : split_streams(rest)) {
      if (!is_stream_name(s))
        return failure{refuse(400, "invalid stream name: " + s)};
      out.subscriptions.add(s);
    }
    return out;
  }
  if (path == "/stream" || path == "/stream/") {
    out.subscriptions.combined = true;
    if (auto streams = query_value(query, "streams"))
      for (auto& s : split_streams(*streams)) {
        if (!is_stream_name(s))
          return failure{refuse(400, "invalid stream name: " + s)};
        out.subscriptions.add(s);
      }
    return out;
  }
  return failure{refuse(404, "no such stream endpoint: " + std::string{path})};
}

std::string handle_control(std::string_view frame, market_subscriptions& subs) {
  dom::parser parser;
  dom::element root;
  if (parser.parse(frame.data(), frame.size()).get(root))
    return error_frame(3, "Invalid JSON: expected value at line 1 column 1",
                       {});
  dom::object obj;
  if (root.get_object().get(obj))
    return error_frame(2, "Invalid request: expected an object", {});

  // The id comes back exactly as sent; USD-M futures want an unsigned int.
  std::string id;
  dom::element id_el;
  if (!obj["id"].get(id_el)) {
    std::uint64_t n = 0;
    if (id_el.get_uint64().get(n))
      return error_frame(
        2, "Invalid request: request ID must be an unsigned integer", {});
    id = std::to_string(n);
  } else {
    return error_frame(2, "Invalid request: missing field `id`", {});
  }

  std::string_view method;
  if (obj["method"].get_string().get(method))
    return error_frame(2, "Invalid request: missing field `method`", id);

  dom::array params;
  bool has_params = !obj["params"].get_array().get(params);

  if (method == "SUBSCRIBE" || method == "UNSUBSCRIBE") {
    if (!has_params)
      return error_frame(2, "Invalid request: missing field `params`", id);
    std::vector<std::string_view> names;
    for (auto p : params) {
      std::string_view s;
      if (p.get_string().get(s) || !is_stream_name(s))
        return error_frame(2, "Invalid request: invalid stream name", id);
      names.push_back(s);
    }
    for (auto s : names)
      method == "SUBSCRIBE" ? subs.add(s) : subs.remove(s);
    return result_frame("null", id);
  }
  if (method == "LIST_SUBSCRIPTIONS") {
    std::string list = "[";
    for (const auto& s : subs.streams) {
      if (list.size() > 1)
        list += ',';
      venues::append_json_string(list, s);
    }
    list += ']';
    return result_frame(list, id);
  }
  if (method == "SET_PROPERTY" || method == "GET_PROPERTY") {
    if (!has_params || params.size() == 0)
      return error_frame(2, "Invalid request: missing field `params`", id);
    std::string_view prop;
    if (params.at(0).get_string().get(prop))
      return error_frame(2, "Invalid request: property name must be a string",
                         id);
    if (prop != "combined")
      return error_frame(0, "Unknown property", id);
    if (method == "GET_PROPERTY")
      return result_frame(subs.combined ? "true" : "false", id);
    if (params.size() != 2)
      return error_frame(2, "Invalid request: too many parameters", id);
    bool value = false;
    if (params.at(1).get_bool().get(value))
      return error_frame(1, "Invalid value type: expected Boolean", id);
    subs.combined = value;
    return result_frame("null", id);
  }
  return error_frame(2,
                     "Invalid request: unknown variant " + std::string{method}
                       + ", expected one of SUBSCRIBE, UNSUBSCRIBE, "
                         "LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY",
                     id);
}

std::string book_ticker_symbol(std::string_view stream) {
  if (stream == "!bookTicker")
    return "!";
  constexpr std::string_view suffix = "@bookTicker";
  if (!stream.ends_with(suffix) || stream.size() == suffix.size())
    return {};
  std::string sym{stream.substr(0, stream.size() - suffix.size())};
  for (auto& c : sym)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return sym;
}

std::string wrap(std::string_view stream, std::string_view frame,
                 bool combined) {
  if (!combined)
    return std::string{frame};
  std::string out = "{\"stream\":";
  venues::append_json_string(out, stream);
  out += ",\"data\":";
  out += frame;
  out += '}';
  return out;
}

} // namespace tandem::sim::runtime::binance_ws
