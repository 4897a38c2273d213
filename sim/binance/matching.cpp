// binance_venue: matching client orders, applying trades to orders and
// accounts, and queuing the user-stream events. State is changed first,
// events are queued after, so a frame never shows a half-applied trade.
#include "sim/binance/binance_venue.hpp"

#include "sim/binance/frames.hpp"

#include <algorithm>

namespace tandem::sim::binance {

namespace {

tandem::time_in_force book_tif(wire::time_in_force t) {
  switch (t) {
    case wire::time_in_force::gtc: return tandem::time_in_force::gtc;
    case wire::time_in_force::ioc: return tandem::time_in_force::ioc;
    case wire::time_in_force::fok: return tandem::time_in_force::fok;
    case wire::time_in_force::gtx: return tandem::time_in_force::gtc;
    case wire::time_in_force::gtd: return tandem::time_in_force::gtc;
  }
  return tandem::time_in_force::gtc;
}

} // namespace

void binance_venue::emit_order(const order_record& o, wire::execution_type x,
                               std::int64_t now_ms, expire_reason why,
                               const fill_info* fill) {
  auto sym = find_symbol(o.symbol);
  if (!sym)
    return;
  auto [bids, asks] = open_notional(o.account, o.symbol);
  order_event_info e;
  e.execution = x;
  if (fill)
    e.fill = *fill;
  e.reason = why;
  e.bids_notional = bids;
  e.asks_notional = asks;
  e.event_ms = now_ms;
  e.fee_asset = cfg_.margin_asset;
  streams_.push(o.account, order_trade_update_frame(o, sym->cfg, e));
}

void binance_venue::emit_account(account_state& a, const symbol_state& sym,
                                 std::int64_t now_ms) {
  auto& p = a.position(sym.cfg);
  streams_.push(a.config.api_key,
                account_update_frame(cfg_.margin_asset, a.wallet, sym.cfg, p,
                                     unrealized_pnl(p, mark_price(sym)),
                                     now_ms));
}

void binance_venue::close_order(order_record& o, wire::order_status status,
                                std::int64_t now_ms, expire_reason why) {
  if (auto sym = find_symbol(o.symbol)) {
    if (sym->book.cancel(o.id))
      ++sym->update_id;
  }
  o.status = status;
  o.update_ms = now_ms;
  emit_order(o,
             status == wire::order_status::canceled
               ? wire::execution_type::canceled
               : wire::execution_type::expired,
             now_ms, why);
}

void binance_venue::apply_trade(symbol_state& sym, const trade& t,
                                std::int64_t now_ms) {
  sym.last_trade = t.px;
  ++sym.update_id;
  struct leg {
    std::uint64_t order_id;
    const std::string& account;
    bool maker;
  };
  const leg legs[] = {{t.maker_id, t.maker_account, true},
                      {t.taker_id, t.taker_account, false}};
  for (const auto& l : legs) {
    auto acct = accounts_.find(l.account);
    auto ord = orders_.find(l.order_id);
    if (acct == accounts_.end() || ord == orders_.end())
      continue; // the house: no account, no events
    auto& o = ord->second;
    auto notional = mul<money>(t.px, t.qty, rounding::down);
    o.executed += t.qty;
    o.cum_quote += notional ? *notional : money::zero();
    o.status = o.open_qty().is_zero() ? wire::order_status::filled
                                      : wire::order_status::partially_filled;
    o.update_ms = now_ms;
    auto effect = acct->second.apply_fill(
      sym.cfg, o.side, t.px, t.qty, l.maker ? cfg_.fees.maker : cfg_.fees.taker,
      now_ms);
    fill_info f{t.trade_id, t.px, t.qty, l.maker, effect.fee, effect.realized};
    emit_order(o, wire::execution_type::trade, now_ms, expire_reason::none, &f);
    emit_account(acct->second, sym, now_ms);
  }
}

void binance_venue::execute(symbol_state& sym, order_record& o,
                            std::int64_t now_ms) {
  emit_order(o, wire::execution_type::new_, now_ms);
  book_order b;
  b.id = o.id;
  b.account = o.account;
  b.s = o.side;
  b.limit = o.limit;
  b.tif = book_tif(o.tif);
  b.qty = o.qty;
  auto cap = faults_.fill_cap();
  std::optional<quantity> reduce_cap;
  if (o.reduce_only) {
    auto& p = accounts_.find(o.account)->second.position(sym.cfg);
    reduce_cap = p.qty.is_negative() ? -p.qty : p.qty;
    cap = cap ? std::min(*cap, *reduce_cap) : *reduce_cap;
  }
  auto r = sym.book.submit(std::move(b), cap);
  if (r.outcome == match_outcome::rested)
    ++sym.update_id;
  for (const auto& t : r.trades)
    apply_trade(sym, t, now_ms);
  switch (r.outcome) {
    case match_outcome::filled:
    case match_outcome::rested: break;
    case match_outcome::remainder_canceled:
    case match_outcome::killed: {
      auto why = o.type == wire::order_type::market ? expire_reason::market
                                                    : expire_reason::ioc;
      if (reduce_cap && o.qty > *reduce_cap)
        why = expire_reason::reduce_only;
      close_order(o, wire::order_status::expired, now_ms, why);
      break;
    }
    case match_outcome::self_trade_prevented:
      close_order(o, wire::order_status::expired_in_match, now_ms,
                  expire_reason::stp);
      break;
  }
}

} // namespace tandem::sim::binance
