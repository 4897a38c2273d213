#include "sim/upbit/quotes.hpp"

#include "sim/upbit/ids.hpp"

namespace tandem::sim::upbit {

namespace {

void write_code(json_out& j, const market_state& m, std::string_view type,
                quote_form form) {
  if (form == quote_form::stream) {
    j.field("type", type);
    j.field("code", m.cfg->code);
  } else {
    j.field("market", m.cfg->code);
  }
}

template<class T>
std::optional<T> some(T v) {
  return std::optional<T>{v};
}

} // namespace

void write_ticker(json_out& j, const market_state& m, timestamp now,
                  quote_form form) {
  const timestamp trade_ts = m.last_trade_ts.value_or(now);
  const price change = m.last_px - m.open_px;
  const char* dir = change.is_positive()   ? "RISE"
                    : change.is_negative() ? "FALL"
                                           : "EVEN";
  const auto abs_change = checked_abs(change).value_or(price{});
  const auto rate_of = [&](price v) {
    return div<rate>(v, m.open_px, rounding::half_even);
  };
  j.begin_object();
  write_code(j, m, "ticker", form);
  j.field("trade_date", date_compact(trade_ts, 0));
  j.field("trade_time", time_compact(trade_ts, 0));
  if (form == quote_form::rest) {
    j.field("trade_date_kst", date_compact(trade_ts, 9));
    j.field("trade_time_kst", time_compact(trade_ts, 9));
  }
  j.field_int("trade_timestamp", to_unix_ms(trade_ts));
  j.field_num("opening_price", some(m.open_px));
  j.field_num("high_price", some(m.high_px));
  j.field_num("low_price", some(m.low_px));
  j.field_num("trade_price", some(m.last_px));
  j.field_num("prev_closing_price", some(m.open_px));
  j.field("change", dir);
  j.field_num("change_price", some(abs_change));
  j.field_num("change_rate", some(rate_of(abs_change).value_or(rate{})));
  j.field_num("signed_change_price", some(change));
  j.field_num("signed_change_rate", some(rate_of(change).value_or(rate{})));
  j.field_num("trade_volume", some(m.last_qty));
  j.field_num("acc_trade_price", some(m.acc_funds));
  j.field_num("acc_trade_price_24h", some(m.acc_funds));
  j.field_num("acc_trade_volume", some(m.acc_volume));
  j.field_num("acc_trade_volume_24h", some(m.acc_volume));
  j.field_num("highest_52_week_price", some(m.high_px));
  j.field("highest_52_week_date", "2025-01-01");
  j.field_num("lowest_52_week_price", some(m.low_px));
  j.field("lowest_52_week_date", "2025-01-01");
  if (form == quote_form::stream) {
    j.field("ask_bid", "BID");
    j.field("market_state", "ACTIVE");
    j.field("is_trading_suspended", false);
    j.field_null("delisting_date");
    j.field("market_warning", "NONE");
  }
  j.field_int("timestamp", to_unix_ms(now));
  if (form == quote_form::stream)
    j.field("stream_type", "REALTIME");
  j.end_object();
}

void write_orderbook(json_out& j, const market_state& m, std::size_t levels,
                     timestamp now, quote_form form) {
  const auto asks = m.book.levels(side::sell, levels);
  const auto bids = m.book.levels(side::buy, levels);
  quantity ask_total;
  quantity bid_total;
  for (const auto& l : asks)
    ask_total += l.second;
  for (const auto& l : bids)
    bid_total += l.second;
  j.begin_object();
  write_code(j, m, "orderbook", form);
  j.field_int("timestamp", to_unix_ms(now));
  j.field_num("total_ask_size", some(ask_total));
  j.field_num("total_bid_size", some(bid_total));
  j.key("orderbook_units");
  j.begin_array();
  for (std::size_t i = 0; i < std::max(asks.size(), bids.size()); ++i) {
    const auto ask = i < asks.size() ? asks[i] : std::pair<price, quantity>{};
    const auto bid = i < bids.size() ? bids[i] : std::pair<price, quantity>{};
    j.begin_object();
    j.field_num("ask_price", some(ask.first));
    j.field_num("bid_price", some(bid.first));
    j.field_num("ask_size", some(ask.second));
    j.field_num("bid_size", some(bid.second));
    j.end_object();
  }
  j.end_array();
  if (form == quote_form::stream)
    j.field("stream_type", "REALTIME");
  j.field_int("level", 0);
  j.end_object();
}

void write_instrument(json_out& j, const market_state& m) {
  j.begin_object();
  j.field("market", m.cfg->code);
  j.field("quote_currency", m.cfg->quote);
  j.field("tick_size", m.cfg->tick.tick_at(m.last_px).to_string());
  j.key("supported_levels");
  j.begin_array();
  j.integer(0);
  j.end_array();
  j.end_object();
}

void write_market(json_out& j, const market_config& m, bool details) {
  j.begin_object();
  j.field("market", m.code);
  j.field("korean_name", m.korean_name);
  j.field("english_name", m.english_name);
  if (details)
    j.field("market_warning", "NONE");
  j.end_object();
}

} // namespace tandem::sim::upbit
