// Latency of one REST order round trip against the simulated Binance on
// TLS loopback (sim/runtime/binance_service, certificates minted at start):
//
//   session  - venues::binance::session::place() until its callback: rate
//              limiter, codec (build + sign), http_client (keep-alive TLS),
//              the simulator's matching, parse of the answer;
//   client   - the same order built by the codec and sent by http_client
//              directly, answer parsed by the codec (no session queue).
//
// Orders are sent one at a time (the next after the previous answer), each
// an IOC buy below the ask that expires at once, so the venue's state does
// not grow. The simulator's order limits are raised for the run (the
// session's limiter would otherwise, correctly, pace 2000 orders over a
// minute and the samples would measure the pacing). Output: `name value`
// lines in microseconds.
//
// Usage: binance_order_latency [orders]   (default 2000, plus 100 untimed
// warm-up orders per path).
#include "sim/runtime/binance_service.hpp"
#include "test_pki.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/session.hpp"
#include "venues/net/io/http_client.hpp"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <vector>

namespace {

using namespace tandem;
using namespace std::chrono_literals;
namespace vb = venues::binance;

constexpr std::string_view key = "bench-key";
constexpr std::string_view secret = "bench-secret";

order_request ioc_order(const std::string& cid) {
  order_request o;
  o.id = client_order_id::make(cid).value();
  o.venue = venue::binance;
  o.symbol = "BTCUSDT";
  o.side = side::buy;
  o.type = order_type::limit;
  o.tif = time_in_force::ioc;
  o.qty = quantity::must_parse("0.010");
  o.limit_price = price::must_parse("42000.0");
  return o;
}

void report(const char* name, std::vector<double>& us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) {
    auto i = static_cast<std::size_t>(q * static_cast<double>(us.size() - 1));
    return us[i];
  };
  std::printf("%s_orders %zu\n", name, us.size());
  std::printf("%s_p50_us %.1f\n", name, at(0.50));
  std::printf("%s_p90_us %.1f\n", name, at(0.90));
  std::printf("%s_p99_us %.1f\n", name, at(0.99));
  std::printf("%s_p999_us %.1f\n", name, at(0.999));
  std::printf("%s_max_us %.1f\n", name, us.back());
}

/// place() and wait, one order; returns microseconds or a negative value.
double place_once(venues::venue_session& s, const std::string& cid) {
  std::promise<bool> p;
  auto f = p.get_future();
  auto t0 = std::chrono::steady_clock::now();
  s.place(ioc_order(cid), [&](venues::venue_result<venues::order_update> r) {
    p.set_value(r.has_value());
  });
  if (f.wait_for(30s) != std::future_status::ready || !f.get())
    return -1;
  return std::chrono::duration<double, std::micro>(
           std::chrono::steady_clock::now() - t0)
    .count();
}

/// The codec plus http_client alone, one order; microseconds or negative.
double client_once(net::http_client& http, simdjson::dom::parser& parser,
                   const instrument& inst, const std::string& cid) {
  auto t0 = std::chrono::steady_clock::now();
  auto now_ms
    = to_unix_ms(std::chrono::time_point_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now()));
  auto req = vb::new_order(ioc_order(cid), inst, {now_ms, 5000}, {key, secret});
  if (!req)
    return -1;
  net::http_client::request r;
  r.method = std::string{to_string(req->method)};
  r.target = req->target();
  for (const auto& h : req->headers)
    r.headers.emplace_back(h.name, h.value);
  std::promise<net::http_client::response> p;
  auto f = p.get_future();
  http.async_request(std::move(r), [&](auto res) {
    p.set_value(res ? std::move(res).value() : net::http_client::response{});
  });
  if (f.wait_for(30s) != std::future_status::ready)
    return -1;
  auto resp = f.get();
  if (resp.status != 200 || !vb::parse_order(parser, resp.body))
    return -1;
  return std::chrono::duration<double, std::micro>(
           std::chrono::steady_clock::now() - t0)
    .count();
}

} // namespace

int main(int argc, char** argv) {
  const int orders = argc > 1 ? std::atoi(argv[1]) : 2000;
  constexpr int warmup = 100;
  if (orders <= 0) {
    std::fprintf(stderr, "usage: binance_order_latency [orders > 0]\n");
    return 2;
  }
  net::testing::test_pki pki;
  sim::binance::venue_config cfg;
  cfg.accounts.push_back(
    {std::string{key}, std::string{secret}, money::must_parse("10000")});
  cfg.limits.orders_per_10s = 1'000'000;
  cfg.limits.orders_per_minute = 1'000'000;
  cfg.limits.weight_per_minute = 1'000'000;
  sim::runtime::service_options so;
  so.tls = sim::tls_files{pki.cert_file(), pki.key_file()};
  auto svc = sim::runtime::binance_service::start(std::move(cfg), so);
  if (!svc) {
    std::fprintf(stderr, "simulator: %s\n", svc.error().c_str());
    return 1;
  }
  (*svc)->set_book("BTCUSDT", price::must_parse("43000.0"),
                   quantity::must_parse("1"), price::must_parse("43010.0"),
                   quantity::must_parse("1"));

  // -- through the session ----------------------------------------------------
  vb::session_options o;
  o.rest_url = (*svc)->urls().rest;
  o.ws_url = (*svc)->urls().ws + "/ws";
  o.ws_user_url = (*svc)->urls().ws_user;
  o.ca_file = pki.ca_file();
  o.api_key = std::string{key};
  o.secret = std::string{secret};
  o.symbols = {"BTCUSDT"};
  o.rate_rules = {{std::string{vb::weight_group}, 1'000'000, 60000ms},
                  {std::string{vb::orders_10s_group}, 1'000'000, 10000ms},
                  {std::string{vb::orders_1m_group}, 1'000'000, 60000ms}};
  auto s = vb::session::make(std::move(o));
  if (!s) {
    std::fprintf(stderr, "session: %s\n", s.error().c_str());
    return 1;
  }
  std::promise<void> ready;
  bool signalled = false;
  venues::session_events ev;
  ev.on_status = [&](venues::session_status st) {
    if (st.stream == "user" && st.state == venues::link_state::connected
        && !signalled) {
      signalled = true;
      ready.set_value();
    }
  };
  (*s)->start(ev);
  if (ready.get_future().wait_for(30s) != std::future_status::ready) {
    std::fprintf(stderr, "session did not come up\n");
    return 1;
  }
  std::vector<double> session_us;
  session_us.reserve(static_cast<std::size_t>(orders));
  for (int i = 0; i < warmup + orders; ++i) {
    auto us = place_once(**s, "bs-" + std::to_string(i));
    if (us < 0) {
      std::fprintf(stderr, "session order %d failed\n", i);
      return 1;
    }
    if (i >= warmup)
      session_us.push_back(us);
  }
  auto inst = (*s)->instrument_of("BTCUSDT");
  s->reset();

  // -- codec + http_client alone ---------------------------------------------
  net::io_runner runner;
  runner.start();
  net::http_client::options ho;
  ho.base_url = (*svc)->urls().rest;
  ho.ca_file = pki.ca_file();
  auto http = net::http_client::make(runner, ho);
  if (!http || !inst) {
    std::fprintf(stderr, "http client or instrument missing\n");
    return 1;
  }
  simdjson::dom::parser parser;
  std::vector<double> client_us;
  client_us.reserve(static_cast<std::size_t>(orders));
  for (int i = 0; i < warmup + orders; ++i) {
    auto us = client_once(**http, parser, *inst, "bc-" + std::to_string(i));
    if (us < 0) {
      std::fprintf(stderr, "client order %d failed\n", i);
      return 1;
    }
    if (i >= warmup)
      client_us.push_back(us);
  }
  http->reset();
  runner.stop();

  report("session", session_us);
  report("client", client_us);
  return 0;
}
