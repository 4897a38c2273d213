// POST /v1/orders parameters -> what the order asks for, checked the way
// Upbit checks them before looking at balances or the book (protocol
// reference A3, A8, A9):
//
// | problem                                         | error.name          |
// |-------------------------------------------------|---------------------|
// | market unknown, side/ord_type/tif/smp not known | validation_error    |
// | a required price/volume missing, not a decimal, |                     |
// |   zero or negative; a tif on price/market       | validation_error    |
// | price sent on a market sell, volume on a market |                     |
// |   buy, best without ioc/fok, post_only not on a |                     |
// |   limit                                         | create_bid/ask_error|
// | limit price off the tick                        | invalid_price_bid/ask|
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "sim/upbit/config.hpp"
#include "sim/upbit/params.hpp"
#include "sim/upbit/refusal.hpp"
#include "sim/upbit/sim_order.hpp"

#include <optional>
#include <string>

namespace tandem::sim::upbit {

/// A well-formed order request, not yet checked against funds or the book.
struct order_intent {
  const market_config* market = nullptr;
  bool bid = true;
  order_kind kind = order_kind::limit;
  std::optional<order_tif> tif;
  std::string smp_type;
  std::optional<price> limit_px;
  std::optional<money> amount;
  std::optional<quantity> volume;
};

/// Returns the suffix of side-specific error names: "bid" or "ask".
inline const char* side_suffix(bool bid) { return bid ? "bid" : "ask"; }

/// Checks the parameters of one order (see the table above).
result<order_intent, refusal> read_order_intent(const params& p,
                                                const venue_config& cfg);

} // namespace tandem::sim::upbit
