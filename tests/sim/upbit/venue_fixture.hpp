// Shared fixture of the simulated Upbit venue tests: two accounts, a house
// book on KRW-BTC, and helpers that build requests with OUR codec
// (venues/upbit/codec_requests.hpp) and read answers with OUR parsers.
#pragma once

#include "core/instrument.hpp"
#include "core/order_request.hpp"
#include "sim/upbit/upbit_venue.hpp"
// codec_requests.hpp declares functions (order_chance, ticker, orderbook)
// named like structs of codec_responses/codec_quotes.hpp: included after
// them, the functions hide the struct names (-Wshadow); included before,
// the struct declarations do not parse. Until the codec renames one side,
// the builders come last and the warning is silenced for them only. Use
// `struct vu::ticker` etc. for the types.
#include "venues/upbit/codec_responses.hpp"
#include "venues/upbit/codec_stream.hpp"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "venues/upbit/codec_requests.hpp"
#pragma GCC diagnostic pop
#include "venues/upbit/errors.hpp"
#include "venues/upbit/json_context.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit::test {

namespace vu = venues::upbit;
using venues::venue_error;

inline constexpr std::string_view alice_key = "alice-access-key";
inline constexpr std::string_view alice_secret = "alice-secret";
inline constexpr std::string_view bob_key = "bob-access-key";
inline constexpr std::string_view bob_secret = "bob-secret";

inline const vu::credentials alice{alice_key, alice_secret};
inline const vu::credentials bob{bob_key, bob_secret};

inline price px(const char* s) { return price::must_parse(s); }
inline quantity qty(const char* s) { return quantity::must_parse(s); }
inline money krw(const char* s) { return money::must_parse(s); }

/// Both accounts start with 10,000,000 KRW, 1 BTC and 1,000 USDT.
inline venue_config test_config() {
  auto cfg = default_config();
  for (auto [key, secret] :
       {std::pair{alice_key, alice_secret}, std::pair{bob_key, bob_secret}}) {
    account_config a;
    a.access_key = std::string{key};
    a.secret_key = std::string{secret};
    a.balances
      = {{"KRW", krw("10000000")}, {"BTC", krw("1")}, {"USDT", krw("1000")}};
    cfg.accounts.push_back(std::move(a));
  }
  return cfg;
}

/// KRW-BTC as the engine knows it (Upbit KRW ticks, 5,000 KRW minimum).
inline instrument krw_btc() {
  instrument i;
  i.venue = venue::upbit;
  i.symbol = "KRW-BTC";
  i.base = "BTC";
  i.quote = "KRW";
  i.tick = tick_rule::upbit_krw();
  i.lot = qty("0.00000001");
  i.min_qty = qty("0.00000001");
  i.min_notional = krw("5000");
  return i;
}

/// KRW-BTC with no client-side tick or minimum, to send what the venue
/// must refuse itself.
inline instrument loose_krw_btc() {
  auto i = krw_btc();
  i.tick = tick_rule::fixed(px("0.00000001"));
  i.min_notional = money::zero();
  return i;
}

/// An order of ours.
inline order_request order(std::string_view id, side s, order_type type,
                           const char* volume,
                           std::optional<price> limit = std::nullopt,
                           time_in_force tif = time_in_force::gtc) {
  order_request o;
  o.id = *client_order_id::make(id);
  o.venue = venue::upbit;
  o.symbol = "KRW-BTC";
  o.side = s;
  o.type = type;
  o.tif = tif;
  o.qty = qty(volume);
  o.limit_price = limit;
  return o;
}

/// The venue, a clock and our parsers.
class venue_test : public ::testing::Test {
 protected:
  venue_test() : venue_(test_config()) {}

  /// Returns a fresh nonce (uuid made from a counter).
  std::string nonce() {
    std::array<std::uint8_t, 16> b{};
    auto n = ++nonce_seq_;
    for (std::size_t i = 0; i < 8; ++i)
      b[i] = static_cast<std::uint8_t>(n >> (8 * i));
    return vu::make_nonce(b);
  }

  /// Answers a request built by our codec.
  sim_response send(const venues::http_request& r) {
    return venue_.handle(from_http(r), now_);
  }

  /// Places `o` with our codec.
  sim_response place(const order_request& o, const vu::credentials& who,
                     vu::place_options opt = {},
                     const instrument& inst = krw_btc()) {
    auto r = vu::place_order(o, inst, opt, who, nonce());
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    if (!r)
      return {};
    return send(*r);
  }

  /// Queries by identifier with our codec.
  sim_response query(std::string_view id, const vu::credentials& who) {
    auto r = vu::query_order(
      vu::order_ref::identifier(*client_order_id::make(id)), who, nonce());
    return send(*r);
  }

  /// Parses an order answer (2xx) with our codec.
  vu::order_snapshot parse(const sim_response& r) {
    EXPECT_GE(r.status, 200);
    EXPECT_LT(r.status, 300);
    auto o = vu::parse_order(ctx_, r.body);
    EXPECT_TRUE(o) << r.body;
    return o ? *o : vu::order_snapshot{};
  }

  /// Classifies an error answer with our codec.
  vu::upbit_error error(const sim_response& r,
                        vu::request_kind kind = vu::request_kind::place_order) {
    return vu::parse_error(static_cast<std::uint16_t>(r.status), r.body, kind);
  }

  /// Decodes every private frame owed to `key` with our stream codec.
  std::vector<vu::stream_event> events(std::string_view key) {
    std::vector<vu::stream_event> out;
    for (const auto& frame : venue_.drain_private_events(key)) {
      auto e = vu::decode_frame(ctx_, frame, now_);
      EXPECT_TRUE(e) << frame;
      if (e)
        out.push_back(*e);
    }
    return out;
  }

  /// House quotes on KRW-BTC: bids 99,999,000 / 99,998,000, asks
  /// 100,000,000 / 100,001,000, 0.5 BTC each.
  void quote_btc() {
    venue_.set_book(
      "KRW-BTC", {{px("99999000"), qty("0.5")}, {px("99998000"), qty("0.5")}},
      {{px("100000000"), qty("0.5")}, {px("100001000"), qty("0.5")}}, now_);
  }

  /// Returns the account's holding of `currency`.
  holding held(std::string_view key, std::string_view currency) const {
    return venue_.state().balances().get(key, currency);
  }

  upbit_venue venue_;
  timestamp now_ = from_unix_ms(1'751'608'800'000);
  vu::json_context ctx_;
  std::uint64_t nonce_seq_ = 0;
};

} // namespace tandem::sim::upbit::test
