// Orders and balances as Upbit writes them: the REST order object
// (decimals as JSON strings, KST ISO-8601 times) and the private stream's
// myOrder / myAsset frames (decimals as JSON numbers, epoch-ms times).
#pragma once

#include "core/clock.hpp"
#include "sim/upbit/json_out.hpp"
#include "sim/upbit/ledger.hpp"
#include "sim/upbit/sim_order.hpp"

#include <string>
#include <utility>
#include <vector>

namespace tandem::sim::upbit {

/// Writes the REST order object; `with_trades` adds the `trades` array
/// (GET /v1/order).
void write_order(json_out& j, const sim_order& o, bool with_trades);

/// Returns the REST order object as text.
std::string order_json(const sim_order& o, bool with_trades);

/// Returns a myOrder frame for the order's current state, or, with `fill`,
/// the `trade` message reporting that fill (price/volume are the fill's).
std::string my_order_frame(const sim_order& o, const sim_trade* fill,
                           timestamp now);

/// Returns a myAsset frame listing `assets` (only what changed).
std::string
my_asset_frame(const std::vector<std::pair<std::string, holding>>& assets,
               const std::string& asset_uuid, timestamp now);

} // namespace tandem::sim::upbit
