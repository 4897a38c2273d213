// Shared set-up of the simulated Binance venue tests: two accounts, the
// BTCUSDT book, and helpers that build requests with OUR client codec
// (venues/binance/codec_requests.hpp) or, for requests the codec refuses
// to build, with the raw signer.
#pragma once

#include "sim/binance/binance_venue.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/binance/errors.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::binance::test {

namespace vb = venues::binance;

inline constexpr std::string_view key_a = "simKeyAlpha";
inline constexpr std::string_view secret_a = "simSecretAlpha";
inline constexpr std::string_view key_b = "simKeyBravo";
inline constexpr std::string_view secret_b = "simSecretBravo";

/// BTCUSDT as the venue's exchangeInfo describes it.
inline instrument btcusdt() {
  instrument i;
  i.venue = venue::binance;
  i.symbol = "BTCUSDT";
  i.base = "BTC";
  i.quote = "USDT";
  i.kind = instrument_kind::perpetual;
  i.tick = tick_rule::fixed(price::must_parse("0.1"));
  i.lot = quantity::must_parse("0.001");
  i.min_qty = quantity::must_parse("0.001");
  i.max_qty = quantity::must_parse("1000");
  i.min_notional = money::must_parse("100");
  i.reduce_only_skips_min_notional = true;
  i.min_price = price::must_parse("261.1");
  i.max_price = price::must_parse("809484");
  return i;
}

inline price px(std::string_view s) { return price::must_parse(s); }
inline quantity qty(std::string_view s) { return quantity::must_parse(s); }

/// The venue with accounts A and B (10,000 USDT each) and a house book
/// 43000.0 x 1 / 43010.0 x 1.
class venue_fixture : public ::testing::Test {
 protected:
  venue_fixture() : venue_(make_config()) {
    venue_.set_book("BTCUSDT", px("43000.0"), qty("1"), px("43010.0"),
                    qty("1"));
  }

  static venue_config make_config() {
    venue_config cfg;
    cfg.accounts.push_back(
      {std::string{key_a}, std::string{secret_a}, money::must_parse("10000")});
    cfg.accounts.push_back(
      {std::string{key_b}, std::string{secret_b}, money::must_parse("10000")});
    return cfg;
  }

  timestamp now() const { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

  vb::signing_input signing() const { return {to_unix_ms(now_), {}}; }
  static vb::credentials creds_a() { return {key_a, secret_a}; }
  static vb::credentials creds_b() { return {key_b, secret_b}; }

  /// Sends a request the codec built (it must have built one).
  sim_response send(const result<venues::http_request, venues::venue_error>& r,
                    std::string ip = "127.0.0.1") {
    EXPECT_TRUE(r.has_value());
    if (!r)
      return sim_response{0, {}, {}};
    return venue_.handle(sim_request::from(*r, std::move(ip)), now_);
  }
  sim_response send(const venues::http_request& r) {
    return venue_.handle(sim_request::from(r), now_);
  }

  /// Signs raw parameters (query only) for requests the codec refuses.
  sim_response send_raw(http_method m, std::string_view path,
                        std::vector<vb::param> ps, std::string_view key = key_a,
                        std::string_view secret = secret_a) {
    auto s = vb::sign_request(ps, {}, signing(), secret);
    EXPECT_TRUE(s.has_value());
    sim_request req;
    req.method = m;
    req.path = std::string{path};
    req.query = s->query;
    req.headers.push_back({"X-MBX-APIKEY", std::string{key}});
    return venue_.handle(req, now_);
  }

  /// Places a BTCUSDT GTC limit order from raw parameters (the codec will
  /// not build one below the minimum notional).
  sim_response place_raw(std::string_view id, std::string_view q,
                         std::string_view p) {
    return send_raw(http_method::post, "/fapi/v1/order",
                    {{"symbol", "BTCUSDT"},
                     {"side", "BUY"},
                     {"type", "LIMIT"},
                     {"timeInForce", "GTC"},
                     {"quantity", q},
                     {"price", p},
                     {"newClientOrderId", id}});
  }

  /// An order request for BTCUSDT.
  static order_request order(std::string_view id, side s, order_type t,
                             std::string_view q,
                             std::optional<std::string_view> limit = {},
                             time_in_force tif = time_in_force::gtc) {
    order_request o;
    o.id = *client_order_id::make(id);
    o.venue = venue::binance;
    o.symbol = "BTCUSDT";
    o.side = s;
    o.type = t;
    o.tif = tif;
    o.qty = qty(q);
    if (limit)
      o.limit_price = px(*limit);
    return o;
  }

  sim_response place(const order_request& o, vb::credentials c = creds_a()) {
    return send(vb::new_order(o, btcusdt(), signing(), c));
  }

  /// Parses a 200 order answer with the codec.
  venues::order_update parse_order(const sim_response& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    auto u = vb::parse_order(parser_, r.body);
    EXPECT_TRUE(u.has_value()) << r.body;
    return u ? *u : venues::order_update{};
  }

  /// Decodes an error answer with the codec.
  vb::api_error parse_error(const sim_response& r) {
    return vb::parse_error(parser_, r.status, r.body);
  }

  /// Opens the account's user stream and returns the listen key.
  std::string listen(std::string_view key) {
    auto r = send(vb::listen_key_create(key));
    EXPECT_EQ(r.status, 200) << r.body;
    auto k = vb::parse_listen_key(parser_, r.body);
    EXPECT_TRUE(k.has_value());
    return k ? *k : std::string{};
  }

  /// Drains and parses every frame of `listen_key`.
  std::vector<vb::user_event> events(std::string_view listen_key) {
    std::vector<vb::user_event> out;
    const instrument insts[] = {btcusdt()};
    for (const auto& f : venue_.drain_user_events(listen_key)) {
      auto e = vb::parse_user_frame(parser_, f, insts);
      EXPECT_TRUE(e.has_value()) << f;
      if (e)
        out.push_back(std::move(*e));
    }
    return out;
  }

  /// Returns the ORDER_TRADE_UPDATEs among `es`.
  static std::vector<vb::order_trade_update>
  order_updates(const std::vector<vb::user_event>& es) {
    std::vector<vb::order_trade_update> out;
    for (const auto& e : es)
      if (auto u = std::get_if<vb::order_trade_update>(&e))
        out.push_back(*u);
    return out;
  }

  timestamp now_ = from_unix_ms(1'700'000'000'000);
  binance_venue venue_;
  simdjson::dom::parser parser_;
};

} // namespace tandem::sim::binance::test
