#include "sim/binance/http.hpp"

#include "venues/common/json_string.hpp"

#include <algorithm>
#include <cctype>

namespace tandem::sim::binance {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
              return std::tolower(static_cast<unsigned char>(x))
                     == std::tolower(static_cast<unsigned char>(y));
            });
}

std::optional<std::string_view> find(const std::vector<http_header>& hs,
                                     std::string_view name) {
  for (const auto& h : hs)
    if (iequals(h.name, name))
      return std::string_view{h.value};
  return std::nullopt;
}

} // namespace

std::optional<std::string_view>
sim_request::header(std::string_view name) const {
  return find(headers, name);
}

sim_request sim_request::from(const venues::http_request& r, std::string ip) {
  sim_request out;
  out.method = r.method;
  out.path = r.path;
  out.query = r.query;
  out.body = r.body;
  out.headers = r.headers;
  out.ip = std::move(ip);
  return out;
}

std::optional<std::string_view>
sim_response::header(std::string_view name) const {
  return find(headers, name);
}

void sim_response::set_header(std::string_view name, std::string value) {
  for (auto& h : headers) {
    if (iequals(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::string{name}, std::move(value)});
}

sim_response error_response(const sim_error& e) {
  sim_response r;
  r.status = e.status;
  r.body = "{\"code\":" + std::to_string(e.code) + ",\"msg\":";
  venues::append_json_string(r.body, e.msg);
  r.body += '}';
  r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

sim_response ok_response(std::string body) {
  sim_response r;
  r.body = std::move(body);
  r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

} // namespace tandem::sim::binance
