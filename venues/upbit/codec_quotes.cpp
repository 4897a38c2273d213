#include "venues/upbit/codec_quotes.hpp"

#include "venues/upbit/detail/market_data.hpp"

namespace tandem::venues::upbit {

namespace {

using namespace detail;

// Runs `read(element, out_element)` over a root array.
template<class T, class F>
result<std::vector<T>, venue_error>
parse_array(json_context& ctx, std::string_view body, F&& read) {
  std::vector<T> out;
  auto st = parse_root(ctx.state(), body, [&](od::value& root) {
    return each_element(root, [&](od::value& v) -> status {
      T item;
      if (auto e = read(v, item))
        return e;
      out.push_back(std::move(item));
      return ok;
    });
  });
  if (st)
    return failure{*st};
  return out;
}

status read_instrument(od::value& v, instrument_tick& out) {
  bool market = false, tick = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == key(field::instr_market)) {
      market = read_string(fv, s) && !s.empty();
      out.symbol.assign(s);
      return need(market);
    }
    if (k == key(field::instr_quote_currency)) {
      if (!read_string(fv, s))
        return bad;
      out.quote.assign(s);
      return ok;
    }
    if (k == key(field::instr_tick_size))
      return need(tick = read_field(fv, field::instr_tick_size, out.tick_size)
                         && out.tick_size.is_positive());
    return ok;
  });
  if (st)
    return st;
  return need(market && tick);
}

status read_market(od::value& v, market_info& out) {
  bool market = false;
  auto st = each_member(v, [&](std::string_view k, od::value& fv) -> status {
    std::string_view s;
    if (k == key(field::market_code)) {
      market = read_string(fv, s);
      out.symbol.assign(s);
      return need(market);
    }
    if (k == key(field::market_english_name)) {
      if (!read_string(fv, s))
        return bad;
      out.english_name.assign(s);
      return ok;
    }
    if (k == key(field::market_korean_name)) {
      if (!read_string(fv, s))
        return bad;
      out.korean_name.assign(s);
      return ok;
    }
    return ok;
  });
  if (st)
    return st;
  // "KRW-BTC": quote first, then base.
  auto dash = out.symbol.find('-');
  if (!market || dash == 0 || dash == std::string::npos
      || dash + 1 == out.symbol.size())
    return bad;
  out.quote = out.symbol.substr(0, dash);
  out.base = out.symbol.substr(dash + 1);
  return ok;
}

} // namespace

result<std::vector<ticker>, venue_error> parse_tickers(json_context& ctx,
                                                       std::string_view body) {
  return parse_array<ticker>(ctx, body, [](od::value& v, ticker& t) {
    return read_ticker(v, key(field::ticker_market), t);
  });
}

result<std::vector<orderbook>, venue_error>
parse_orderbooks(json_context& ctx, std::string_view body, timestamp recv_ts) {
  return parse_array<orderbook>(ctx, body, [&](od::value& v, orderbook& b) {
    return read_orderbook(v, key(field::book_market), recv_ts, b);
  });
}

result<std::vector<instrument_tick>, venue_error>
parse_instruments(json_context& ctx, std::string_view body) {
  return parse_array<instrument_tick>(ctx, body, read_instrument);
}

result<std::vector<market_info>, venue_error>
parse_markets(json_context& ctx, std::string_view body) {
  return parse_array<market_info>(ctx, body, read_market);
}

bool apply_tick(instrument& inst, const instrument_tick& tick) {
  if (inst.symbol != tick.symbol || !tick.tick_size.is_positive())
    return false;
  inst.tick = tick_rule::fixed(tick.tick_size);
  return true;
}

} // namespace tandem::venues::upbit
