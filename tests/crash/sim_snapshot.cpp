#include "tests/crash/sim_snapshot.hpp"

namespace tandem::crash_test {

namespace {

final_state classify_binance(venues::binance::order_status s) {
  using bs = venues::binance::order_status;
  switch (s) {
    case bs::new_:
    case bs::partially_filled: return final_state::open;
    case bs::filled: return final_state::filled;
    default: return final_state::closed;
  }
}

final_state classify_upbit(sim::upbit::order_status s) {
  switch (s) {
    case sim::upbit::order_status::wait: return final_state::open;
    case sim::upbit::order_status::done: return final_state::filled;
    default: return final_state::closed;
  }
}

/// The ledger keeps every currency as money; BTC amounts fit quantity's
/// scale exactly.
quantity as_quantity(money m) { return quantity::parse(m.to_string()).value(); }

} // namespace

std::string_view to_string(final_state s) {
  switch (s) {
    case final_state::open: return "open";
    case final_state::filled: return "filled";
    default: return "closed";
  }
}

final_state classify(order_status s) {
  switch (s) {
    case order_status::filled: return final_state::filled;
    case order_status::canceled:
    case order_status::rejected:
    case order_status::expired:
    case order_status::replaced: return final_state::closed;
    default: return final_state::open;
  }
}

sim_snapshot take_snapshot(sim::runtime::sim_cluster& sims,
                           const std::string& binance_key,
                           const std::string& upbit_key,
                           std::string_view cid_prefix) {
  sim_snapshot out;
  sims.binance().with_venue([&](sim::binance::binance_venue& v) {
    for (const auto& [id, o] : v.orders()) {
      if (o.account != binance_key || !o.client_id.starts_with(cid_prefix))
        continue;
      out.orders.push_back({venue::binance, o.client_id, std::to_string(id),
                            o.symbol, classify_binance(o.status), o.executed});
    }
    if (auto p = v.position(binance_key, "BTCUSDT"))
      out.binance_position = p->qty;
  });
  sims.upbit().with_venue([&](sim::upbit::upbit_venue& v) {
    const auto& ex = v.state();
    for (const auto& [uuid, o] : ex.orders()) {
      if (o.account != upbit_key || !o.identifier.starts_with(cid_prefix))
        continue;
      out.orders.push_back({venue::upbit, o.identifier, uuid, o.market,
                            classify_upbit(o.status), o.executed});
    }
    auto h = ex.balances().get(upbit_key, "BTC");
    out.upbit_btc = as_quantity(h.free + h.locked);
  });
  return out;
}

} // namespace tandem::crash_test
