// The simulators' matching engine for one instrument: price-time priority,
// limit and market orders, GTC / IOC / FOK, partial fills. Pure: no I/O,
// no clock; balances, fees and reduce-only checks belong to the simulated
// venue around it (sim/<venue>/), which knows accounts and positions.
#pragma once

#include "core/decimal.hpp"
#include "core/order_types.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tandem::sim {

/// An order as the matching engine sees it.
struct book_order {
  /// Engine-wide unique id (the venue's order id).
  std::uint64_t id = 0;
  /// Account that owns it; an order never trades against its own account
  /// (the incoming order's remainder is canceled: "expire taker").
  std::string account;
  side s = side::buy;
  /// Limit price; nullopt for a market order.
  std::optional<price> limit;
  time_in_force tif = time_in_force::gtc;
  quantity qty;
  quantity filled;

  quantity open() const { return qty - filled; }
};

/// One match between a resting (maker) and an incoming (taker) order.
struct trade {
  std::uint64_t trade_id = 0;
  std::uint64_t maker_id = 0;
  std::uint64_t taker_id = 0;
  std::string maker_account;
  std::string taker_account;
  price px; ///< The maker's price.
  quantity qty;
  side taker_side = side::buy;
};

/// How an incoming order ended up.
enum class match_outcome : std::uint8_t {
  filled = 1,               ///< Completely filled now.
  rested = 2,               ///< (Rest of it) rests on the book (GTC limit).
  remainder_canceled = 3,   ///< IOC/market: what did not fill was canceled.
  killed = 4,               ///< FOK that could not fill completely: no trades.
  self_trade_prevented = 5, ///< Stopped at the owner's own resting order.
};

/// The result of submit().
struct match_result {
  match_outcome outcome = match_outcome::rested;
  std::vector<trade> trades;
  /// The incoming order after matching (filled quantity updated).
  book_order order;
};

/// A limit order book for one instrument.
class order_book {
 public:
  /// Matches an incoming order, then rests a GTC limit remainder.
  /// `max_fill` (fault injection "partial fills only") caps the quantity
  /// this order may fill in this call; the rest follows its time in force.
  match_result submit(book_order o, std::optional<quantity> max_fill = {});

  /// Removes a resting order; returns it, or nullopt if not resting.
  std::optional<book_order> cancel(std::uint64_t id);

  /// Returns a resting order by id.
  const book_order* find(std::uint64_t id) const;

  std::optional<price> best_bid() const;
  std::optional<price> best_ask() const;
  /// Total open quantity at the best `levels` levels of a side.
  std::vector<std::pair<price, quantity>> levels(side s,
                                                 std::size_t levels) const;
  /// Number of resting orders.
  std::size_t size() const { return index_.size(); }

  /// Open quantity on the opposite side of `s` at prices `limit` or better
  /// (all of it for a market order), not counting `account`'s own orders.
  quantity available(side s, std::optional<price> limit,
                     const std::string& account) const;

 private:
  using level = std::deque<book_order>;
  // Bids best first: highest price first.
  std::map<price, level, std::greater<>> bids_;
  // Asks best first: lowest price first.
  std::map<price, level> asks_;
  std::map<std::uint64_t, std::pair<side, price>> index_;
  std::uint64_t next_trade_id_ = 1;

  template<class Book>
  void match_against(Book& book, book_order& o, quantity cap, match_result& r);
  void rest(const book_order& o);
};

} // namespace tandem::sim
