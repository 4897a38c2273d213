#include "alerts/discord_sender.hpp"

#include "log/logging.hpp"
#include "venues/net/io/http_client.hpp"
#include "venues/net/url.hpp"

#include <string>
#include <utility>
#include <vector>

namespace tandem::alerts {

namespace {

// Enough of an error body to say why ({"message": "Unknown Webhook", ...}).
constexpr std::size_t logged_body_bytes = 300;

} // namespace

struct discord_sender::impl {
  std::unique_ptr<net::http_client> client;
  /// Path and query of the webhook, with the token: "/api/webhooks/ID/TOKEN
  /// ?wait=true".
  secret target;
  /// Texts scrubbed from anything logged: the URL, its path, the token.
  std::vector<secret> hidden;

  /// Returns the start of a server's body, fit for one log line, with every
  /// hidden text replaced by ***.
  std::string scrub(std::string_view body) const {
    std::string s{body.substr(0, logged_body_bytes * 2)};
    for (const auto& h : hidden) {
      auto v = h.expose();
      if (v.empty())
        continue;
      for (auto pos = s.find(v); pos != std::string::npos;
           pos = s.find(v, pos + 3))
        s.replace(pos, v.size(), "***");
    }
    if (s.size() > logged_body_bytes)
      s.resize(logged_body_bytes);
    for (auto& c : s)
      if (static_cast<unsigned char>(c) < 0x20)
        c = ' ';
    return s;
  }
};

result<std::unique_ptr<discord_sender>, net::net_error>
discord_sender::make(net::io_runner& runner, const secret& webhook_url,
                     options opts) {
  auto u = net::parse_venue_url(webhook_url.expose());
  if (!u)
    return failure{u.error()};
  net::http_client::options http;
  http.base_url = (u->is_tls() ? "https://" : "http://") + u->host_header();
  http.ca_file = std::move(opts.ca_file);
  http.connect_timeout = opts.connect_timeout;
  http.tls_timeout = opts.connect_timeout;
  http.request_timeout = opts.request_timeout;
  // One message at a time: a second connection would only race the first.
  http.max_connections = 1;
  // Discord's answers are a message object at most.
  http.max_response_body_bytes = 256 * 1024;
  auto client = net::http_client::make(runner, std::move(http));
  if (!client)
    return failure{client.error()};

  auto p = std::make_unique<impl>();
  p->client = std::move(*client);
  std::string target = u->target;
  // The URL Discord hands out is unversioned, which selects its old default
  // API version, whose 429 bodies give retry_after in milliseconds; pin v10,
  // where it is in seconds, as parse_rate_limit_body() reads it.
  constexpr std::string_view unversioned = "/api/webhooks/";
  if (target.starts_with(unversioned))
    target.replace(0, unversioned.size(), "/api/v10/webhooks/");
  // wait=true: Discord answers 200 once the message is stored, so a 2xx
  // means delivered rather than merely accepted.
  target += target.find('?') == std::string::npos ? "?wait=true" : "&wait=true";
  p->target = secret{std::move(target)};
  p->hidden.emplace_back(std::string{webhook_url.expose()});
  p->hidden.emplace_back(u->target);
  if (auto slash = u->target.find_last_of('/');
      slash != std::string::npos && slash + 1 < u->target.size()) {
    auto token = u->target.substr(slash + 1);
    if (auto q = token.find('?'); q != std::string::npos)
      token.resize(q);
    if (token.size() >= 8) // a short segment would scrub ordinary words
      p->hidden.emplace_back(std::move(token));
  }
  return std::unique_ptr<discord_sender>{new discord_sender(std::move(p))};
}

discord_sender::discord_sender(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

discord_sender::~discord_sender() { shutdown(); }

void discord_sender::send(std::string json_body, done_fn done) {
  net::http_client::request req;
  req.method = "POST";
  req.target = std::string{impl_->target.expose()};
  req.headers = {{"Content-Type", "application/json"},
                 {"Accept", "application/json"},
                 {"User-Agent", "tandem-alerts/0.1"}};
  req.body = std::move(json_body);
  const impl* self = impl_.get();
  impl_->client->async_request(
    std::move(req),
    [self, done = std::move(done)](
      result<net::http_client::response, net::http_client::error_info> r) {
      if (!r) {
        TLOG_WARN("alert.send_failed", "error={} sent={}",
                  net::to_string(r.error().code), r.error().request_sent);
        send_outcome out;
        out.what = send_outcome::kind::failed;
        done(out);
        return;
      }
      const auto& res = *r;
      auto h = [&](std::string_view name) -> std::optional<std::string> {
        return res.header(name);
      };
      auto retry_after = h("Retry-After");
      auto remaining = h("X-RateLimit-Remaining");
      auto reset_after = h("X-RateLimit-Reset-After");
      auto global = h("X-RateLimit-Global");
      auto view = [](const std::optional<std::string>& s)
        -> std::optional<std::string_view> {
        if (!s)
          return std::nullopt;
        return std::string_view{*s};
      };
      webhook_answer a{res.status,      res.body,          view(retry_after),
                       view(remaining), view(reset_after), view(global)};
      auto out = classify_answer(a);
      switch (out.what) {
        case send_outcome::kind::delivered:
          TLOG_DEBUG("alert.delivered", "status={} hold_ms={}", out.status,
                     out.wait.count());
          break;
        case send_outcome::kind::rate_limited:
          TLOG_INFO("alert.rate_limited",
                    "status=429 retry_after_ms={} "
                    "global={}",
                    out.wait.count(), out.global);
          break;
        case send_outcome::kind::failed:
          TLOG_WARN("alert.send_failed", "status={} body=\"{}\"", out.status,
                    self->scrub(res.body));
          break;
        case send_outcome::kind::rejected:
          TLOG_ERROR("alert.rejected",
                     "status={} body=\"{}\" note=\"Discord "
                     "refused the message; it is dropped\"",
                     out.status, self->scrub(res.body));
          break;
      }
      done(out);
    });
}

void discord_sender::shutdown() {
  if (impl_ && impl_->client)
    impl_->client->shutdown();
}

} // namespace tandem::alerts
