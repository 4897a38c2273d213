// Malformed answers and frames reach the Binance session and are logged,
// counted and dropped, never fatal. A scripted venue on TLS loopback: the
// simulated Binance (sim/binance) answers REST behind a server shell that
// can mangle one answer, and the market and user sockets send garbage
// before valid frames.
#include "fixture.hpp"

#include "sim/binance/binance_venue.hpp"
#include "sim/server/sim_server.hpp"

#include <atomic>
#include <mutex>
#include <string>

using namespace tandem;
using namespace tandem::venues;
using namespace tandem::venues::binance::testing;

namespace {

namespace bn = sim::binance;

std::optional<http_method> method_of(std::string_view m) {
  if (m == "GET")
    return http_method::get;
  if (m == "POST")
    return http_method::post;
  if (m == "PUT")
    return http_method::put;
  if (m == "DELETE")
    return http_method::del;
  return std::nullopt;
}

timestamp wall_now() {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(
    std::chrono::system_clock::now());
}

class binance_session_malformed : public ::testing::Test {
 protected:
  void SetUp() override {
    bn::venue_config cfg;
    cfg.accounts.push_back({std::string{api_key}, std::string{api_secret},
                            money::must_parse("10000")});
    venue_ = std::make_unique<bn::binance_venue>(std::move(cfg));
    venue_->set_book("BTCUSDT", px("43000.0"), qty("1"), px("43010.0"),
                     qty("1"));
    sim::tls_files tls{pki_.cert_file(), pki_.key_file()};

    auto rest = sim::sim_server::start(
      sim::server_options{"127.0.0.1", 0, tls, {}, false},
      [this](const sim::server_request& in) { return answer(in); });
    ASSERT_TRUE(rest) << rest.error();
    rest_ = std::move(rest).value();

    sim::ws_handlers ws;
    ws.on_open = [this](std::uint64_t conn, const sim::server_request& up)
      -> std::optional<sim::server_response> {
      if (up.path() != "/ws") {
        std::lock_guard lock{mtx_};
        user_conn_ = conn;
      }
      return std::nullopt;
    };
    ws.on_message = [this](std::uint64_t conn, std::string_view data, bool) {
      if (data.find("SUBSCRIBE") == std::string_view::npos)
        return;
      ws_->send(conn, R"({"result":null,"id":1})", false);
    };
    auto wss = sim::sim_server::start(
      sim::server_options{"127.0.0.1", 0, tls, {}, false},
      [](const sim::server_request&) {
        return sim::server_response{404, {}, {}};
      },
      ws);
    ASSERT_TRUE(wss) << wss.error();
    ws_ = std::move(wss).value();

    binance::session_options o;
    o.rest_url = rest_->base_url(false);
    o.ws_url = ws_->base_url(true) + "/ws";
    o.ws_user_url = ws_->base_url(true) + "/ws";
    o.ca_file = pki_.ca_file();
    o.api_key = std::string{api_key};
    o.secret = std::string{api_secret};
    o.symbols = {"BTCUSDT"};
    o.outcome_query_delay = 20ms;
    o.on_rest_exchange = rec_.rest_hook();
    auto s = binance::session::make(std::move(o));
    ASSERT_TRUE(s) << s.error();
    session_ = std::move(s).value();
    session_->start(rec_.events());
    ASSERT_TRUE(rec_.wait([&] { return rec_.all_connected(); }));
  }

  void TearDown() override {
    session_.reset();
    ws_.reset();
    rest_.reset();
  }

  /// The simulated venue's answer, mangled where the test asks.
  sim::server_response answer(const sim::server_request& in) {
    auto m = method_of(in.method);
    if (!m)
      return sim::server_response{405, {}, {}};
    bn::sim_request req;
    req.method = *m;
    req.path = std::string{in.path()};
    req.query = std::string{in.query()};
    req.body = in.body;
    for (const auto& [k, v] : in.headers)
      req.headers.push_back({k, v});
    std::lock_guard lock{mtx_};
    auto res = venue_->handle(req, wall_now());
    sim::server_response out;
    out.status = static_cast<unsigned>(res.status);
    for (auto& h : res.headers)
      out.headers.emplace_back(std::move(h.name), std::move(h.value));
    out.body = std::move(res.body);
    if (req.path == "/fapi/v1/order" && *m == http_method::post
        && truncate_next_order_) {
      // Applied by the venue, then cut off mid-object.
      truncate_next_order_ = false;
      out.body.resize(out.body.size() / 2);
    }
    if (bad_header_next_) {
      bad_header_next_ = false;
      out.headers.emplace_back("X-MBX-USED-WEIGHT-1M", "lots");
    }
    return out;
  }

  binance::session& binance() {
    return static_cast<binance::session&>(*session_);
  }

  std::uint64_t user_conn() {
    std::lock_guard lock{mtx_};
    return user_conn_;
  }

  recorder rec_;
  net::testing::test_pki pki_;
  std::mutex mtx_;
  std::unique_ptr<bn::binance_venue> venue_;
  bool truncate_next_order_ = false;
  bool bad_header_next_ = false;
  std::uint64_t user_conn_ = 0;
  std::unique_ptr<sim::sim_server> rest_;
  std::unique_ptr<sim::sim_server> ws_;
  std::unique_ptr<venue_session> session_;
};

TEST_F(binance_session_malformed,
       garbage_market_frames_are_counted_and_dropped) {
  auto before = binance().counters().malformed;
  ws_->broadcast("not json at all", false);
  ws_->broadcast(R"({"e":"bookTicker","s":"BTCUSDT","b":"43000.5"})", false);
  ws_->broadcast(R"({"e":"bookTicker","u":7,"E":1,"T":1,"s":"BTCUSDT",)"
                 R"("b":"43000.5","B":"1.000","a":"43010.0","A":"2.000"})",
                 false);
  // Frames of one connection arrive in order: the quote comes after both
  // bad frames were handled.
  ASSERT_TRUE(rec_.wait([&] {
    return !rec_.quotes.empty() && rec_.quotes.back().bid == px("43000.5");
  }));
  EXPECT_GE(binance().counters().malformed, before + 2);
  EXPECT_TRUE(
    rec_.read([&] { return rec_.is("market", link_state::connected); }));
}

TEST_F(binance_session_malformed, garbage_user_frames_are_counted_and_dropped) {
  auto before = binance().counters().malformed;
  auto conn = user_conn();
  ASSERT_NE(conn, 0u);
  ws_->send(conn, "{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":", false);
  ws_->send(conn,
            R"({"e":"ACCOUNT_UPDATE","E":1,"T":1,"a":{"m":"DEPOSIT",)"
            R"("B":[{"a":"USDT","wb":"123.5","cw":"123.5","bc":"0"}],"P":[]}})",
            false);
  ASSERT_TRUE(rec_.wait([&] { return !rec_.balance_events.empty(); }));
  EXPECT_GE(binance().counters().malformed, before + 1);
  auto b = rec_.read([&] { return rec_.balance_events.back(); });
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b.front().free, money::must_parse("123.5"));
}

TEST_F(binance_session_malformed, truncated_order_answer_is_resolved_by_query) {
  {
    std::lock_guard lock{mtx_};
    truncate_next_order_ = true;
  }
  auto before = binance().counters().malformed;
  auto r = await<order_update>([&](auto cb) {
    session_->place(limit("t-trunc-1", side::buy, "0.010", "42000.0"), cb);
  });
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->event, order_event::accepted);
  EXPECT_EQ(r->id.view(), "t-trunc-1");
  EXPECT_EQ(binance().counters().malformed, before + 1);
  rec_.read([&] {
    EXPECT_EQ(rec_.count_rest("POST", "/fapi/v1/order", 200), 1u);
    EXPECT_EQ(rec_.count_rest("GET", "/fapi/v1/order", 200), 1u);
    return 0;
  });
}

TEST_F(binance_session_malformed, bad_usage_header_is_counted_not_fatal) {
  {
    std::lock_guard lock{mtx_};
    bad_header_next_ = true;
  }
  auto before = binance().counters().malformed;
  auto b
    = await<std::vector<balance>>([&](auto cb) { session_->balances(cb); });
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_EQ(binance().counters().malformed, before + 1);
}

} // namespace
