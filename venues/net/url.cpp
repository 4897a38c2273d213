#include "venues/net/url.hpp"

#include <charconv>

namespace tandem::net {

std::string url::host_header() const {
  bool v6 = host.find(':') != std::string::npos;
  std::string h = v6 ? "[" + host + "]" : host;
  bool default_port = (is_tls() && port == 443) || (!is_tls() && port == 80);
  return default_port ? h : h + ":" + std::to_string(port);
}

result<url, net_error> parse_url(std::string_view s) {
  url u;
  auto sep = s.find("://");
  if (sep == std::string_view::npos)
    return failure{net_error::bad_url};
  auto sch = s.substr(0, sep);
  if (sch == "http")
    u.scheme = scheme::http;
  else if (sch == "https")
    u.scheme = scheme::https;
  else if (sch == "ws")
    u.scheme = scheme::ws;
  else if (sch == "wss")
    u.scheme = scheme::wss;
  else
    return failure{net_error::bad_url};
  auto rest = s.substr(sep + 3);
  auto slash = rest.find_first_of("/?");
  auto authority = rest.substr(0, slash);
  u.target
    = slash == std::string_view::npos ? "/" : std::string{rest.substr(slash)};
  if (u.target.front() == '?')
    u.target.insert(0, "/");
  if (authority.empty() || authority.find('@') != std::string_view::npos)
    return failure{net_error::bad_url}; // no userinfo in venue URLs
  std::string_view port_str;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return failure{net_error::bad_url};
    u.host = std::string{authority.substr(1, close - 1)};
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return failure{net_error::bad_url};
      port_str = after.substr(1);
    }
  } else {
    auto colon = authority.rfind(':');
    u.host = std::string{authority.substr(0, colon)};
    if (colon != std::string_view::npos)
      port_str = authority.substr(colon + 1);
  }
  if (u.host.empty())
    return failure{net_error::bad_url};
  if (!port_str.empty()) {
    unsigned p = 0;
    auto [ptr, ec]
      = std::from_chars(port_str.data(), port_str.data() + port_str.size(), p);
    if (ec != std::errc{} || ptr != port_str.data() + port_str.size() || p == 0
        || p > 65535)
      return failure{net_error::bad_url};
    u.port = static_cast<std::uint16_t>(p);
  } else {
    u.port = u.is_tls() ? 443 : 80;
  }
  return u;
}

bool is_loopback_host(std::string_view host) noexcept {
  if (host == "localhost" || host == "::1")
    return true;
  // 127.0.0.0/8 as a dotted quad.
  if (host.substr(0, 4) != "127.")
    return false;
  int parts = 0;
  std::size_t i = 0;
  while (i <= host.size()) {
    auto dot = host.find('.', i);
    auto part = host.substr(i, dot == std::string_view::npos ? host.size() - i
                                                             : dot - i);
    unsigned v = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc{} || ptr != part.data() + part.size()
        || v > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos)
      break;
    i = dot + 1;
  }
  return parts == 4;
}

result<url, net_error> parse_venue_url(std::string_view s) {
  auto u = parse_url(s);
  if (!u)
    return u;
  if (!u->is_tls() && !is_loopback_host(u->host))
    return failure{net_error::insecure_scheme_refused};
  return u;
}

} // namespace tandem::net
