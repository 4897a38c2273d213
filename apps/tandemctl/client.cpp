#include "apps/tandemctl/client.hpp"

#include <future>
#include <pwd.h>
#include <unistd.h>

namespace tandem::ctl {

std::string default_client_name() {
  std::string user;
  if (const char* u = std::getenv("USER"); u && *u)
    user = u;
  else if (const auto* pw = ::getpwuid(::geteuid()); pw && pw->pw_name)
    user = pw->pw_name;
  else
    user = "uid" + std::to_string(::geteuid());
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0)
    host[0] = '\0';
  return user + "@" + (host[0] ? host : "localhost") + " (tandemctl)";
}

result<std::unique_ptr<ctl_client>, std::string>
ctl_client::make(const ctl_options& o, secret token) {
  std::unique_ptr<ctl_client> c{new ctl_client};
  c->opts_ = o;
  c->token_ = std::move(token);
  c->client_name_ = default_client_name();
  net::http_client::options ho;
  ho.base_url = o.url;
  ho.ca_file = o.ca_file;
  ho.connect_timeout = std::min(o.timeout, std::chrono::milliseconds{5000});
  ho.request_timeout = o.timeout;
  ho.max_connections = 1;
  auto h = net::http_client::make(c->runner_, ho);
  if (!h)
    return failure{"cannot use --url " + o.url + ": "
                   + std::string(net::to_string(h.error()))};
  c->http_ = std::move(*h);
  c->runner_.start();
  return c;
}

ctl_client::~ctl_client() {
  if (http_)
    http_->shutdown();
  runner_.stop();
}

result<ctl_answer, std::string> ctl_client::send(const ctl_request& r) {
  net::http_client::request req;
  req.method = r.method;
  req.target = r.target;
  req.body = r.body;
  req.headers.emplace_back("Authorization",
                           "Bearer " + std::string(token_.expose()));
  req.headers.emplace_back("X-Tandem-Client", client_name_);
  if (!r.body.empty())
    req.headers.emplace_back("Content-Type", "application/json");
  using answer
    = result<net::http_client::response, net::http_client::error_info>;
  auto p = std::make_shared<std::promise<answer>>();
  auto f = p->get_future();
  http_->async_request(std::move(req),
                       [p](answer a) { p->set_value(std::move(a)); });
  // The client's own timeouts answer first; this only guards a hang.
  if (f.wait_for(opts_.timeout + std::chrono::seconds{10})
      != std::future_status::ready)
    return failure{"no answer from " + opts_.url};
  auto a = f.get();
  if (!a) {
    std::string why(net::to_string(a.error().code));
    if (a.error().request_sent)
      why += "; the request was sent, its outcome is unknown (check "
             "`tandemctl status`)";
    return failure{"cannot reach " + opts_.url + ": " + why};
  }
  return ctl_answer{a->status, std::move(a->body)};
}

result<std::unique_ptr<net::ws_client>, std::string>
ctl_client::open_events(net::ws_client::handlers h) {
  net::ws_client::options o;
  std::string url = opts_.url;
  if (url.starts_with("https://"))
    url = "wss://" + url.substr(8);
  else if (url.starts_with("http://"))
    url = "ws://" + url.substr(7);
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  o.url = url + "/v1/events";
  o.ca_file = opts_.ca_file;
  o.headers.emplace_back("Authorization",
                         "Bearer " + std::string(token_.expose()));
  o.headers.emplace_back("X-Tandem-Client", client_name_);
  o.reconnect_base = std::chrono::milliseconds{500};
  o.reconnect_max = std::chrono::milliseconds{10000};
  auto c = net::ws_client::make(runner_, o, std::move(h));
  if (!c)
    return failure{"cannot open the event stream: "
                   + std::string(net::to_string(c.error()))};
  (*c)->start();
  return std::move(*c);
}

} // namespace tandem::ctl
