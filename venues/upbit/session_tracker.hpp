// What the session has told the engine about each of its orders, so that
// a private-stream gap loses nothing and repeats nothing. After a reconnect
// the session asks REST for the orders the tracker still thinks are live;
// reconcile() turns each answer into the updates the engine missed (each
// unseen fill, then the final state), and accept() drops stream updates
// the engine has already had (a fill by its trade id, a second terminal
// event). Pure: no I/O, one thread.
#pragma once

#include "core/client_order_id.hpp"
#include "venues/common/events.hpp"
#include "venues/upbit/codec_responses.hpp"

#include <cstddef>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tandem::venues::upbit {

/// Orders of this session and what was reported about them.
class order_tracker {
 public:
  /// `finished_memory`: how many ended orders are remembered (to drop
  /// their late repeats) before the oldest is forgotten.
  explicit order_tracker(std::size_t finished_memory = 4096);

  /// Records an order the session placed (its REST answer), so that a
  /// resync looks for it. Only the event channel (accept, reconcile) ends
  /// an order here: a reply is not an event the engine saw on the stream.
  void track(const order_update& u);

  /// Returns true if `u` (from the private stream) is news for the engine
  /// and records it; false for a fill already reported (same trade id) or
  /// a terminal event after the order's end was reported. Updates without
  /// a client id (orders placed elsewhere) always pass.
  bool accept(const order_update& u);

  /// Returns the orders not known to have ended.
  std::vector<client_order_id> live() const;

  /// Returns the cumulative quantity reported for `id` (0 if unknown).
  quantity reported_qty(const client_order_id& id) const;

  /// Returns the updates the engine missed according to `s` (a GET
  /// /v1/order answer with its trades), oldest first, and records them:
  /// one partial_fill per unseen trade (carrying last_fill), then `s`'s
  /// own state when it is terminal or differs from the last report.
  std::vector<order_update> reconcile(const order_snapshot& s);

 private:
  struct entry {
    std::string symbol;
    quantity cum_qty;
    std::set<std::string> trade_ids;
    bool ended = false;
  };
  entry& find_or_add(const order_update& u);
  void mark_ended(const client_order_id& id, entry& e);

  std::map<client_order_id, entry> orders_;
  std::deque<client_order_id> finished_;
  std::size_t finished_memory_;
};

/// Returns true for fill, canceled, expired and rejected.
bool is_terminal_event(order_event e) noexcept;

} // namespace tandem::venues::upbit
