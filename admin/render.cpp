#include "admin/render.hpp"

#include "admin/json_writer.hpp"

namespace tandem::admin {

namespace {

api_reply reply(unsigned status, std::string body) {
  api_reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

void write_pair(json_writer& w, const pair_row& p) {
  w.begin_object()
    .field("pair_id", p.pair_id)
    .field("signal_id", p.signal_id)
    .field("phase", to_string(p.phase))
    .field("qty", p.qty)
    .field("entry_premium_bps", rate_to_bps(p.entry_premium))
    .field("exit_premium_bps", rate_to_bps(p.exit_premium))
    .field("pnl_krw", p.pnl_krw)
    .field("opened_at", p.opened_at)
    .field("closed_at", p.closed_at)
    .field("detail", p.detail)
    .end_object();
}

} // namespace

std::string rate_to_bps(rate r) {
  // rate has 10 decimals; 1 bp = 1e-4, so bps are the same raw at scale 6.
  static_assert(rate::scale == 10);
  return tandem::detail::format_raw(r.raw(), 6);
}

std::string to_json(const status_view& v) {
  json_writer w;
  w.begin_object()
    .field("instance", v.instance)
    .field("mode", v.mode)
    .field("now", v.now)
    .field("started_at", v.started_at)
    .field("halted", v.halted);
  w.key("halt");
  if (v.halted)
    w.begin_object()
      .field("reason", v.halt_reason)
      .field("by", v.halted_by)
      .field("at", v.halted_at)
      .end_object();
  else
    w.null();
  w.field("open_orders", v.open_orders).field("open_pairs", v.open_pairs);
  w.key("venues").begin_array();
  for (const auto& h : v.venues) {
    w.begin_object()
      .field("venue", to_string(h.venue))
      .field("connected", h.connected);
    w.key("latency_us");
    if (h.latency_us < 0)
      w.null();
    else
      w.value(h.latency_us);
    w.field("consecutive_failures", h.consecutive_failures).end_object();
  }
  w.end_array();
  w.key("strategies").begin_array();
  for (const auto& s : v.strategies)
    w.begin_object()
      .field("name", s.name)
      .field("state", to_string(s.state))
      .field("open_pairs", s.open_pairs)
      .end_object();
  w.end_array().end_object();
  return w.take();
}

std::string to_json(const premium_view& v) {
  json_writer w;
  w.begin_object().field("available", v.available);
  w.key("unavailable_reason");
  if (v.available)
    w.null();
  else
    w.value(v.unavailable_reason);
  w.field("entry_premium_bps", rate_to_bps(v.entry_premium))
    .field("exit_premium_bps", rate_to_bps(v.exit_premium))
    .field("entry_bps", v.entry_bps)
    .field("exit_bps", v.exit_bps)
    .field("upbit_bid_krw", v.upbit_bid_krw)
    .field("upbit_ask_krw", v.upbit_ask_krw)
    .field("binance_bid_usdt", v.binance_bid_usdt)
    .field("binance_ask_usdt", v.binance_ask_usdt)
    .field("usdt_krw", v.usdt_krw)
    .field("quote_age_ms", v.quote_age_ms)
    .end_object();
  return w.take();
}

std::string to_json(const positions_view& v) {
  json_writer w;
  w.begin_object().key("positions").begin_array();
  for (const auto& p : v.positions)
    w.begin_object()
      .field("venue", to_string(p.venue))
      .field("symbol", p.symbol)
      .field("qty", p.qty)
      .field("avg_price", p.avg_price)
      .field("mark_price", p.mark_price)
      .field("quote_ccy", p.quote_ccy)
      .field("realized_pnl", p.realized_pnl)
      .field("unrealized_pnl", p.unrealized_pnl)
      .end_object();
  w.end_array().end_object();
  return w.take();
}

std::string to_json(const orders_view& v) {
  json_writer w;
  w.begin_object().key("orders").begin_array();
  for (const auto& o : v.orders)
    w.begin_object()
      .field("venue", to_string(o.venue))
      .field("symbol", o.symbol)
      .field("id", o.id.view())
      .field("side", to_string(o.side))
      .field("type", to_string(o.type))
      .field("status", to_string(o.status))
      .field("price", o.px)
      .field("qty", o.qty)
      .field("filled", o.filled)
      .field("created_at", o.created_at)
      .end_object();
  w.end_array().end_object();
  return w.take();
}

std::string to_json(const pairs_view& v) {
  json_writer w;
  w.begin_object().key("open").begin_array();
  for (const auto& p : v.open)
    write_pair(w, p);
  w.end_array().key("recent").begin_array();
  for (const auto& p : v.recent)
    write_pair(w, p);
  w.end_array().end_object();
  return w.take();
}

std::string to_json(const pnl_view& v) {
  json_writer w;
  auto total = checked_add(v.realized_krw, v.unrealized_krw);
  w.begin_object()
    .field("realized_krw", v.realized_krw)
    .field("unrealized_krw", v.unrealized_krw);
  w.key("total_krw");
  if (total)
    w.value(*total);
  else
    w.null();
  w.field("fees_krw", v.fees_krw)
    .field("day_realized_krw", v.day_realized_krw)
    .field("day_start", v.day_start)
    .field("usdt_krw", v.usdt_krw);
  w.key("pairs").begin_array();
  for (const auto& p : v.pairs) {
    w.begin_object()
      .field("pair_id", p.pair_id)
      .field("closed_by", p.closed_by)
      .field("open", p.open);
    w.key("pnl_krw");
    if (p.pnl_krw)
      w.value(*p.pnl_krw);
    else
      w.null();
    w.field("fees_krw", p.fees_krw).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string to_json(const api_error& e) {
  json_writer w;
  w.begin_object().field("error", e.message).key("field");
  if (e.field.empty())
    w.null();
  else
    w.value(e.field);
  w.end_object();
  return w.take();
}

api_reply error_reply(const api_error& e) {
  auto r = reply(e.status, to_json(e));
  if (e.status == 401)
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tandem\"");
  if (e.status == 405 && !e.allow.empty())
    r.headers.emplace_back("Allow", e.allow);
  return r;
}

unsigned http_status(refusal_code c) noexcept {
  switch (c) {
    case refusal_code::invalid_value: return 400;
    case refusal_code::not_found: return 404;
    case refusal_code::conflict: return 409;
    case refusal_code::unavailable: return 503;
  }
  return 500;
}

api_reply command_result(std::string_view name, const command_reply& r) {
  if (!r)
    return error_reply(
      {http_status(r.error().code), r.error().message, r.error().field, {}});
  json_writer w;
  w.begin_object()
    .field("ok", true)
    .field("command", name)
    .field("summary", r->summary)
    .field("affected", r->affected)
    .end_object();
  return reply(200, w.take());
}

api_reply command_result(const set_param_reply& r) {
  if (!r)
    return error_reply(
      {http_status(r.error().code), r.error().message, r.error().field, {}});
  json_writer w;
  w.begin_object()
    .field("ok", true)
    .field("command", "set")
    .field("name", r->name)
    .field("old", r->old_value)
    .field("new", r->new_value)
    .end_object();
  return reply(200, w.take());
}

health assess(const status_view& v) {
  health h;
  if (v.halted)
    h.problems.emplace_back("halted");
  if (v.venues.empty())
    h.problems.emplace_back("no venue configured");
  for (const auto& venue : v.venues)
    if (!venue.connected)
      h.problems.push_back("venue " + std::string(to_string(venue.venue))
                           + " disconnected");
  h.healthy = h.problems.empty();
  return h;
}

api_reply health_reply(const health& h) {
  json_writer w;
  w.begin_object().field("healthy", h.healthy).key("problems").begin_array();
  for (const auto& p : h.problems)
    w.value(p);
  w.end_array().end_object();
  return reply(h.healthy ? 200u : 503u, w.take());
}

// -- events ------------------------------------------------------------------

std::string to_json(const fill_event& e) {
  const auto& f = e.fill;
  json_writer w;
  w.begin_object()
    .field("type", "fill")
    .field("at", f.ts)
    .field("venue", to_string(f.venue))
    .field("symbol", f.symbol)
    .field("order_id", f.order_id.view())
    .field("trade_id", f.trade_id)
    .field("side", to_string(f.side))
    .field("qty", f.qty)
    .field("price", f.px)
    .field("fee", f.fee)
    .field("pair_id", e.pair_id)
    .end_object();
  return w.take();
}

std::string to_json(const pair_settlement_event& e) {
  json_writer w;
  w.begin_object()
    .field("type", "pair_settlement")
    .field("at", e.at)
    .field("pair_id", e.pair_id)
    .field("signal_id", e.signal_id)
    .field("outcome", to_string(e.outcome))
    .field("pnl_krw", e.pnl_krw)
    .field("detail", e.detail)
    .end_object();
  return w.take();
}

std::string to_json(const alert_event& e) {
  json_writer w;
  w.begin_object()
    .field("type", "alert")
    .field("at", e.at)
    .field("severity", to_string(e.severity))
    .field("title", e.title)
    .field("detail", e.detail)
    .end_object();
  return w.take();
}

std::string to_json(const status_change_event& e) {
  json_writer w;
  w.begin_object()
    .field("type", "status_change")
    .field("at", e.at)
    .field("change", to_string(e.change))
    .field("subject", e.subject)
    .field("detail", e.detail)
    .field("by", e.by)
    .end_object();
  return w.take();
}

} // namespace tandem::admin
