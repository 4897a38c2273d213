// The trading path's alerts carry pair id, venues, quantities, prices and
// what was done, and fold only what is the same fault.
#include "alerts/discord_payload.hpp"
#include "alerts/trade_alerts.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::alerts;

namespace {

price px(std::string_view s) { return *price::parse(s); }
quantity qty(std::string_view s) { return *quantity::parse(s); }

leg_summary upbit_leg() {
  return {venue::upbit, "KRW-BTC",      side::buy, qty("0.01"),
          qty("0.01"),  px("95000000"), "filled"};
}

leg_summary binance_leg(std::string state) {
  return {venue::binance, "BTCUSDT",     side::sell,      qty("0.01"),
          qty("0"),       px("68000.5"), std::move(state)};
}

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

std::string all_text(const alert& a) {
  std::string s = a.title + "\n" + a.summary;
  for (const auto& f : a.fields)
    s += "\n" + f.name + ": " + f.value;
  return s;
}

} // namespace

TEST(alerts_trade, one_leg_failure_names_pair_venues_quantities_prices) {
  auto at = from_unix_ms(1'700'000'000'000);
  auto a
    = one_leg_failure_alert("pair-7", binance_leg("rejected: -2019"),
                            upbit_leg(), "unwinding 0.01 BTC on upbit", at);
  EXPECT_EQ(a.kind, alert_kind::one_leg_failure);
  EXPECT_EQ(a.severity, severity::error);
  EXPECT_EQ(a.at, at);
  auto text = all_text(a);
  for (auto part :
       {"pair-7", "binance", "upbit", "BTCUSDT", "KRW-BTC", "0.01", "95000000",
        "68000.5", "rejected: -2019", "unwinding 0.01 BTC on upbit"})
    EXPECT_TRUE(has(text, part)) << part << " missing in\n" << text;
  // Payload builds and keeps the pair id in a field.
  EXPECT_TRUE(has(build_discord_payload(a), "\"pair-7\""));
}

TEST(alerts_trade, same_fault_on_different_pairs_shares_a_key) {
  auto a = one_leg_failure_alert("p1", binance_leg("rejected: -2019"),
                                 upbit_leg(), "unwind", {});
  auto b = one_leg_failure_alert("p2", binance_leg("rejected: -2019"),
                                 upbit_leg(), "unwind", {});
  auto c = one_leg_failure_alert("p3", binance_leg("timed out"), upbit_leg(),
                                 "unwind", {});
  EXPECT_EQ(effective_dedup_key(a), effective_dedup_key(b));
  EXPECT_NE(effective_dedup_key(a), effective_dedup_key(c));
}

TEST(alerts_trade, failed_rollback_is_critical_and_never_folded) {
  auto ok = rollback_alert("p1", upbit_leg(), true, "sold 0.01 at market", {});
  EXPECT_EQ(ok.kind, alert_kind::rollback);
  EXPECT_EQ(ok.severity, severity::warning);
  auto bad1 = rollback_alert("p1", upbit_leg(), false, "escalated", {});
  auto bad2 = rollback_alert("p2", upbit_leg(), false, "escalated", {});
  EXPECT_EQ(bad1.kind, alert_kind::rollback_failed);
  EXPECT_EQ(bad1.severity, severity::critical);
  EXPECT_NE(effective_dedup_key(bad1), effective_dedup_key(bad2));
  EXPECT_TRUE(has(all_text(bad1), "p1"));
  EXPECT_TRUE(has(all_text(bad1), "escalated"));
}

TEST(alerts_trade, escalation_lists_every_leg) {
  std::vector<leg_summary> legs{upbit_leg(), binance_leg("unknown")};
  auto a = escalation_alert("p9", "rollback failed twice", legs,
                            "emergency stop", {});
  EXPECT_EQ(a.severity, severity::critical);
  auto text = all_text(a);
  EXPECT_TRUE(has(text, "KRW-BTC"));
  EXPECT_TRUE(has(text, "BTCUSDT"));
  EXPECT_TRUE(has(text, "rollback failed twice"));
}

TEST(alerts_trade, halt_is_keyed_by_trigger) {
  auto a = halt_alert("daily_loss_limit", "loss -3.1% of capital",
                      "cancelled 4 open orders", {});
  EXPECT_EQ(a.kind, alert_kind::halt);
  EXPECT_EQ(a.severity, severity::critical);
  EXPECT_EQ(a.dedup_key, "halt|daily_loss_limit");
  EXPECT_TRUE(has(all_text(a), "cancelled 4 open orders"));
  auto c = halt_cleared_alert("operator", {});
  EXPECT_EQ(c.severity, severity::info);
}

TEST(alerts_trade, describe_leg_reads_as_a_sentence) {
  EXPECT_EQ(describe_leg(upbit_leg()),
            "buy 0.01 KRW-BTC @ 95000000 on upbit, filled 0.01 (filled)");

  auto m = upbit_leg();
  m.price = {};
  m.state.clear();
  EXPECT_EQ(describe_leg(m), "buy 0.01 KRW-BTC on upbit, filled 0.01");
}
