// Shared test helpers for the journal suites: a temporary directory, one
// record of every kind (with every optional field set, and a sparse twin),
// and a field-by-field comparison of records.
#pragma once

#include "journal/records.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace tandem::journal::testing {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class temp_dir {
 public:
  temp_dir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl
      = std::string{base != nullptr ? base : "/tmp"} + "/tandem-journal-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr)
      std::abort();
    path_ = tmpl;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

inline client_order_id cid(std::string_view s) {
  return *client_order_id::make(s);
}

inline timestamp at_ns(std::int64_t ns) {
  return timestamp{std::chrono::nanoseconds{ns}};
}

inline record rec(payload p, std::int64_t ts_ns = 1'736'000'000'123'456'789) {
  return record{0, at_ns(ts_ns), std::move(p)};
}

inline order_intent intent(std::string_view id, venue v, std::string symbol,
                           side s, const char* qty, const char* px,
                           std::string pair_id = "",
                           std::string signal_id = "") {
  order_intent x;
  x.request.id = cid(id);
  x.request.venue = v;
  x.request.symbol = std::move(symbol);
  x.request.side = s;
  x.request.type = order_type::limit;
  x.request.tif = time_in_force::gtc;
  x.request.qty = quantity::must_parse(qty);
  x.request.limit_price = price::must_parse(px);
  x.pair_id = std::move(pair_id);
  x.signal_id = std::move(signal_id);
  return x;
}

inline fill make_fill(std::string_view id, std::string trade_id, venue v,
                      std::string symbol, side s, const char* qty,
                      const char* px, const char* fee = "0") {
  fill f;
  f.order_id = cid(id);
  f.trade_id = std::move(trade_id);
  f.venue = v;
  f.symbol = std::move(symbol);
  f.side = s;
  f.qty = quantity::must_parse(qty);
  f.px = price::must_parse(px);
  f.fee = money::must_parse(fee);
  f.liquidity = liquidity::taker;
  f.ts = at_ns(1'736'000'000'500'000'000);
  return f;
}

inline venues::order_update update(std::string_view id, venue v,
                                   std::string symbol, order_event e,
                                   const char* order_qty, const char* cum_qty,
                                   std::string venue_order_id = "") {
  venues::order_update u;
  u.venue = v;
  u.symbol = std::move(symbol);
  u.id = cid(id);
  u.venue_order_id = std::move(venue_order_id);
  u.event = e;
  u.side = side::buy;
  u.order_qty = quantity::must_parse(order_qty);
  u.cum_qty = quantity::must_parse(cum_qty);
  u.venue_ts = at_ns(1'736'000'000'200'000'000);
  return u;
}

/// One record of every kind, every optional set, awkward text included
/// (quotes, commas, newlines, non-ASCII), extreme decimals.
inline std::vector<record> every_kind() {
  std::vector<record> out;
  auto in = intent("tdm-a1-1", venue::binance, "BTCUSDT", side::sell,
                   "0.00100000", "97123.45", "pair-1", "sig-1");
  in.request.type = order_type::trailing_stop;
  in.request.tif = time_in_force::gtd;
  in.request.expire_at = at_ns(1'736'000'060'000'000'000);
  in.request.reduce_only = true;
  in.request.stop_price = price::must_parse("96000.5");
  in.request.trailing_amount = price::must_parse("0.00000001");
  in.request.trailing_rate = rate::must_parse("0.0000000001");
  out.push_back(rec(in, 1));

  auto u = update("tdm-a1-1", venue::binance, "BTCUSDT",
                  order_event::partial_fill, "0.001", "0.0004", "8389765");
  u.side = side::sell;
  u.avg_px = price::must_parse("97123.45");
  u.last_fill = make_fill("tdm-a1-1", "t-77", venue::binance, "BTCUSDT",
                          side::sell, "0.0004", "97123.45", "-0.01942469");
  u.reason = venues::venue_error::insufficient_funds;
  out.push_back(rec(u, 2));

  auto f = make_fill("tdm-a1-1", "t-77", venue::binance, "BTCUSDT", side::sell,
                     "0.0004", "97123.45", "0.01942469");
  f.liquidity = liquidity::maker;
  out.push_back(rec(f, 3));

  out.push_back(rec(signal_processed{"sig-1"}, 4));
  out.push_back(rec(pair_decision{"pair-1", pair_state::escalated,
                                  "leg upbit \"rejected\", rollback\nfailed"},
                    5));
  out.push_back(rec(risk_veto{cid("tdm-a1-2"), "pair-2", "sig-2",
                              "MAX_NOTIONAL", "limit=1000000 notional=1.5e6"},
                    6));
  out.push_back(rec(halt_set{"position mismatch: 0.01 BTC", "reconcile"}, 7));
  out.push_back(rec(halt_cleared{"checked by hand", "jisoo"}, 8));
  out.push_back(rec(operator_command{"jisoo", "set_param", "kimchi.entry_bps",
                                     "45", "50, then 55 \xea\xb9\x80"},
                    9));
  out.push_back(rec(reconcile_note{venue::upbit, "KRW-BTC", cid("tdm-a1-3"),
                                   "ADOPTED", "status=accepted cum=0"},
                    10));
  // Sparse twins: optionals absent, extremes of the fixed-point range.
  auto bare = intent("tdm-a1-4", venue::upbit, "KRW-BTC", side::buy,
                     "92233720368.54775807", "0.00000001");
  bare.request.type = order_type::market;
  bare.request.limit_price.reset();
  out.push_back(rec(bare, -5));
  auto u2 = update("tdm-a1-4", venue::upbit, "KRW-BTC", order_event::accepted,
                   "1", "0");
  out.push_back(rec(u2, 0));
  auto f2 = make_fill("tdm-a1-4", "", venue::upbit, "KRW-BTC", side::buy, "1",
                      "1", "-92233720368.54775808");
  f2.liquidity = liquidity::unknown;
  out.push_back(rec(f2, 12));
  out.push_back(rec(risk_veto{std::nullopt, "", "", "DAILY_LOSS", ""}, 13));
  out.push_back(rec(
    reconcile_note{venue::ibkr, "AAPL", std::nullopt, "FOREIGN_IGNORED", ""},
    14));
  return out;
}

// -- field-by-field comparison ----------------------------------------------

inline void expect_same(const order_request& a, const order_request& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.venue, b.venue);
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.side, b.side);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.tif, b.tif);
  EXPECT_EQ(a.expire_at.has_value(), b.expire_at.has_value());
  if (a.expire_at && b.expire_at) {
    EXPECT_EQ(a.expire_at->time_since_epoch().count(),
              b.expire_at->time_since_epoch().count());
  }
  EXPECT_EQ(a.reduce_only, b.reduce_only);
  EXPECT_EQ(a.qty, b.qty);
  EXPECT_EQ(a.limit_price, b.limit_price);
  EXPECT_EQ(a.stop_price, b.stop_price);
  EXPECT_EQ(a.trailing_amount, b.trailing_amount);
  EXPECT_EQ(a.trailing_rate, b.trailing_rate);
}

inline void expect_same(const fill& a, const fill& b) {
  EXPECT_EQ(a.order_id, b.order_id);
  EXPECT_EQ(a.trade_id, b.trade_id);
  EXPECT_EQ(a.venue, b.venue);
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.side, b.side);
  EXPECT_EQ(a.qty, b.qty);
  EXPECT_EQ(a.px, b.px);
  EXPECT_EQ(a.fee, b.fee);
  EXPECT_EQ(a.liquidity, b.liquidity);
  EXPECT_EQ(a.ts.time_since_epoch().count(), b.ts.time_since_epoch().count());
}

inline void expect_same(const order_intent& a, const order_intent& b) {
  expect_same(a.request, b.request);
  EXPECT_EQ(a.pair_id, b.pair_id);
  EXPECT_EQ(a.signal_id, b.signal_id);
}

inline void expect_same(const venues::order_update& a,
                        const venues::order_update& b) {
  EXPECT_EQ(a.venue, b.venue);
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.venue_order_id, b.venue_order_id);
  EXPECT_EQ(a.event, b.event);
  EXPECT_EQ(a.side, b.side);
  EXPECT_EQ(a.order_qty, b.order_qty);
  EXPECT_EQ(a.cum_qty, b.cum_qty);
  EXPECT_EQ(a.avg_px, b.avg_px);
  ASSERT_EQ(a.last_fill.has_value(), b.last_fill.has_value());
  if (a.last_fill) {
    expect_same(*a.last_fill, *b.last_fill);
  }
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.venue_ts.time_since_epoch().count(),
            b.venue_ts.time_since_epoch().count());
}

inline void expect_same(const signal_processed& a, const signal_processed& b) {
  EXPECT_EQ(a.signal_id, b.signal_id);
}

inline void expect_same(const pair_decision& a, const pair_decision& b) {
  EXPECT_EQ(a.pair_id, b.pair_id);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.text, b.text);
}

inline void expect_same(const risk_veto& a, const risk_veto& b) {
  EXPECT_EQ(a.order_id, b.order_id);
  EXPECT_EQ(a.pair_id, b.pair_id);
  EXPECT_EQ(a.signal_id, b.signal_id);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.detail, b.detail);
}

template<class Halt>
void expect_same_halt(const Halt& a, const Halt& b) {
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.who, b.who);
}
inline void expect_same(const halt_set& a, const halt_set& b) {
  expect_same_halt(a, b);
}
inline void expect_same(const halt_cleared& a, const halt_cleared& b) {
  expect_same_halt(a, b);
}

inline void expect_same(const operator_command& a, const operator_command& b) {
  EXPECT_EQ(a.who, b.who);
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.old_value, b.old_value);
  EXPECT_EQ(a.new_value, b.new_value);
}

inline void expect_same(const reconcile_note& a, const reconcile_note& b) {
  EXPECT_EQ(a.venue, b.venue);
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.order_id, b.order_id);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.detail, b.detail);
}

/// Compares kind, timestamp and every payload field (not seq).
inline void expect_same(const record& a, const record& b) {
  SCOPED_TRACE("record kind " + std::string{to_string(kind_of(a.body))});
  ASSERT_EQ(a.body.index(), b.body.index());
  EXPECT_EQ(a.ts.time_since_epoch().count(), b.ts.time_since_epoch().count());
  std::visit(
    [&b](const auto& x) {
      using T = std::decay_t<decltype(x)>;
      expect_same(x, std::get<T>(b.body));
    },
    a.body);
}

} // namespace tandem::journal::testing
