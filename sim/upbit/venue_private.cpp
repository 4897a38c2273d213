// upbit_venue: the Exchange (private) endpoints.
#include "sim/upbit/order_json.hpp"
#include "sim/upbit/upbit_venue.hpp"

#include <algorithm>
#include <charconv>

namespace tandem::sim::upbit {

namespace {

sim_response refused(const refusal& r) {
  return error_response(r.status, r.name, r.message);
}

std::optional<params> query_params(const sim_request& q) {
  return params::from_query(q.query);
}

// Parses a positive integer parameter; nullopt when malformed.
std::optional<std::int64_t> positive_int(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v <= 0)
    return std::nullopt;
  return v;
}

void write_holding(json_out& j, const std::string& currency, const holding& h) {
  j.begin_object();
  j.field("currency", currency);
  j.field_str("balance", std::optional{h.free});
  j.field_str("locked", std::optional{h.locked});
  j.field_str("avg_buy_price",
              std::optional{h.avg_buy_price.value_or(price{})});
  j.field("avg_buy_price_modified", false);
  j.field("unit_currency", "KRW");
  j.end_object();
}

} // namespace

sim_response upbit_venue::place_order(const sim_request& q,
                                      const std::string& account,
                                      timestamp now) {
  auto p = params::from_body(q.body);
  if (!p)
    return refused(validation_error("body is not a JSON object"));
  auto o = exchange_.place(account, *p, now, faults_);
  if (!o)
    return refused(o.error());
  return json_response(201, order_json(*o, false));
}

sim_response upbit_venue::cancel_order(const sim_request& q,
                                       const std::string& account,
                                       timestamp now) {
  auto p = query_params(q);
  if (!p)
    return refused(validation_error("bad query string"));
  auto o = exchange_.cancel(account, *p, now);
  if (!o)
    return refused(o.error());
  return json_response(200, order_json(*o, false));
}

sim_response upbit_venue::get_order(const sim_request& q,
                                    const std::string& account) {
  auto p = query_params(q);
  if (!p)
    return refused(validation_error("bad query string"));
  auto o = exchange_.find(account, *p);
  if (!o)
    return refused(o.error());
  return json_response(200, order_json(**o, true));
}

sim_response upbit_venue::get_open_orders(const sim_request& q,
                                          const std::string& account) {
  auto p = query_params(q);
  if (!p)
    return refused(validation_error("bad query string"));
  std::string_view market = p->get("market").value_or("");
  if (!market.empty() && !exchange_.market(market))
    return refused(validation_error("market does not have a valid value"));
  bool wait = true;
  auto states = p->all("states[]");
  if (auto one = p->get("state"))
    states.push_back(*one);
  if (!states.empty()) {
    wait = false;
    for (auto s : states) {
      if (s == "wait")
        wait = true;
      else if (s != "watch")
        return refused(validation_error("states[] must be wait or watch"));
    }
  }
  std::int64_t page = 1;
  std::int64_t limit = 100;
  if (auto s = p->get("page")) {
    auto v = positive_int(*s);
    if (!v)
      return refused(validation_error("page must be a positive integer"));
    page = *v;
  }
  if (auto s = p->get("limit")) {
    auto v = positive_int(*s);
    if (!v || *v > 100)
      return refused(validation_error("limit must be 1..100"));
    limit = *v;
  }
  auto order_by = p->get("order_by").value_or("desc");
  if (order_by != "asc" && order_by != "desc")
    return refused(validation_error("order_by must be asc or desc"));

  // Reserved (watch) orders do not exist here, so only wait ones list.
  auto orders = wait ? exchange_.open_orders(account, market)
                     : std::vector<const sim_order*>{};
  if (order_by == "asc")
    std::reverse(orders.begin(), orders.end());
  json_out j;
  j.begin_array();
  const auto first = static_cast<std::size_t>((page - 1) * limit);
  for (std::size_t i = first;
       i < orders.size() && i < first + static_cast<std::size_t>(limit); ++i)
    write_order(j, *orders[i], false);
  j.end_array();
  return json_response(200, j.take());
}

namespace {

// Splits "KRW-BTC,KRW-ETH" (empty entries dropped).
std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    auto part = s.substr(0, comma);
    if (!part.empty())
      out.push_back(part);
    if (comma == std::string_view::npos)
      break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

bool listed(const std::vector<std::string_view>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

void write_batch_part(json_out& j, const std::vector<sim_order>& orders) {
  j.begin_object();
  j.field_int("count", static_cast<std::int64_t>(orders.size()));
  j.key("orders");
  j.begin_array();
  for (const auto& o : orders) {
    j.begin_object();
    j.field("uuid", o.uuid);
    j.field("market", o.market);
    if (o.identifier.empty())
      j.field_null("identifier");
    else
      j.field("identifier", o.identifier);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

} // namespace

// DELETE /v1/orders/open: Upbit's batch cancel (docs.upbit.com/kr/reference/
// batch-cancel-orders). Picks up to `count` (default 20, max 300) resting
// orders by cancel_side, pairs or quote_currencies minus excluded_pairs,
// newest first unless order_by=asc, and cancels each as DELETE /v1/order
// would (myOrder `cancel` per order). Here every pick is cancelled at once,
// so `failed` is always empty.
sim_response upbit_venue::cancel_open_orders(const sim_request& q,
                                             const std::string& account,
                                             timestamp now) {
  if (!q.body.empty())
    return refused(validation_error("query parameters only"));
  auto p = query_params(q);
  if (!p)
    return refused(validation_error("bad query string"));
  auto side = p->get("cancel_side").value_or("all");
  if (side != "all" && side != "ask" && side != "bid")
    return refused(validation_error("cancel_side must be all, ask or bid"));
  auto pairs = split_commas(p->get("pairs").value_or(""));
  auto excluded = split_commas(p->get("excluded_pairs").value_or(""));
  auto quotes = split_commas(p->get("quote_currencies").value_or(""));
  if (!pairs.empty() && !quotes.empty())
    return refused(
      validation_error("pairs and quote_currencies cannot be used together"));
  if (pairs.size() > 20 || excluded.size() > 20)
    return refused(validation_error("at most 20 pairs"));
  for (auto m : pairs)
    if (!exchange_.market(m))
      return refused(validation_error("pairs does not have a valid value"));
  std::int64_t count = 20;
  if (auto s = p->get("count")) {
    auto v = positive_int(*s);
    if (!v || *v > 300)
      return refused(validation_error("count must be 1..300"));
    count = *v;
  }
  auto order_by = p->get("order_by").value_or("desc");
  if (order_by != "asc" && order_by != "desc")
    return refused(validation_error("order_by must be asc or desc"));

  auto open = exchange_.open_orders(account, ""); // newest first
  if (order_by == "asc")
    std::reverse(open.begin(), open.end());
  std::vector<std::string> picked;
  for (const auto* o : open) {
    if (static_cast<std::int64_t>(picked.size()) >= count)
      break;
    if ((side == "bid" && !o->bid) || (side == "ask" && o->bid))
      continue;
    if (!pairs.empty() && !listed(pairs, o->market))
      continue;
    if (!quotes.empty()
        && !listed(quotes,
                   std::string_view{o->market}.substr(0, o->market.find('-'))))
      continue;
    if (listed(excluded, o->market))
      continue;
    picked.push_back(o->uuid);
  }
  auto cancelled = exchange_.cancel_many(account, picked, now);
  json_out j;
  j.begin_object();
  j.key("success");
  write_batch_part(j, cancelled);
  j.key("failed");
  write_batch_part(j, {});
  j.end_object();
  return json_response(200, j.take());
}

sim_response upbit_venue::get_accounts(const std::string& account) {
  json_out j;
  j.begin_array();
  for (const auto& [currency, h] : exchange_.balances().holdings(account))
    if (currency == "KRW" || !h.free.is_zero() || !h.locked.is_zero())
      write_holding(j, currency, h);
  j.end_array();
  return json_response(200, j.take());
}

sim_response upbit_venue::get_chance(const sim_request& q,
                                     const std::string& account) {
  auto p = query_params(q);
  if (!p)
    return refused(validation_error("bad query string"));
  auto code = p->get("market");
  if (!code)
    return refused(validation_error("market is missing"));
  const auto* m = exchange_.market(*code);
  if (!m)
    return refused(validation_error("market does not have a valid value"));
  const auto& ledger = exchange_.balances();
  json_out j;
  j.begin_object();
  j.field_str("bid_fee", std::optional{cfg_.bid_fee});
  j.field_str("ask_fee", std::optional{cfg_.ask_fee});
  j.field_str("maker_bid_fee", std::optional{cfg_.bid_fee});
  j.field_str("maker_ask_fee", std::optional{cfg_.ask_fee});
  j.key("market");
  j.begin_object();
  j.field("id", m->cfg->code);
  j.field("name", m->cfg->base + "/" + m->cfg->quote);
  j.key("order_types");
  j.begin_array();
  j.string("limit");
  j.end_array();
  j.key("order_sides");
  j.begin_array();
  j.string("ask");
  j.string("bid");
  j.end_array();
  j.key("bid");
  j.begin_object();
  j.field("currency", m->cfg->quote);
  j.field_null("price_unit");
  j.field_str("min_total", std::optional{cfg_.min_total});
  j.end_object();
  j.key("ask");
  j.begin_object();
  j.field("currency", m->cfg->base);
  j.field_null("price_unit");
  j.field_str("min_total", std::optional{cfg_.min_total});
  j.end_object();
  j.field_str("max_total", std::optional{cfg_.max_total});
  j.field("state", "active");
  j.end_object();
  j.key("bid_account");
  write_holding(j, m->cfg->quote, ledger.get(account, m->cfg->quote));
  j.key("ask_account");
  write_holding(j, m->cfg->base, ledger.get(account, m->cfg->base));
  j.end_object();
  return json_response(200, j.take());
}

} // namespace tandem::sim::upbit
