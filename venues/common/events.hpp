// What every venue codec produces: normalized market data, order updates,
// balances and positions in core/ types. Nothing here knows a venue's JSON.
#pragma once

#include "core/client_order_id.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/fill.hpp"
#include "core/order_state.hpp"
#include "core/order_types.hpp"
#include "core/venue.hpp"
#include "venues/common/venue_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tandem::venues {

/// Best bid and ask of one instrument (Binance bookTicker, Upbit orderbook
/// level 0). Prices in the quote currency, sizes in base units.
struct book_top {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  price bid;
  quantity bid_qty;
  price ask;
  quantity ask_qty;
  /// The venue's event time; recv_ts is when our socket read it.
  timestamp venue_ts;
  timestamp recv_ts;
  /// Venue update id where it has one (Binance `u`), else 0.
  std::uint64_t update_id = 0;
};

/// One price level of a book.
struct book_level {
  price px;
  quantity qty;
};

/// The top levels of a book (Upbit orderbook units, Binance depth).
struct book_depth {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  std::vector<book_level> bids; ///< Best first.
  std::vector<book_level> asks; ///< Best first.
  timestamp venue_ts;
};

/// A change of one order as the venue reports it (REST answer or stream).
struct order_update {
  tandem::venue venue = venue::upbit;
  std::string symbol;
  client_order_id id;
  std::string venue_order_id;
  /// What happened: accepted, partial_fill, fill, canceled, expired,
  /// rejected (replace events where the venue has them).
  order_event event = order_event::accepted;
  tandem::side side = side::buy;
  quantity order_qty;
  /// Cumulative filled quantity after this update.
  quantity cum_qty;
  /// Volume-weighted average fill price so far, if anything filled.
  std::optional<price> avg_px;
  /// The execution this update reports, for fill events.
  std::optional<fill> last_fill;
  /// Why, for rejected (and venue-initiated cancels where given).
  std::optional<venue_error> reason;
  timestamp venue_ts;
};

/// One asset balance (spot wallets, futures wallet).
struct balance {
  std::string asset; ///< "KRW", "BTC", "USDT".
  money free;
  money locked;
};

/// A derivatives position as the venue sees it (Binance positionRisk).
struct position_snapshot {
  tandem::venue venue = venue::binance;
  std::string symbol;
  /// Signed: > 0 long, < 0 short (base units or contracts).
  quantity qty;
  price entry_px;
  money unrealized_pnl;
  std::int32_t leverage = 1;
};

} // namespace tandem::venues
