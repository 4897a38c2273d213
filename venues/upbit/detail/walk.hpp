// Walking On-Demand objects and arrays with one status type, for the Upbit
// decoders. A status is nullopt on success or the venue_error to return.
#pragma once

#include "venues/upbit/detail/json.hpp"

#include <optional>

namespace tandem::venues::upbit::detail {

using status = std::optional<venue_error>;
inline constexpr status ok = std::nullopt;
inline constexpr status bad = venue_error::malformed_response;

/// Calls f(key, value) for each member of the object `v`; stops at the
/// first non-ok status.
template<class F>
status each_member(od::value& v, F&& f) {
  od::object obj;
  if (v.get_object().get(obj))
    return bad;
  for (auto member : obj) {
    std::string_view k;
    od::value fv;
    if (member.unescaped_key().get(k) || member.value().get(fv))
      return bad;
    if (auto st = f(k, fv))
      return st;
  }
  return ok;
}

/// Calls f(value) for each element of the array `v`.
template<class F>
status each_element(od::value& v, F&& f) {
  od::array arr;
  if (v.get_array().get(arr))
    return bad;
  for (auto element : arr) {
    od::value ev;
    if (element.get(ev))
      return bad;
    if (auto st = f(ev))
      return st;
  }
  return ok;
}

/// Parses `bytes` as one JSON value, runs f(root value), then checks that
/// nothing follows it.
template<class F>
status parse_root(json_state& s, std::string_view bytes, F&& f) {
  od::document doc;
  if (!start(s, bytes, doc))
    return bad;
  od::value root;
  if (doc.get_value().get(root))
    return bad;
  if (auto st = f(root))
    return st;
  return finish(doc) ? ok : bad;
}

/// Maps an enum parse result into `out`, or returns its error.
template<class T>
status take(result<T, venue_error> r, T& out) {
  if (!r)
    return r.error();
  out = *r;
  return ok;
}

/// Returns ok if `cond`, else bad: `if (auto st = need(read_x(...)))`.
inline status need(bool cond) { return cond ? ok : bad; }

} // namespace tandem::venues::upbit::detail
