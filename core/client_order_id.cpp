#include "core/client_order_id.hpp"

#include <cstdlib>
#include <ostream>

namespace tandem {

namespace {

constexpr bool is_safe(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/// Writes v in base36 into out (at most 13 chars for 64 bits); returns length.
std::size_t to_base36(std::uint64_t v, char* out) noexcept {
  char tmp[16];
  std::size_t n = 0;
  do {
    auto d = static_cast<int>(v % 36);
    tmp[n++] = static_cast<char>(d < 10 ? '0' + d : 'a' + (d - 10));
    v /= 36;
  } while (v != 0);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = tmp[n - 1 - i];
  return n;
}

} // namespace

result<client_order_id, validation_error>
client_order_id::make(std::string_view s) noexcept {
  if (s.empty() || s.size() > max_length)
    return failure{validation_error::bad_client_order_id};
  for (char c : s)
    if (!is_safe(c))
      return failure{validation_error::bad_client_order_id};
  client_order_id id;
  for (std::size_t i = 0; i < s.size(); ++i)
    id.chars_[i] = s[i];
  id.size_ = static_cast<std::uint8_t>(s.size());
  return id;
}

bool client_order_id::has_prefix(std::string_view prefix) const noexcept {
  auto v = view();
  return v.size() > prefix.size() && v.substr(0, prefix.size()) == prefix
         && v[prefix.size()] == '-';
}

std::ostream& operator<<(std::ostream& os, const client_order_id& id) {
  return os << id.view();
}

result<client_order_id_generator, validation_error>
client_order_id_generator::make(std::string_view prefix, std::uint64_t session,
                                std::uint64_t first_seq) noexcept {
  if (prefix.empty() || prefix.size() > sizeof(prefix_))
    return failure{validation_error::bad_client_order_id};
  for (char c : prefix)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return failure{validation_error::bad_client_order_id};
  client_order_id_generator g;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    g.prefix_[i] = prefix[i];
  g.prefix_len_ = prefix.size();
  g.session_len_ = to_base36(session, g.session_);
  g.seq_ = first_seq;
  return g;
}

client_order_id client_order_id_generator::next() noexcept {
  // prefix <= 8, session <= 13 (36^13 > 2^64), two dashes: 23 chars, which
  // leaves 9 base36 digits (1e14 orders) for the sequence within 32 chars.
  char buf[48];
  std::size_t n = 0;
  for (std::size_t i = 0; i < prefix_len_; ++i)
    buf[n++] = prefix_[i];
  buf[n++] = '-';
  for (std::size_t i = 0; i < session_len_; ++i)
    buf[n++] = session_[i];
  buf[n++] = '-';
  n += to_base36(seq_++, buf + n);
  auto id = client_order_id::make(std::string_view{buf, n});
  if (!id) // > 1e14 orders in one session: stop rather than reuse an id
    std::abort();
  return *id;
}

} // namespace tandem
