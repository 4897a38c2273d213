#include "sim/upbit/exchange.hpp"

#include "sim/upbit/order_json.hpp"

#include <algorithm>

namespace tandem::sim::upbit {

namespace {

constexpr std::string_view krw = "KRW";

refusal side_error(std::string_view prefix, bool bid, std::string message) {
  return refusal{400, std::string{prefix} + side_suffix(bid),
                 std::move(message)};
}

refusal create_error(bool bid, std::string message) {
  return refusal{400, std::string{"create_"} + side_suffix(bid) + "_error",
                 std::move(message)};
}

refusal not_found() {
  return refusal{404, "order_not_found", "주문을 찾지 못했습니다."};
}

money as_money(quantity q) { return money::from_raw(q.raw()); }

} // namespace

exchange::exchange(const venue_config& cfg)
  : cfg_(cfg), ledger_(cfg_), uuids_(cfg_.seed) {
  for (const auto& m : cfg_.markets) {
    auto& st = markets_[m.code];
    st.cfg = &m;
    st.last_px = st.open_px = st.high_px = st.low_px = m.reference_price;
  }
}

market_state* exchange::market_mut(std::string_view code) {
  auto it = markets_.find(code);
  return it == markets_.end() ? nullptr : &it->second;
}

const market_state* exchange::market(std::string_view code) const {
  auto it = markets_.find(code);
  return it == markets_.end() ? nullptr : &it->second;
}

// -- placing ------------------------------------------------------------------

std::optional<refusal>
exchange::check_funds_and_book(const order_intent& in, const market_state& m,
                               money& lock_amount, money& reserved_fee) const {
  const auto too_large = validation_error("order total out of range");
  const auto best_bid = m.book.best_bid();
  const auto best_ask = m.book.best_ask();
  // The KRW total the minimum applies to; sells are valued at the best bid.
  money total;
  switch (in.kind) {
    case order_kind::limit: {
      auto t = mul<money>(*in.limit_px, *in.volume, rounding::up);
      if (!t)
        return too_large;
      total = *t;
      break;
    }
    case order_kind::price: total = *in.amount; break;
    case order_kind::market:
    case order_kind::best: {
      if (in.bid) {
        total = *in.amount;
        break;
      }
      auto t
        = mul<money>(best_bid.value_or(m.last_px), *in.volume, rounding::down);
      if (!t)
        return too_large;
      total = *t;
      break;
    }
  }
  if (total < cfg_.min_total)
    return side_error("under_min_total_", in.bid,
                      "minimum order total is " + cfg_.min_total.to_string()
                        + " KRW");

  // Market orders larger than the top 30 levels are refused (reference A3,
  // changelog 2025-05-07; the error name is UNCONFIRMED).
  if (in.kind == order_kind::price) {
    money depth;
    for (const auto& [px, qty] : m.book.levels(side::sell, cfg_.book_levels))
      if (auto f = mul<money>(px, qty, rounding::down))
        depth += *f;
    if (*in.amount > depth)
      return create_error(true, "market buy exceeds the asks on levels 1-30");
  }
  if (in.kind == order_kind::market) {
    quantity depth;
    for (const auto& [px, qty] : m.book.levels(side::buy, cfg_.book_levels))
      depth += qty;
    if (*in.volume > depth)
      return create_error(false, "market sell exceeds the bids on levels 1-30");
  }
  if (in.kind == order_kind::best && !(in.bid ? best_ask : best_bid))
    return create_error(in.bid, "no best price to trade at");

  if (in.bid) {
    auto fee = mul<money>(total, cfg_.bid_fee, rounding::up);
    if (!fee)
      return too_large;
    reserved_fee = *fee;
    auto lock = checked_add(total, *fee);
    if (!lock)
      return too_large;
    lock_amount = *lock;
  } else {
    reserved_fee = money::zero();
    lock_amount = as_money(*in.volume);
  }
  return std::nullopt;
}

result<sim_order, refusal> exchange::place(const std::string& account,
                                           const params& p, timestamp now,
                                           faults& f) {
  // The identifier is burnt first: unique forever, even for failed orders.
  std::pair<std::string, std::string> id_key{account, ""};
  if (auto ident = p.get("identifier"); ident && !ident->empty()) {
    id_key.second = std::string{*ident};
    if (identifiers_.count(id_key) != 0)
      return failure{
        refusal{400, "duplicate_identifier", "identifier is already used"}};
    identifiers_[id_key] = "";
  }
  if (f.reject_orders > 0) {
    --f.reject_orders;
    return failure{
      refusal{f.reject_status, f.reject_name, "rejected by fault injection"}};
  }
  auto in = read_order_intent(p, cfg_);
  if (!in)
    return failure{in.error()};
  auto& m = *market_mut(in->market->code);
  money lock;
  money reserved;
  if (auto r = check_funds_and_book(*in, m, lock, reserved))
    return failure{*r};
  const std::string currency = in->bid ? std::string{krw} : m.cfg->base;
  if (!ledger_.lock(account, currency, lock))
    return failure{
      side_error("insufficient_funds_", in->bid,
                 "주문가능한 금액(" + currency + ")이 부족합니다.")};

  sim_order o;
  o.uuid = uuids_.next();
  o.account = account;
  o.market = m.cfg->code;
  o.base = m.cfg->base;
  o.bid = in->bid;
  o.kind = in->kind;
  o.tif = in->tif;
  o.smp_type = in->smp_type;
  o.identifier = id_key.second;
  o.limit_px = in->limit_px;
  o.amount = in->amount;
  o.volume = in->volume;
  o.reserved_fee = reserved;
  o.locked = lock;
  o.created = now;
  o.seq = next_seq_++;
  if (!id_key.second.empty())
    identifiers_[id_key] = o.uuid;
  auto& stored = orders_.emplace(o.uuid, o).first->second;
  emit(account, my_order_frame(stored, nullptr, now));
  execute(stored, m, now, f.max_fill_per_match);
  for (const auto& a : cfg_.accounts)
    flush_assets(a.access_key, now);
  return o;
}

void exchange::execute(sim_order& o, market_state& m, timestamp now,
                       std::optional<quantity> cap) {
  book_order b;
  b.id = next_book_id_++;
  b.account = o.account;
  b.s = o.bid ? side::buy : side::sell;
  b.tif = time_in_force::gtc;
  if (o.tif == order_tif::ioc)
    b.tif = time_in_force::ioc;
  if (o.tif == order_tif::fok)
    b.tif = time_in_force::fok;
  switch (o.kind) {
    case order_kind::limit: {
      b.limit = o.limit_px;
      b.qty = *o.volume;
      const auto opp = o.bid ? m.book.best_ask() : m.book.best_bid();
      const bool crosses
        = opp && (o.bid ? *opp <= *o.limit_px : *opp >= *o.limit_px);
      if (o.tif == order_tif::post_only && crosses) {
        finish(o, order_status::cancel, now); // would take: canceled
        return;
      }
      break;
    }
    case order_kind::market:
      b.tif = time_in_force::ioc;
      b.qty = *o.volume;
      break;
    case order_kind::price: {
      // Walks the asks with the KRW budget; the fee is on top of it.
      money left = *o.amount;
      quantity qty;
      std::optional<price> worst;
      for (const auto& [px, lvl] :
           m.book.levels(side::sell, cfg_.book_levels)) {
        auto afford = div<quantity>(left, px, rounding::down);
        if (!afford || afford->is_zero())
          break;
        auto take = std::min(*afford, lvl);
        auto spent = mul<money>(px, take, rounding::up);
        if (!spent)
          break;
        left -= *spent;
        qty += take;
        worst = px;
      }
      if (qty.is_zero()) {
        finish(o, order_status::cancel, now);
        return;
      }
      b.tif = time_in_force::ioc;
      b.limit = worst;
      b.qty = qty;
      break;
    }
    case order_kind::best: {
      const auto px = o.bid ? *m.book.best_ask() : *m.book.best_bid();
      o.limit_px = px;
      b.limit = px;
      if (o.bid) {
        auto q = div<quantity>(*o.amount, px, rounding::down);
        b.qty = q ? *q : quantity::zero();
      } else {
        b.qty = *o.volume;
      }
      if (b.qty.is_zero()) {
        finish(o, order_status::cancel, now);
        return;
      }
      break;
    }
  }
  o.book_id = b.id;
  by_book_id_[b.id] = o.uuid;
  auto r = m.book.submit(b, cap);
  for (const auto& t : r.trades)
    settle(t, m, now);
  switch (r.outcome) {
    case match_outcome::filled: finish(o, order_status::done, now); break;
    case match_outcome::rested: break;
    case match_outcome::remainder_canceled:
    case match_outcome::killed:
    case match_outcome::self_trade_prevented:
      finish(o, order_status::cancel, now);
      break;
  }
}

// -- settling -----------------------------------------------------------------

void exchange::settle(const trade& t, market_state& m, timestamp now) {
  m.last_px = t.px;
  m.last_qty = t.qty;
  m.last_trade_ts = now;
  m.high_px = std::max(m.high_px, t.px);
  m.low_px = std::min(m.low_px, t.px);
  m.acc_volume += t.qty;
  if (auto f = mul<money>(t.px, t.qty, rounding::half_even))
    m.acc_funds += *f;
  const std::string trade_uuid = uuids_.next();
  sim_order* maker = nullptr;
  for (auto [id, is_maker] :
       {std::pair{t.maker_id, true}, std::pair{t.taker_id, false}}) {
    auto it = by_book_id_.find(id);
    if (it == by_book_id_.end())
      continue; // the house: no balances, no events
    auto& o = orders_.at(it->second);
    fill_order(o, t, trade_uuid, is_maker, now);
    if (is_maker)
      maker = &o;
  }
  if (maker && maker->remaining_volume()
      && maker->remaining_volume()->is_zero())
    finish(*maker, order_status::done, now);
}

money exchange::bid_hold(const sim_order& o) const {
  money budget_left;
  if (o.sized_in_krw()) {
    if (o.executed_funds < *o.amount)
      budget_left = *o.amount - o.executed_funds;
  } else if (auto rem = o.remaining_volume()) {
    auto b = mul<money>(*o.limit_px, *rem, rounding::up);
    if (b)
      budget_left = *b;
  }
  return budget_left + o.remaining_fee();
}

void exchange::fill_order(sim_order& o, const trade& t,
                          const std::string& trade_uuid, bool is_maker,
                          timestamp now) {
  const money funds
    = mul<money>(t.px, t.qty, rounding::half_even).value_or(money::zero());
  const money fee
    = mul<money>(funds, o.bid ? cfg_.bid_fee : cfg_.ask_fee, rounding::down)
        .value_or(money::zero());
  o.executed += t.qty;
  o.executed_funds += funds;
  o.paid_fee += fee;
  o.trades.push_back(
    sim_trade{trade_uuid, t.px, t.qty, funds, fee, is_maker, now});
  if (o.bid) {
    const money hold = bid_hold(o);
    const money released = o.locked > hold ? o.locked - hold : money::zero();
    const money cost = funds + fee;
    ledger_.spend_locked(o.account, krw, cost);
    if (released > cost)
      ledger_.unlock(o.account, krw, released - cost);
    o.locked = hold;
    ledger_.credit(o.account, o.base, as_money(t.qty));
    ledger_.note_buy(o.account, o.base, as_money(t.qty), funds);
  } else {
    ledger_.spend_locked(o.account, o.base, as_money(t.qty));
    o.locked -= as_money(t.qty);
    ledger_.credit(o.account, krw, funds - fee);
  }
  emit(o.account, my_order_frame(o, &o.trades.back(), now));
}

void exchange::finish(sim_order& o, order_status s, timestamp now) {
  if (o.status != order_status::wait)
    return;
  if (o.book_id != 0) {
    if (auto* m = market_mut(o.market))
      m->book.cancel(o.book_id);
    by_book_id_.erase(o.book_id);
  }
  o.status = s;
  ledger_.unlock(o.account, o.bid ? krw : std::string_view{o.base}, o.locked);
  o.locked = money::zero();
  emit(o.account, my_order_frame(o, nullptr, now));
}

// -- cancel and queries -------------------------------------------------------

result<const sim_order*, refusal> exchange::lookup(const std::string& account,
                                                   const params& p) const {
  auto uuid = p.get("uuid");
  auto ident = p.get("identifier");
  if (!uuid && !ident)
    return failure{validation_error("uuid or identifier is required")};
  std::string found;
  if (uuid) {
    found = std::string{*uuid};
  } else {
    auto it = identifiers_.find({account, std::string{*ident}});
    if (it == identifiers_.end())
      return failure{not_found()};
    found = it->second;
  }
  auto it = orders_.find(found);
  if (it == orders_.end() || it->second.account != account)
    return failure{not_found()};
  return &it->second;
}

result<const sim_order*, refusal> exchange::find(const std::string& account,
                                                 const params& p) const {
  return lookup(account, p);
}

result<sim_order, refusal> exchange::cancel(const std::string& account,
                                            const params& p, timestamp now) {
  auto found = lookup(account, p);
  if (!found)
    return failure{found.error()};
  if ((*found)->status != order_status::wait)
    return failure{not_found()};
  sim_order before = **found;
  finish(orders_.at(before.uuid), order_status::cancel, now);
  flush_assets(account, now);
  return before;
}

std::vector<sim_order>
exchange::cancel_many(const std::string& account,
                      const std::vector<std::string>& uuids, timestamp now) {
  std::vector<sim_order> out;
  for (const auto& uuid : uuids) {
    auto it = orders_.find(uuid);
    if (it == orders_.end() || it->second.account != account
        || it->second.status != order_status::wait)
      continue;
    out.push_back(it->second);
    finish(it->second, order_status::cancel, now);
  }
  if (!out.empty())
    flush_assets(account, now);
  return out;
}

std::vector<const sim_order*>
exchange::open_orders(const std::string& account,
                      std::string_view market) const {
  std::vector<const sim_order*> out;
  for (const auto& [uuid, o] : orders_)
    if (o.account == account && o.status == order_status::wait
        && (market.empty() || o.market == market))
      out.push_back(&o);
  std::sort(out.begin(), out.end(), [](const sim_order* a, const sim_order* b) {
    return a->seq > b->seq;
  });
  return out;
}

// -- market maker and events --------------------------------------------------

void exchange::set_book(std::string_view market,
                        const std::vector<quote_level>& bids,
                        const std::vector<quote_level>& asks, timestamp now) {
  auto* m = market_mut(market);
  if (!m)
    return;
  for (auto id : m->house_ids)
    m->book.cancel(id);
  m->house_ids.clear();
  auto quote = [&](side s, const quote_level& l) {
    book_order b;
    b.id = next_book_id_++;
    b.account = cfg_.house_account;
    b.s = s;
    b.limit = l.px;
    b.qty = l.qty;
    auto r = m->book.submit(b);
    for (const auto& t : r.trades)
      settle(t, *m, now);
    if (r.outcome == match_outcome::rested)
      m->house_ids.insert(b.id);
  };
  for (const auto& l : bids)
    quote(side::buy, l);
  for (const auto& l : asks)
    quote(side::sell, l);
  for (const auto& a : cfg_.accounts)
    flush_assets(a.access_key, now);
}

void exchange::emit(const std::string& account, std::string frame) {
  if (is_house(account))
    return;
  events_[account].push_back(std::move(frame));
}

void exchange::flush_assets(const std::string& account, timestamp now) {
  auto changed = ledger_.take_changes(account);
  if (changed.empty())
    return;
  std::vector<std::pair<std::string, holding>> assets;
  for (auto& c : changed)
    assets.emplace_back(c, ledger_.get(account, c));
  emit(account, my_asset_frame(assets, uuids_.next(), now));
}

std::vector<std::string> exchange::drain(std::string_view account) {
  std::vector<std::string> out;
  auto it = events_.find(account);
  if (it == events_.end())
    return out;
  out.assign(std::make_move_iterator(it->second.begin()),
             std::make_move_iterator(it->second.end()));
  it->second.clear();
  return out;
}

} // namespace tandem::sim::upbit
