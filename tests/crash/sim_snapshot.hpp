// What the simulators say, read under each venue's lock: every order our
// accounts ever placed (with our client id prefix), the Binance position
// and the Upbit BTC holding. The crash test compares it with the journal.
#pragma once

#include "core/decimal.hpp"
#include "core/order_state.hpp"
#include "core/venue.hpp"
#include "sim/runtime/sim_cluster.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tandem::crash_test {

/// Where an order ended, in terms both sides can say.
enum class final_state { open, filled, closed };

std::string_view to_string(final_state s);

/// Classifies a journal status: rejected, canceled, expired and replaced
/// are all closed; pending and resting ones are open.
final_state classify(order_status s);

/// One order as a simulator keeps it.
struct venue_order {
  tandem::venue venue = venue::upbit;
  std::string client_id;
  std::string venue_order_id;
  std::string symbol;
  final_state state = final_state::open;
  /// Base units (BTC) or contracts executed.
  quantity executed;
};

struct sim_snapshot {
  std::vector<venue_order> orders;
  /// Binance BTCUSDT position, contracts (signed).
  quantity binance_position;
  /// Upbit BTC held, free plus locked.
  quantity upbit_btc;
};

/// Reads both simulators for the accounts `binance_key` and `upbit_key`,
/// keeping the orders whose client id starts with `cid_prefix`.
sim_snapshot take_snapshot(sim::runtime::sim_cluster& sims,
                           const std::string& binance_key,
                           const std::string& upbit_key,
                           std::string_view cid_prefix);

} // namespace tandem::crash_test
