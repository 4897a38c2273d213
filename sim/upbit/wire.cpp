#include "sim/upbit/wire.hpp"

#include "sim/upbit/json_out.hpp"

#include <algorithm>
#include <cctype>

namespace tandem::sim::upbit {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
              return std::tolower(static_cast<unsigned char>(x))
                     == std::tolower(static_cast<unsigned char>(y));
            });
}

std::string_view find_header(const std::vector<http_header>& headers,
                             std::string_view name) {
  for (const auto& h : headers)
    if (iequals(h.name, name))
      return h.value;
  return {};
}

constexpr std::string_view json_content_type
  = "application/json; charset=utf-8";

} // namespace

std::string_view sim_request::header(std::string_view name) const {
  return find_header(headers, name);
}

std::string_view sim_response::header(std::string_view name) const {
  return find_header(headers, name);
}

sim_request from_http(const venues::http_request& r) {
  sim_request out;
  out.method = r.method;
  out.path = r.path;
  out.query = r.query;
  out.body = r.body;
  out.headers = r.headers;
  return out;
}

sim_response json_response(int status, std::string body) {
  sim_response out;
  out.status = status;
  out.headers.push_back({"Content-Type", std::string{json_content_type}});
  out.body = std::move(body);
  return out;
}

sim_response error_response(int status, std::string_view name,
                            std::string_view message) {
  json_out j;
  j.begin_object();
  j.key("error");
  j.begin_object();
  j.field("name", name);
  j.field("message", message);
  j.end_object();
  j.end_object();
  return json_response(status, j.take());
}

} // namespace tandem::sim::upbit
