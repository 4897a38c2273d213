// Small helpers shared by the venue services: the server shell hands over
// method names as text, the venues want venues::http_method.
#pragma once

#include "sim/server/sim_server.hpp"
#include "venues/common/http_request.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace tandem::sim::runtime::detail {

/// Returns the method for "GET", "POST", "PUT" or "DELETE", else nullopt.
inline std::optional<venues::http_method> method_of(std::string_view m) {
  if (m == "GET")
    return venues::http_method::get;
  if (m == "POST")
    return venues::http_method::post;
  if (m == "PUT")
    return venues::http_method::put;
  if (m == "DELETE")
    return venues::http_method::del;
  return std::nullopt;
}

/// Returns the headers of `r` as the venues take them.
inline std::vector<venues::http_header> headers_of(const server_request& r) {
  std::vector<venues::http_header> out;
  out.reserve(r.headers.size());
  for (const auto& [k, v] : r.headers)
    out.push_back({k, v});
  return out;
}

/// Returns an answer with a JSON body.
inline server_response json_answer(unsigned status, std::string body) {
  return server_response{
    status, {{"Content-Type", "application/json"}}, std::move(body)};
}

} // namespace tandem::sim::runtime::detail
