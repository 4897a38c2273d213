#include "sim/upbit/params.hpp"

#include "venues/common/percent_encoding.hpp"

#include <simdjson.h>

namespace tandem::sim::upbit {

namespace {

namespace dom = simdjson::dom;

// Returns a scalar's text: strings unescaped, numbers as sent, booleans.
std::optional<std::string> scalar_text(dom::element v) {
  switch (v.type()) {
    case dom::element_type::STRING: {
      std::string_view s;
      if (v.get_string().get(s))
        return std::nullopt;
      return std::string{s};
    }
    case dom::element_type::INT64:
    case dom::element_type::UINT64: {
      // The number's own text is kept by re-printing the integer.
      std::int64_t i = 0;
      if (!v.get_int64().get(i))
        return std::to_string(i);
      std::uint64_t u = 0;
      if (v.get_uint64().get(u))
        return std::nullopt;
      return std::to_string(u);
    }
    case dom::element_type::BOOL: {
      bool b = false;
      if (v.get_bool().get(b))
        return std::nullopt;
      return std::string{b ? "true" : "false"};
    }
    // A JSON float has no single text form in DOM; the client sends
    // decimals as strings, and auth's body_hash_input refuses floats too.
    case dom::element_type::DOUBLE:
    case dom::element_type::NULL_VALUE:
    case dom::element_type::ARRAY:
    case dom::element_type::OBJECT: return std::nullopt;
  }
  return std::nullopt;
}

} // namespace

std::optional<params> params::from_query(std::string_view query) {
  params out;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{}
                                          : query.substr(amp + 1);
    if (pair.empty())
      continue;
    auto eq = pair.find('=');
    auto k = venues::percent_decode(pair.substr(0, eq));
    auto v = venues::percent_decode(
      eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!k || !v)
      return std::nullopt;
    out.entries_.push_back({std::move(*k), std::move(*v)});
  }
  return out;
}

std::optional<params> params::from_body(std::string_view body) {
  params out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return out;
  dom::parser parser;
  dom::element root;
  if (parser.parse(body.data(), body.size()).get(root))
    return std::nullopt;
  dom::object obj;
  if (root.get_object().get(obj))
    return std::nullopt;
  for (auto [k, v] : obj) {
    if (v.type() != dom::element_type::ARRAY) {
      auto text = scalar_text(v);
      if (!text)
        return std::nullopt;
      out.entries_.push_back({std::string{k}, std::move(*text)});
      continue;
    }
    std::string key{k};
    if (!key.ends_with("[]"))
      key += "[]";
    dom::array items;
    if (v.get_array().get(items))
      return std::nullopt;
    for (auto item : items) {
      auto text = scalar_text(item);
      if (!text)
        return std::nullopt;
      out.entries_.push_back({key, std::move(*text)});
    }
  }
  return out;
}

std::optional<std::string_view> params::get(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key)
      return std::string_view{e.value};
  return std::nullopt;
}

std::vector<std::string_view> params::all(std::string_view key) const {
  std::vector<std::string_view> out;
  for (const auto& e : entries_)
    if (e.key == key)
      out.push_back(e.value);
  return out;
}

} // namespace tandem::sim::upbit
