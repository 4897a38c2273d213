#include "arbitrage/kimchi_rules.hpp"

#include <chrono>

namespace tandem::arbitrage {

namespace {

bool valid_fee(rate f) noexcept {
  return !f.is_negative() && f.raw() < rate::unit;
}

/// BTC the book offers within `limit` for a taker on `s`: the fresh depth
/// snapshot when there is one, else the top level's size.
quantity available(const quote_board& board, const instrument& i, side s,
                   price limit, const venues::book_top& top, timestamp now,
                   std::chrono::nanoseconds max_age) {
  if (board.depth_fresh(i.venue, i.symbol, now, max_age)) {
    const auto& d = board.depth(i.venue, i.symbol)->book;
    return depth_within(s == side::buy ? d.asks : d.bids, s, limit);
  }
  return s == side::buy ? top.ask_qty : top.bid_qty;
}

} // namespace

std::string_view to_string(strategy_state s) noexcept {
  switch (s) {
    case strategy_state::flat: return "flat";
    case strategy_state::entering: return "entering";
    case strategy_state::hedged: return "hedged";
    case strategy_state::exiting: return "exiting";
  }
  return "unknown";
}

std::string_view to_string(decision d) noexcept {
  switch (d) {
    case decision::signalled: return "signalled";
    case decision::busy: return "busy";
    case decision::missing_quote: return "missing_quote";
    case decision::stale_quote: return "stale_quote";
    case decision::bad_book: return "bad_book";
    case decision::below_threshold: return "below_threshold";
    case decision::holding: return "holding";
    case decision::size_refused: return "size_refused";
    case decision::price_error: return "price_error";
  }
  return "unknown";
}

result<price, arbitrage_error> marketable_limit(const instrument& i, side s,
                                                price top,
                                                std::int64_t slippage_bps) {
  if (!top.is_positive())
    return failure{arbitrage_error::non_positive_price};
  if (slippage_bps < 0 || slippage_bps >= 10'000)
    return failure{arbitrage_error::bad_params};
  const auto slip = to_rate(whole_bps(slippage_bps)).raw();
  const bool buy = s == side::buy;
  auto factor = rate::from_raw(buy ? rate::unit + slip : rate::unit - slip);
  auto raw = mul<price>(top, factor, buy ? rounding::down : rounding::up);
  if (!raw)
    return failure{arbitrage_error::overflow};
  auto rounded = round_price(i, *raw, s);
  if (!rounded)
    return failure{arbitrage_error::overflow};
  if (!rounded->is_positive())
    return failure{arbitrage_error::non_positive_price};
  return *rounded;
}

result<kimchi_rules, arbitrage_error>
kimchi_rules::make(kimchi_params p, signal_id_generator ids) {
  const auto& c = p.cfg;
  if (c.entry_bps <= c.exit_bps || c.max_quote_age_ms <= 0
      || c.max_holding_s <= 0 || !c.order_qty.is_positive())
    return failure{arbitrage_error::bad_params};
  if (p.upbit.venue != venue::upbit || p.upbit.symbol != c.upbit_symbol
      || p.binance.venue != venue::binance
      || p.binance.symbol != c.binance_symbol)
    return failure{arbitrage_error::bad_params};
  if (!valid_fee(p.fees.upbit) || !valid_fee(p.fees.binance))
    return failure{arbitrage_error::bad_fee};
  if (p.cfg.leg_slippage_bps < 0 || p.cfg.leg_slippage_bps >= 10'000)
    return failure{arbitrage_error::bad_params};
  auto lot = common_lot(p.upbit.lot, p.binance.lot);
  if (!lot)
    return failure{lot.error()};
  return kimchi_rules{std::move(p), std::move(ids), *lot};
}

kimchi_rules::kimchi_rules(kimchi_params p, signal_id_generator ids,
                           quantity lot)
  : p_(std::move(p)), ids_(std::move(ids)), lot_(lot) {}

std::optional<pair_signal> kimchi_rules::fail(decision d) noexcept {
  last_decision_ = d;
  return std::nullopt;
}

std::optional<pair_signal> kimchi_rules::evaluate(const quote_board& board,
                                                  timestamp now, quantity cap) {
  last_refusal_.reset();
  if (state_ == strategy_state::entering || state_ == strategy_state::exiting)
    return fail(decision::busy);
  const auto& c = p_.cfg;
  const auto* up = board.top(venue::upbit, c.upbit_symbol);
  const auto* bn = board.top(venue::binance, c.binance_symbol);
  const auto* fx = board.top(venue::upbit, c.usdt_krw_symbol);
  if (!up || !bn || !fx)
    return fail(decision::missing_quote);
  const std::chrono::milliseconds age{c.max_quote_age_ms};
  if (!is_fresh(up->recv_ts, now, age) || !is_fresh(bn->recv_ts, now, age)
      || !is_fresh(fx->recv_ts, now, age))
    return fail(decision::stale_quote);
  if (!is_sane(*up) || !is_sane(*bn) || !is_sane(*fx))
    return fail(decision::bad_book);
  auto k = state_ == strategy_state::flat ? pair_kind::entry : pair_kind::exit;
  return decide(k, *up, *bn, *fx, board, now, cap);
}

std::optional<pair_signal>
kimchi_rules::decide(pair_kind k, const venues::book_top& up,
                     const venues::book_top& bn, const venues::book_top& fx,
                     const quote_board& board, timestamp now, quantity cap) {
  const auto& c = p_.cfg;
  auto prices = select_prices(k, up, bn, fx);
  auto prem = premium(k, prices, p_.fees);
  if (!prem)
    return fail(decision::price_error);
  last_premium_ = *prem;
  signal_cause cause;
  if (k == pair_kind::entry) {
    if (*prem < whole_bps(c.entry_bps))
      return fail(decision::below_threshold);
    cause = signal_cause::entry_threshold;
  } else if (*prem <= whole_bps(c.exit_bps)) {
    cause = signal_cause::exit_threshold;
  } else if (now - opened_at_ >= std::chrono::seconds{c.max_holding_s}) {
    cause = signal_cause::max_holding;
  } else {
    return fail(decision::holding);
  }
  const auto us = upbit_side(k);
  const auto bs = binance_side(k);
  auto ul = marketable_limit(p_.upbit, us, us == side::buy ? up.ask : up.bid,
                             p_.cfg.leg_slippage_bps);
  auto bl = marketable_limit(p_.binance, bs, bs == side::buy ? bn.ask : bn.bid,
                             p_.cfg.leg_slippage_bps);
  if (!ul || !bl)
    return fail(decision::price_error);
  const std::chrono::milliseconds age{c.max_quote_age_ms};
  sizing_request r;
  r.target = k == pair_kind::entry ? c.order_qty : hedged_qty_;
  r.cap = k == pair_kind::entry ? cap : quantity::max();
  r.upbit = sized_leg{&p_.upbit, *ul,
                      available(board, p_.upbit, us, *ul, up, now, age), false};
  // Binance exits buy back the short: reduce-only.
  r.binance = sized_leg{&p_.binance, *bl,
                        available(board, p_.binance, bs, *bl, bn, now, age),
                        k == pair_kind::exit};
  auto q = size_pair(r);
  if (!q) {
    last_refusal_ = q.error();
    return fail(decision::size_refused);
  }
  pair_signal s;
  s.id = ids_.next();
  s.kind = k;
  s.cause = cause;
  s.premium = *prem;
  s.qty = *q;
  s.upbit_limit = *ul;
  s.binance_limit = *bl;
  s.quoted = prices;
  s.upbit_quote_ts = up.recv_ts;
  s.binance_quote_ts = bn.recv_ts;
  s.usdt_krw_quote_ts = fx.recv_ts;
  s.created = now;
  state_ = k == pair_kind::entry ? strategy_state::entering
                                 : strategy_state::exiting;
  last_decision_ = decision::signalled;
  return s;
}

bool kimchi_rules::on_settled(quantity hedged_qty, timestamp now) noexcept {
  if (state_ != strategy_state::entering && state_ != strategy_state::exiting)
    return false;
  const bool was_entering = state_ == strategy_state::entering;
  // Less than one common lot cannot be exited on both venues: it is dust
  // the settlement reported as residual exposure, not a pair.
  if (hedged_qty < lot_) {
    state_ = strategy_state::flat;
    hedged_qty_ = quantity::zero();
    return true;
  }
  state_ = strategy_state::hedged;
  hedged_qty_ = hedged_qty;
  if (was_entering)
    opened_at_ = now;
  return true;
}

void kimchi_rules::restore(quantity hedged_qty, timestamp opened_at) noexcept {
  if (hedged_qty < lot_) {
    state_ = strategy_state::flat;
    hedged_qty_ = quantity::zero();
    return;
  }
  state_ = strategy_state::hedged;
  hedged_qty_ = hedged_qty;
  opened_at_ = opened_at;
}

} // namespace tandem::arbitrage
