#include "actors/engine_protocol.hpp"
#include "actors/position_actor.hpp"

#include <caf/all.hpp>

#include <gtest/gtest.h>

namespace tandem::actors {
namespace {

using namespace std::chrono_literals;

fill make_fill(const char* trade, side s, const char* qty, const char* px,
               const char* fee) {
  fill f;
  f.trade_id = trade;
  f.venue = venue::binance;
  f.symbol = "BTCUSDT";
  f.side = s;
  f.qty = quantity::parse(qty).value();
  f.px = price::parse(px).value();
  f.fee = money::parse(fee).value();
  return f;
}

TEST(position_actor, builds_the_position_from_fills_and_tells_subscribers) {
  caf::actor_system_config cfg;
  cfg.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{cfg};
  auto& sched
    = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  caf::scoped_actor self{sys};
  auto p = spawn_position_actor(sys, venue::binance, "BTCUSDT");
  self->send(p, subscribe_atom::value, caf::actor_cast<caf::actor>(self));
  // Short 0.010 at 60000, cover 0.004 at 59000: +4 USDT before fees.
  self->send(p, make_fill("t1", side::sell, "0.010", "60000", "0.3"));
  self->send(p, make_fill("t2", side::buy, "0.004", "59000", "0.118"));
  sched.run();
  std::vector<position_view> seen;
  for (int i = 0; i < 2; ++i)
    self->receive([&](position_view& v) { seen.push_back(v); },
                  caf::after(0s) >> [] {});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].qty, quantity::parse("-0.010").value());
  EXPECT_EQ(seen[1].qty, quantity::parse("-0.006").value());
  EXPECT_EQ(seen[1].avg_entry, price::parse("60000").value());
  // 4 - 0.3 - 0.118 = 3.582 USDT
  EXPECT_EQ(seen[1].realized_pnl, money::parse("3.582").value());
  EXPECT_EQ(seen[1].fills, 2u);
  self->send(p, get_atom::value);
  sched.run();
  position_view got;
  self->receive([&](position_view& v) { got = v; }, caf::after(0s) >> [] {});
  EXPECT_EQ(got.qty, quantity::parse("-0.006").value());
  self->send_exit(p, caf::exit_reason::user_shutdown);
  sched.run();
}

} // namespace
} // namespace tandem::actors
