#include "sim/runtime/upbit_streams.hpp"

#include "venues/common/json_string.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace tandem::sim::runtime::upbit_ws {

namespace {

namespace dom = simdjson::dom;

failure<ws_error> refuse(std::string_view name, std::string message) {
  return failure{ws_error{std::string{name}, std::move(message)}};
}

constexpr std::array<std::string_view, 4> public_types{
  "ticker", "trade", "orderbook", "candle.1s"};
constexpr std::array<std::string_view, 2> private_types{"myOrder", "myAsset"};

bool among(std::string_view t, auto const& list) {
  return std::find(list.begin(), list.end(), t) != list.end();
}

} // namespace

result<subscription, ws_error> parse_request(std::string_view frame,
                                             endpoint ep) {
  dom::parser parser;
  dom::element root;
  if (parser.parse(frame.data(), frame.size()).get(root))
    return refuse("WRONG_FORMAT", "request is not JSON");
  dom::array fields;
  if (root.get_array().get(fields))
    return refuse("WRONG_FORMAT", "request must be a JSON array");
  subscription out;
  bool has_ticket = false;
  for (auto field : fields) {
    dom::object obj;
    if (field.get_object().get(obj))
      return refuse("WRONG_FORMAT", "every request field must be an object");
    std::string_view s;
    if (!obj["ticket"].get_string().get(s)) {
      if (s.empty())
        return refuse("NO_TICKET", "ticket is empty");
      out.ticket = std::string{s};
      has_ticket = true;
      continue;
    }
    if (!obj["format"].get_string().get(s)) {
      // The simulator writes DEFAULT only; refusing the others beats
      // sending a client frames it did not ask for.
      if (s != "DEFAULT")
        return refuse("WRONG_FORMAT", "format " + std::string{s}
                                        + " is not supported by the simulator");
      continue;
    }
    if (obj["type"].get_string().get(s))
      return refuse("WRONG_FORMAT",
                    "a field holds neither ticket, type nor format");
    type_request t;
    t.type = std::string{s};
    bool is_public = among(s, public_types);
    bool is_private = among(s, private_types);
    if (!is_public && !is_private)
      return refuse("INVALID_PARAM", "unknown type " + t.type);
    if (ep == endpoint::public_ && is_private)
      return refuse("INVALID_AUTH",
                    t.type + " needs the private endpoint and a token");
    if (ep == endpoint::private_ && is_public)
      return refuse("INVALID_PARAM",
                    t.type + " is not served on the private endpoint");
    dom::array codes;
    if (!obj["codes"].get_array().get(codes))
      for (auto c : codes) {
        std::string_view code;
        if (c.get_string().get(code) || code.empty())
          return refuse("INVALID_PARAM", "codes must be market code strings");
        t.codes.emplace_back(code);
      }
    if (is_public && t.codes.empty())
      return refuse("NO_CODES", "no codes for type " + t.type);
    bool flag = false;
    if (!obj["is_only_snapshot"].get_bool().get(flag))
      t.only_snapshot = flag;
    if (!obj["is_only_realtime"].get_bool().get(flag))
      t.only_realtime = flag;
    if (t.type == "orderbook")
      for (const auto& c : t.codes)
        if (auto oc = parse_orderbook_code(c, 30); !oc)
          return failure{oc.error()};
    out.types.push_back(std::move(t));
  }
  if (!has_ticket)
    return refuse("NO_TICKET", "the request has no ticket");
  if (out.types.empty())
    return refuse("NO_TYPE", "the request has no type");
  return out;
}

std::string error_frame(const ws_error& e) {
  std::string out = "{\"error\":{\"name\":";
  venues::append_json_string(out, e.name);
  out += ",\"message\":";
  venues::append_json_string(out, e.message);
  out += "}}";
  return out;
}

result<orderbook_code, ws_error>
parse_orderbook_code(std::string_view code, std::size_t default_levels) {
  auto dot = code.find('.');
  if (dot == std::string_view::npos)
    return orderbook_code{std::string{code}, default_levels};
  auto count = code.substr(dot + 1);
  std::size_t n = 0;
  auto [end, ec]
    = std::from_chars(count.data(), count.data() + count.size(), n);
  if (ec != std::errc{} || end != count.data() + count.size()
      || (n != 1 && n != 5 && n != 15 && n != 30))
    return refuse("INVALID_PARAM",
                  "orderbook level count must be 1, 5, 15 or 30: "
                    + std::string{code});
  return orderbook_code{std::string{code.substr(0, dot)}, n};
}

std::string as_snapshot(std::string frame) {
  constexpr std::string_view realtime = "\"stream_type\":\"REALTIME\"";
  auto pos = frame.rfind(realtime);
  if (pos != std::string::npos)
    frame.replace(pos, realtime.size(), "\"stream_type\":\"SNAPSHOT\"");
  return frame;
}

std::optional<frame_head> read_head(std::string_view frame) {
  dom::parser parser;
  dom::object obj;
  if (parser.parse(frame.data(), frame.size()).get_object().get(obj))
    return std::nullopt;
  frame_head h;
  std::string_view s;
  if (obj["type"].get_string().get(s))
    return std::nullopt;
  h.type = std::string{s};
  if (!obj["code"].get_string().get(s))
    h.code = std::string{s};
  return h;
}

bool wants(const subscription& sub, const frame_head& head) {
  for (const auto& t : sub.types) {
    if (t.type != head.type)
      continue;
    if (t.codes.empty() || head.code.empty())
      return true;
    if (std::find(t.codes.begin(), t.codes.end(), head.code) != t.codes.end())
      return true;
  }
  return false;
}

} // namespace tandem::sim::runtime::upbit_ws
