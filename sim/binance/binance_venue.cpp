#include "sim/binance/binance_venue.hpp"

#include "sim/binance/auth.hpp"
#include "sim/binance/frames.hpp"

namespace tandem::sim::binance {

namespace {

// -- request weights (reference B7) -------------------------------------------

std::int64_t weight_0(const params&) { return 0; }
std::int64_t weight_1(const params&) { return 1; }
std::int64_t weight_5(const params&) { return 5; }
std::int64_t weight_10(const params&) { return 10; }
std::int64_t weight_open_orders(const params& p) {
  return p.has("symbol") ? 1 : 40;
}
std::int64_t weight_book_ticker(const params& p) {
  return p.has("symbol") ? 2 : 5;
}
std::int64_t weight_depth(const params& p) {
  auto limit = p.integer("limit");
  auto n = limit && *limit ? **limit : 500;
  if (n <= 50)
    return 2;
  if (n <= 100)
    return 5;
  if (n <= 500)
    return 10;
  return 20;
}

void add_rate_headers(sim_response& r, const rate_limiter& limits,
                      const sim_request& req, const std::string* account,
                      std::int64_t now_ms) {
  r.set_header("X-MBX-USED-WEIGHT-1M",
               std::to_string(limits.used_weight(req.ip, now_ms)));
  if (!account)
    return;
  auto [n10, n60] = limits.order_counts(*account, now_ms);
  r.set_header("X-MBX-ORDER-COUNT-10S", std::to_string(n10));
  r.set_header("X-MBX-ORDER-COUNT-1M", std::to_string(n60));
}

sim_response refused(const rate_refusal& r) {
  auto out = error_response(r.error);
  out.set_header("Retry-After", std::to_string(r.retry_after_s));
  return out;
}

} // namespace

// clang-format off
const std::vector<binance_venue::route>& binance_venue::routes() {
  using m = http_method;
  using s = security;
  using v = binance_venue;
  static const std::vector<route> table{
    // method    path                           security     order  weight              handler
    {m::get,  "/fapi/v1/ping",               s::none,     false, weight_1,           &v::ping},
    {m::get,  "/fapi/v1/time",               s::none,     false, weight_1,           &v::server_time},
    {m::get,  "/fapi/v1/exchangeInfo",       s::none,     false, weight_1,           &v::exchange_info},
    {m::get,  "/fapi/v1/depth",              s::none,     false, weight_depth,       &v::depth},
    {m::get,  "/fapi/v1/ticker/bookTicker",  s::none,     false, weight_book_ticker, &v::book_ticker},
    {m::post, "/fapi/v1/order",              s::signed_,  true,  weight_0,           &v::new_order},   // 0 IP weight, 1 order
    {m::del,  "/fapi/v1/order",              s::signed_,  false, weight_1,           &v::cancel_order},
    {m::get,  "/fapi/v1/order",              s::signed_,  false, weight_1,           &v::query_order},
    {m::get,  "/fapi/v1/openOrders",         s::signed_,  false, weight_open_orders, &v::open_orders},
    {m::del,  "/fapi/v1/allOpenOrders",      s::signed_,  false, weight_1,           &v::cancel_all_open_orders},
    {m::post, "/fapi/v1/countdownCancelAll", s::signed_,  false, weight_10,          &v::countdown_cancel_all},
    {m::post, "/fapi/v1/leverage",           s::signed_,  false, weight_1,           &v::change_leverage},
    {m::get,  "/fapi/v2/positionRisk",       s::signed_,  false, weight_5,           &v::position_risk},
    {m::get,  "/fapi/v3/positionRisk",       s::signed_,  false, weight_5,           &v::position_risk},
    {m::get,  "/fapi/v2/balance",            s::signed_,  false, weight_5,           &v::balances},
    {m::get,  "/fapi/v3/balance",            s::signed_,  false, weight_5,           &v::balances},
    {m::get,  "/fapi/v3/account",            s::signed_,  false, weight_5,           &v::account_info},
    {m::post, "/fapi/v1/listenKey",          s::key_only, false, weight_1,           &v::listen_key_open},
    {m::put,  "/fapi/v1/listenKey",          s::key_only, false, weight_1,           &v::listen_key_keepalive},
    {m::del,  "/fapi/v1/listenKey",          s::key_only, false, weight_1,           &v::listen_key_close},
  };
  return table;
}
// clang-format on

binance_venue::binance_venue(venue_config cfg)
  : cfg_(std::move(cfg)), limits_(cfg_.limits),
    streams_(std::chrono::duration_cast<std::chrono::milliseconds>(
               cfg_.listen_key_validity)
               .count()) {
  for (const auto& s : cfg_.symbols)
    symbols_[s.symbol].cfg = s;
  for (const auto& a : cfg_.accounts) {
    auto& st = accounts_[a.api_key];
    st.config = a;
    st.wallet = a.usdt_balance;
  }
}

sim_response binance_venue::handle(const sim_request& req, timestamp now) {
  tick(now);
  const auto now_ms = to_unix_ms(now);
  const route* rt = nullptr;
  for (const auto& r : routes())
    if (r.path == req.path && r.method == req.method)
      rt = &r;
  auto p = params::parse(req.query, req.body);
  auto weight = rt && p ? rt->weight(*p) : 1;
  if (auto r = limits_.admit_request(req.ip, weight, now_ms)) {
    auto out = refused(*r);
    add_rate_headers(out, limits_, req, nullptr, now_ms);
    return out;
  }
  auto finish = [&](sim_response out, const std::string* account) {
    add_rate_headers(out, limits_, req, account, now_ms);
    return out;
  };
  if (!rt)
    return finish(error_response({404, -5000,
                                  "Path " + req.path + ", Method "
                                    + std::string{venues::to_string(req.method)}
                                    + " is invalid"}),
                  nullptr);
  if (!p)
    return finish(error_response(p.error()), nullptr);
  auto fault = faults_.take_unknown_error();
  if (fault == unknown_outcome::without_apply)
    return finish(error_response(unknown_error()), nullptr);

  account_state* account = nullptr;
  if (rt->sec != security::none) {
    auto a = authenticate_key(req, cfg_.accounts);
    if (!a)
      return finish(error_response(a.error()), nullptr);
    account = &accounts_.find((*a)->api_key)->second;
    if (rt->sec == security::signed_)
      if (auto e = verify_signed(req, *p, account->config, cfg_, now_ms))
        return finish(error_response(*e), nullptr);
  }
  const std::string* counted = nullptr;
  if (rt->counts_as_order) {
    counted = &account->config.api_key;
    if (auto r = limits_.admit_order(req.ip, *counted, now_ms))
      return finish(refused(*r), counted);
  }
  request_ctx ctx{req, *p, now_ms, account};
  auto body = (this->*(rt->fn))(ctx);
  sim_response out
    = body ? ok_response(std::move(*body)) : error_response(body.error());
  if (fault == unknown_outcome::after_apply)
    out = error_response(unknown_error());
  return finish(std::move(out), counted);
}

void binance_venue::tick(timestamp now) {
  const auto now_ms = to_unix_ms(now);
  last_now_ms_ = now_ms;
  // countdownCancelAll: cancel every open order of a symbol whose
  // countdown ran out, then forget the countdown.
  for (auto& [key, a] : accounts_) {
    for (auto it = a.countdowns.begin(); it != a.countdowns.end();) {
      if (now_ms < it->second) {
        ++it;
        continue;
      }
      for (auto& [id, o] : orders_)
        if (o.account == key && o.symbol == it->first && o.is_open())
          close_order(o, wire::order_status::canceled, now_ms,
                      expire_reason::none);
      it = a.countdowns.erase(it);
    }
  }
  for (auto& [id, o] : orders_)
    if (o.is_open() && o.good_till_ms > 0 && now_ms >= o.good_till_ms)
      close_order(o, wire::order_status::expired, now_ms, expire_reason::gtd);
  streams_.expire(now_ms, faults_.take_expire_listen_keys());
}

std::vector<std::string>
binance_venue::drain_user_events(std::string_view listen_key) {
  if (faults_.take_expire_listen_keys())
    streams_.expire(last_now_ms_, true);
  return streams_.drain(listen_key);
}

bool binance_venue::listen_key_active(std::string_view listen_key) const {
  return streams_.is_active(listen_key);
}

std::vector<std::string> binance_venue::listen_keys() const {
  return streams_.keys();
}

std::string binance_venue::book_ticker_frame(std::string_view symbol,
                                             timestamp now) const {
  auto sym = find_symbol(symbol);
  if (!sym)
    return {};
  auto bid = sym->book.levels(tandem::side::buy, 1);
  auto ask = sym->book.levels(tandem::side::sell, 1);
  auto px = [](const auto& l) {
    return l.empty() ? price{} : l[0].first;
  };
  auto qty = [](const auto& l) {
    return l.empty() ? quantity{} : l[0].second;
  };
  return book_ticker_frame_json(symbol, sym->update_id, px(bid), qty(bid),
                                px(ask), qty(ask), sym->cfg, to_unix_ms(now));
}

void binance_venue::set_book(std::string_view symbol, price bid,
                             quantity bid_qty, price ask, quantity ask_qty) {
  auto sym = find_symbol(symbol);
  if (!sym)
    return;
  for (auto id : sym->house_orders)
    sym->book.cancel(id);
  sym->house_orders.clear();
  auto quote = [&](tandem::side s, price px, quantity q) {
    if (!q.is_positive() || !px.is_positive())
      return;
    book_order o;
    o.id = next_order_id_++;
    o.account = std::string{house_account};
    o.s = s;
    o.limit = px;
    o.qty = q;
    auto r = sym->book.submit(std::move(o));
    for (const auto& t : r.trades)
      apply_trade(*sym, t, last_now_ms_);
    if (r.outcome == match_outcome::rested)
      sym->house_orders.push_back(r.order.id);
  };
  quote(tandem::side::buy, bid, bid_qty);
  quote(tandem::side::sell, ask, ask_qty);
  ++sym->update_id;
}

std::optional<position_state>
binance_venue::position(std::string_view api_key,
                        std::string_view symbol) const {
  auto a = accounts_.find(api_key);
  if (a == accounts_.end())
    return std::nullopt;
  auto p = a->second.positions.find(std::string{symbol});
  if (p == a->second.positions.end())
    return std::nullopt;
  return p->second;
}

std::optional<money> binance_venue::wallet(std::string_view api_key) const {
  auto a = accounts_.find(api_key);
  if (a == accounts_.end())
    return std::nullopt;
  return a->second.wallet;
}

std::size_t binance_venue::open_order_count(std::string_view api_key) const {
  std::size_t n = 0;
  for (const auto& [id, o] : orders_)
    if (o.account == api_key && o.is_open())
      ++n;
  return n;
}

} // namespace tandem::sim::binance
