#include "venues/common/http_request.hpp"

namespace tandem::venues {

std::string_view to_string(http_method m) noexcept {
  switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::del: return "DELETE";
  }
  return "GET";
}

std::string http_request::target() const {
  return query.empty() ? path : path + "?" + query;
}

std::string_view http_request::header(std::string_view name) const {
  for (const auto& h : headers)
    if (h.name == name)
      return h.value;
  return {};
}

} // namespace tandem::venues
