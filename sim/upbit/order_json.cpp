#include "sim/upbit/order_json.hpp"

#include "sim/upbit/ids.hpp"

namespace tandem::sim::upbit {

namespace {

/// The `price` field: the limit price, or the KRW amount when sized in KRW.
std::optional<money> price_field(const sim_order& o) {
  if (o.sized_in_krw())
    return o.amount;
  if (o.limit_px)
    return money::from_raw(o.limit_px->raw());
  return std::nullopt;
}

std::optional<price> avg_price(const sim_order& o) {
  if (!o.executed.is_positive())
    return std::nullopt;
  auto avg = div<price>(o.executed_funds, o.executed, rounding::half_even);
  if (!avg)
    return std::nullopt;
  return *avg;
}

} // namespace

void write_order(json_out& j, const sim_order& o, bool with_trades) {
  j.begin_object();
  j.field("uuid", o.uuid);
  j.field("side", o.bid ? "bid" : "ask");
  j.field("ord_type", to_wire(o.kind));
  j.field_str("price", price_field(o));
  j.field("state", to_wire(o.status));
  j.field("market", o.market);
  j.field("created_at", kst_iso8601(o.created));
  j.field_str("volume", o.volume);
  j.field_str("remaining_volume", o.remaining_volume());
  j.field_str("reserved_fee", std::optional{o.reserved_fee});
  j.field_str("remaining_fee", std::optional{o.remaining_fee()});
  j.field_str("paid_fee", std::optional{o.paid_fee});
  j.field_str("locked", std::optional{o.locked});
  j.field_str("executed_volume", std::optional{o.executed});
  j.field_str("executed_funds", std::optional{o.executed_funds});
  j.field_int("trades_count", static_cast<std::int64_t>(o.trades.size()));
  j.field_or_null("time_in_force", o.tif ? to_wire(*o.tif) : "");
  j.field_or_null("identifier", o.identifier);
  j.field_or_null("smp_type", o.smp_type);
  j.field("prevented_volume", "0");
  j.field("prevented_locked", "0");
  if (with_trades) {
    j.key("trades");
    j.begin_array();
    for (const auto& t : o.trades) {
      j.begin_object();
      j.field("market", o.market);
      j.field("uuid", t.uuid);
      j.field_str("price", std::optional{t.px});
      j.field_str("volume", std::optional{t.qty});
      j.field_str("funds", std::optional{t.funds});
      j.field("side", o.bid ? "bid" : "ask");
      j.field("created_at", kst_iso8601(t.ts));
      j.end_object();
    }
    j.end_array();
  }
  j.end_object();
}

std::string order_json(const sim_order& o, bool with_trades) {
  json_out j;
  write_order(j, o, with_trades);
  return j.take();
}

std::string my_order_frame(const sim_order& o, const sim_trade* fill,
                           timestamp now) {
  json_out j;
  j.begin_object();
  j.field("type", "myOrder");
  j.field("code", o.market);
  j.field("uuid", o.uuid);
  j.field("ask_bid", o.bid ? "BID" : "ASK");
  j.field("order_type", to_wire(o.kind));
  j.field("state", fill ? std::string_view{"trade"} : to_wire(o.status));
  j.field_or_null("trade_uuid", fill ? std::string_view{fill->uuid} : "");
  if (fill) {
    j.field_num("price", std::optional{fill->px});
  } else {
    j.field_num("price", price_field(o));
  }
  j.field_num("avg_price", std::optional{avg_price(o).value_or(price{})});
  if (fill)
    j.field_num("volume", std::optional{fill->qty});
  else
    j.field_num("volume", o.volume);
  j.field_num("remaining_volume", o.remaining_volume());
  j.field_num("executed_volume", std::optional{o.executed});
  j.field_int("trades_count", static_cast<std::int64_t>(o.trades.size()));
  j.field_num("reserved_fee", std::optional{o.reserved_fee});
  j.field_num("remaining_fee", std::optional{o.remaining_fee()});
  j.field_num("paid_fee", std::optional{o.paid_fee});
  j.field_num("locked", std::optional{o.locked});
  j.field_num("executed_funds", std::optional{o.executed_funds});
  if (fill) {
    j.field_num("trade_fee", std::optional{fill->fee});
    j.field("is_maker", fill->is_maker);
  } else {
    j.field_null("trade_fee");
    j.field_null("is_maker");
  }
  j.field_or_null("identifier", o.identifier);
  j.field_or_null("time_in_force", o.tif ? to_wire(*o.tif) : "");
  j.field_or_null("smp_type", o.smp_type);
  j.field_int("prevented_volume", 0);
  j.field_int("prevented_locked", 0);
  if (fill)
    j.field_int("trade_timestamp", to_unix_ms(fill->ts));
  else
    j.field_null("trade_timestamp");
  j.field_int("order_timestamp", to_unix_ms(o.created));
  j.field_int("timestamp", to_unix_ms(now));
  j.field("stream_type", "REALTIME");
  j.end_object();
  return j.take();
}

std::string
my_asset_frame(const std::vector<std::pair<std::string, holding>>& assets,
               const std::string& asset_uuid, timestamp now) {
  json_out j;
  j.begin_object();
  j.field("type", "myAsset");
  j.field("asset_uuid", asset_uuid);
  j.key("assets");
  j.begin_array();
  for (const auto& [currency, h] : assets) {
    j.begin_object();
    j.field("currency", currency);
    j.field_num("balance", std::optional{h.free});
    j.field_num("locked", std::optional{h.locked});
    j.end_object();
  }
  j.end_array();
  j.field_int("asset_timestamp", to_unix_ms(now));
  j.field_int("timestamp", to_unix_ms(now));
  j.field("stream_type", "REALTIME");
  j.end_object();
  return j.take();
}

} // namespace tandem::sim::upbit
