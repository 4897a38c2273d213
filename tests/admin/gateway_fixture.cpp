#include "tests/admin/gateway_fixture.hpp"

#include <cctype>

namespace tandem::admin::test {

namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i]))
        != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

} // namespace

std::optional<std::string> http_answer::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequal(k, name))
      return v;
  return std::nullopt;
}

json_body::json_body(const std::string& text) {
  ok = !parser.parse(text).get(root);
  EXPECT_TRUE(ok) << "not JSON: " << text;
}

std::string json_body::str(std::string_view pointer) {
  std::string_view s;
  EXPECT_FALSE(root.at_pointer(pointer).get_string().get(s)) << pointer;
  return std::string(s);
}

std::int64_t json_body::num(std::string_view pointer) {
  std::int64_t n = 0;
  EXPECT_FALSE(root.at_pointer(pointer).get_int64().get(n)) << pointer;
  return n;
}

bool json_body::flag(std::string_view pointer) {
  bool b = false;
  EXPECT_FALSE(root.at_pointer(pointer).get_bool().get(b)) << pointer;
  return b;
}

std::size_t json_body::size(std::string_view pointer) {
  simdjson::dom::array a;
  EXPECT_FALSE(root.at_pointer(pointer).get_array().get(a)) << pointer;
  return a.size();
}

net::ws_client::handlers ws_log::handlers() {
  net::ws_client::handlers h;
  h.on_connected = [this] {
    {
      std::lock_guard lock{mtx};
      ++connected;
    }
    cv.notify_all();
  };
  h.on_message = [this](std::string_view data, bool) {
    {
      std::lock_guard lock{mtx};
      frames.emplace_back(data);
    }
    cv.notify_all();
  };
  h.on_disconnected = [this](net::net_error e) {
    {
      std::lock_guard lock{mtx};
      drops.push_back(e);
    }
    cv.notify_all();
  };
  return h;
}

void gateway_fixture::SetUp() {
  sys_ = std::make_unique<caf::actor_system>(cfg_);
  engine_ = spawn_fake_engine(*sys_);
  runner_.start();
}

void gateway_fixture::start_gateway(
  std::chrono::milliseconds timeout,
  std::optional<actors::admin_tls_files> tls) {
  actors::admin_gateway_options o;
  o.port = 0;
  o.tokens = {secret{std::string(operator_token)},
              secret{std::string(readonly_token)}};
  o.engine_timeout = timeout;
  o.tls = std::move(tls);
  start_gateway_with(std::move(o));
}

void gateway_fixture::start_gateway_with(actors::admin_gateway_options o) {
  auto gw = actors::admin_gateway::start(
    *sys_, caf::actor_cast<actors::engine_control_actor>(engine_), o);
  ASSERT_TRUE(gw.has_value()) << gw.error();
  gw_ = std::move(*gw);
  net::http_client::options co;
  co.base_url = gw_->base_url(false);
  co.ca_file = ca_file_;
  co.request_timeout = std::chrono::milliseconds{15000};
  auto c = net::http_client::make(runner_, co);
  ASSERT_TRUE(c.has_value());
  client_ = std::move(*c);
}

void gateway_fixture::TearDown() {
  if (client_)
    client_->shutdown();
  client_.reset();
  runner_.stop();
  gw_.reset();
  caf::anon_send_exit(engine_, caf::exit_reason::user_shutdown);
  engine_ = nullptr;
  sys_.reset();
}

http_answer gateway_fixture::call(std::string method, std::string target,
                                  std::string body, std::string_view token,
                                  std::vector<net::http_header> extra) {
  net::http_client::request req;
  req.method = std::move(method);
  req.target = std::move(target);
  req.body = std::move(body);
  if (!token.empty())
    req.headers.emplace_back("Authorization", "Bearer " + std::string(token));
  if (!req.body.empty())
    req.headers.emplace_back("Content-Type", "application/json");
  for (auto& h : extra)
    req.headers.push_back(std::move(h));
  using answer
    = result<net::http_client::response, net::http_client::error_info>;
  auto p = std::make_shared<std::promise<answer>>();
  auto f = p->get_future();
  client_->async_request(std::move(req),
                         [p](answer a) { p->set_value(std::move(a)); });
  if (f.wait_for(guard) != std::future_status::ready) {
    ADD_FAILURE() << "no answer within the guard";
    return {};
  }
  auto a = f.get();
  if (!a) {
    ADD_FAILURE() << "request failed: " << net::to_string(a.error().code);
    return {};
  }
  http_answer out;
  out.status = a->status;
  out.body = a->body;
  out.headers = a->headers;
  out.content_type = a->header("Content-Type").value_or("");
  return out;
}

std::vector<journal_entry> gateway_fixture::journal() {
  caf::scoped_actor self{*sys_};
  std::vector<journal_entry> out;
  self->request(engine_, guard, fake_journal{})
    .receive(
      [&](std::vector<journal_entry>& j) { out = std::move(j); },
      [&](caf::error& e) { ADD_FAILURE() << "journal: " << sys_->render(e); });
  return out;
}

} // namespace tandem::admin::test
