// The day's realized P&L rebuilt after a restart: journaled fills replayed
// (position rules) and booked by the risk rules (less fees, USDT at the
// KRW-USDT rate, each at its own time): only the current KST day's count.
#include "journal/replay.hpp"
#include "risk/fill_pnl.hpp"
#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;
using namespace std::chrono_literals;

namespace {

// 2024-01-01T15:00:00Z = 2024-01-02T00:00:00 KST.
const timestamp kst_midnight = from_unix_ms(1'704'121'200'000);

fill at(fill f, timestamp ts) {
  f.ts = ts;
  return f;
}

/// What the risk actor books: the instrument's quote currency per fill.
std::vector<risk::past_fill_pnl> past_of(const recovered_state& st) {
  std::vector<risk::past_fill_pnl> out;
  for (const auto& r : st.recent_realized)
    out.push_back(
      {r.ts, r.venue == venue::upbit ? "KRW" : "USDT", r.realized, r.fee});
  return out;
}

money today(const recovered_state& st, timestamp now) {
  risk::daily_pnl day;
  risk::book_past_fills(day, past_of(st), price::must_parse("1400"));
  return day.mark(now, money::zero());
}

} // namespace

TEST(journal_realized_today, only_fills_of_the_current_kst_day_count) {
  std::vector<record> recs;
  std::uint64_t seq = 0;
  auto add = [&](fill f) {
    recs.push_back(record{++seq, f.ts, std::move(f)});
  };
  // Yesterday (KST): a round trip that lost 500,000 KRW plus fees.
  add(at(make_fill("tdm-d-1", "d-1", venue::upbit, "KRW-BTC", side::buy, "0.01",
                   "100000000", "500"),
         kst_midnight - 3h));
  add(at(make_fill("tdm-d-2", "d-2", venue::upbit, "KRW-BTC", side::sell,
                   "0.01", "50000000", "250"),
         kst_midnight - 2h));
  // Bought before midnight, sold after: the sale realizes today.
  add(at(make_fill("tdm-d-3", "d-3", venue::upbit, "KRW-BTC", side::buy, "0.01",
                   "100000000", "500"),
         kst_midnight - 1min));
  add(at(make_fill("tdm-d-4", "d-4", venue::upbit, "KRW-BTC", side::sell,
                   "0.01", "98000000", "490"),
         kst_midnight + 1min));
  // Binance today: short 0.01 at 70,000, covered at 71,000: -10 USDT,
  // fees 0.35 + 0.355 USDT; at 1,400 KRW per USDT.
  add(at(make_fill("tdm-d-5", "d-5", venue::binance, "BTCUSDT", side::sell,
                   "0.01", "70000", "0.35"),
         kst_midnight + 2h));
  add(at(make_fill("tdm-d-6", "d-6", venue::binance, "BTCUSDT", side::buy,
                   "0.01", "71000", "0.355"),
         kst_midnight + 3h));
  auto st = replay(recs);
  // Today: -20,000 - 490 (Upbit sale) - (10 + 0.705) x 1,400 (Binance).
  EXPECT_EQ(today(st, kst_midnight + 4h), money::must_parse("-35477"));
  // The same journal read the day before, after the last of yesterday's
  // fills: yesterday's count (including the 23:59 buy's fee).
  recs.resize(3);
  EXPECT_EQ(today(replay(recs), kst_midnight - 1s),
            money::must_parse("-501250"));
}
