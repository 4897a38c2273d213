#include "log/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <shared_mutex>

namespace tandem::logging {

namespace {

char lower(char c) noexcept {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_alnum(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_b64url(char c) noexcept { return is_alnum(c) || c == '-' || c == '_'; }

bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

/// Characters that end a credential value in headers, query strings, JSON.
bool ends_value(char c) noexcept {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '"':
    case '\'':
    case '&':
    case ',':
    case ';':
    case '}':
    case ')':
    case ']':
    case '<':
    case '>': return true;
    default: return false;
  }
}

/// Finds lowercase `needle` in `hay` from `from`, ignoring case.
std::size_t ifind(std::string_view hay, std::string_view needle,
                  std::size_t from) noexcept {
  if (needle.size() > hay.size())
    return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && lower(hay[i + k]) == needle[k])
      ++k;
    if (k == needle.size())
      return i;
  }
  return std::string_view::npos;
}

bool istarts_with(std::string_view s, std::size_t at,
                  std::string_view lower_prefix) noexcept {
  return ifind(s.substr(at, lower_prefix.size()), lower_prefix, 0) == 0;
}

/// Collects replacements [begin, end) -> *** and applies them in one pass.
class rewriter {
 public:
  explicit rewriter(std::string_view in) : in_(in) {}

  void replace(std::size_t begin, std::size_t end) {
    if (end <= begin || in_.substr(begin, end - begin) == redacted_mark)
      return;
    out_.append(in_.substr(pos_, begin - pos_));
    out_.append(redacted_mark);
    pos_ = end;
  }

  std::string finish() {
    out_.append(in_.substr(pos_));
    return std::move(out_);
  }

 private:
  std::string_view in_;
  std::string out_;
  std::size_t pos_ = 0;
};

std::size_t value_end(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && !ends_value(s[i]))
    ++i;
  return i;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && is_space(s[i]))
    ++i;
  return i;
}

// -- passes ------------------------------------------------------------------

std::string replace_secrets(std::string_view text,
                            std::span<const std::string> secrets) {
  std::vector<std::string_view> sorted;
  for (const auto& s : secrets)
    if (!s.empty())
      sorted.emplace_back(s);
  // Longest first, so a secret that contains another is replaced whole.
  std::sort(sorted.begin(), sorted.end(),
            [](auto a, auto b) { return a.size() > b.size(); });
  std::string cur(text);
  for (auto s : sorted) {
    std::size_t at = cur.find(s);
    if (at == std::string::npos)
      continue;
    std::string next;
    std::size_t from = 0;
    while (at != std::string::npos) {
      next.append(cur, from, at - from);
      next.append(redacted_mark);
      from = at + s.size();
      at = cur.find(s, from);
    }
    next.append(cur, from);
    cur = std::move(next);
  }
  return cur;
}

/// `key` then optional quote, `:` or `=`, optional quote, then the value.
/// For `authorization`, a scheme word (Bearer, Basic, ...) is kept.
std::string pass_key_values(std::string_view s) {
  // clang-format off
  static constexpr std::array<std::string_view, 10> keys{
    "authorization", "x-mbx-apikey", "signature", "secret", "token",
    "api_key", "apikey", "password", "listenkey", "passphrase",
  };
  // clang-format on
  struct hit {
    std::size_t begin, end;
  };
  std::vector<hit> hits;
  for (auto key : keys) {
    for (std::size_t at = ifind(s, key, 0); at != std::string_view::npos;
         at = ifind(s, key, at + 1)) {
      std::size_t i = at + key.size();
      if (i < s.size() && (s[i] == '"' || s[i] == '\''))
        ++i;
      i = skip_spaces(s, i);
      if (i >= s.size() || (s[i] != '=' && s[i] != ':'))
        continue;
      i = skip_spaces(s, i + 1);
      if (i < s.size() && (s[i] == '"' || s[i] == '\''))
        ++i;
      if (key == "authorization") {
        for (auto scheme : {"bearer", "basic", "token", "digest"}) {
          std::string_view sc{scheme};
          if (istarts_with(s, i, sc) && i + sc.size() < s.size()
              && is_space(s[i + sc.size()])) {
            i = skip_spaces(s, i + sc.size());
            break;
          }
        }
      }
      std::size_t end = value_end(s, i);
      if (end > i)
        hits.push_back({i, end});
    }
  }
  if (hits.empty())
    return std::string(s);
  std::sort(hits.begin(), hits.end(),
            [](hit a, hit b) { return a.begin < b.begin; });
  rewriter rw(s);
  std::size_t covered = 0;
  for (auto h : hits) {
    if (h.begin < covered)
      continue; // overlapping match of a shorter key inside a longer one
    rw.replace(h.begin, h.end);
    covered = h.end;
  }
  return rw.finish();
}

/// `Bearer <token>` anywhere (a header echoed in an error, a curl line).
std::string pass_bearer(std::string_view s) {
  rewriter rw(s);
  for (std::size_t at = ifind(s, "bearer", 0); at != std::string_view::npos;
       at = ifind(s, "bearer", at + 1)) {
    if (at > 0 && is_alnum(s[at - 1]))
      continue;
    std::size_t i = at + 6;
    if (i >= s.size() || !is_space(s[i]))
      continue;
    i = skip_spaces(s, i);
    rw.replace(i, value_end(s, i));
  }
  return rw.finish();
}

/// JWTs: `eyJ<b64url>.<b64url>.<b64url>` (the signature may be empty).
std::string pass_jwt(std::string_view s) {
  rewriter rw(s);
  for (std::size_t at = s.find("eyJ"); at != std::string_view::npos;
       at = s.find("eyJ", at + 1)) {
    if (at > 0 && is_b64url(s[at - 1]))
      continue;
    std::size_t i = at;
    int dots = 0;
    bool empty_segment = false;
    std::size_t seg_start = i;
    while (i < s.size() && (is_b64url(s[i]) || s[i] == '.')) {
      if (s[i] == '.') {
        if (i == seg_start)
          empty_segment = true;
        ++dots;
        seg_start = i + 1;
        if (dots == 2) {
          ++i;
          while (i < s.size() && is_b64url(s[i]))
            ++i;
          break;
        }
      }
      ++i;
    }
    if (dots == 2 && !empty_segment) {
      rw.replace(at, i);
      at = i - 1;
    }
  }
  return rw.finish();
}

/// Discord webhook URLs: keep the id, redact the token after it.
std::string pass_discord(std::string_view s) {
  rewriter rw(s);
  for (std::size_t at = ifind(s, "/webhooks/", 0); at != std::string_view::npos;
       at = ifind(s, "/webhooks/", at + 1)) {
    std::size_t scheme = s.rfind("://", at);
    if (scheme == std::string_view::npos
        || ifind(s.substr(scheme, at - scheme), "discord", 0)
             == std::string_view::npos)
      continue;
    std::size_t i = at + 10;
    std::size_t id_begin = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      ++i;
    if (i == id_begin || i >= s.size() || s[i] != '/')
      continue;
    std::size_t tok = ++i;
    while (i < s.size() && is_b64url(s[i]))
      ++i;
    rw.replace(tok, i);
  }
  return rw.finish();
}

// -- the registry ------------------------------------------------------------

struct registry {
  std::shared_mutex mtx;
  std::vector<std::string> secrets;
};

registry& the_registry() {
  static registry r; // function-local: safe during static initialisation
  return r;
}

} // namespace

std::string redact(std::string_view text,
                   std::span<const std::string> secrets) {
  std::string out = replace_secrets(text, secrets);
  out = pass_discord(out);
  out = pass_jwt(out);
  out = pass_bearer(out);
  out = pass_key_values(out);
  return out;
}

void register_secret(std::string_view value) {
  if (value.empty())
    return;
  auto& r = the_registry();
  std::unique_lock lock(r.mtx);
  if (std::find(r.secrets.begin(), r.secrets.end(), value) == r.secrets.end())
    r.secrets.emplace_back(value);
}

std::string redact_registered(std::string_view text) {
  auto& r = the_registry();
  std::shared_lock lock(r.mtx);
  return redact(text, r.secrets);
}

std::size_t registered_secret_count() {
  auto& r = the_registry();
  std::shared_lock lock(r.mtx);
  return r.secrets.size();
}

void clear_registered_secrets_for_testing() {
  auto& r = the_registry();
  std::unique_lock lock(r.mtx);
  r.secrets.clear();
}

// -- the sink ----------------------------------------------------------------

redacting_sink::redacting_sink(std::vector<spdlog::sink_ptr> inner)
  : dist_sink<std::mutex>(std::move(inner)) {}

void redacting_sink::sink_it_(const spdlog::details::log_msg& msg) {
  std::string clean
    = redact_registered({msg.payload.data(), msg.payload.size()});
  spdlog::details::log_msg copy = msg;
  copy.payload = spdlog::string_view_t(clean.data(), clean.size());
  dist_sink<std::mutex>::sink_it_(copy);
}

} // namespace tandem::logging
