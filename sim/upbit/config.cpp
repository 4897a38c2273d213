#include "sim/upbit/config.hpp"

namespace tandem::sim::upbit {

tick_rule krw_usdt_tick() {
  auto p = [](const char* s) {
    return price::must_parse(s);
  };
  // clang-format off
  return tick_rule::bands({
    {p("1000000"),  p("1000")},
    {p("500000"),   p("500")},
    {p("100000"),   p("100")},
    {p("50000"),    p("50")},
    {p("10000"),    p("10")},
    {p("1000"),     p("0.5")},  // KRW-USDT/KRW-USDC exception
    {p("100"),      p("1")},
    {p("10"),       p("0.1")},
    {p("1"),        p("0.01")},
    {p("0"),        p("0.001")},
  });
  // clang-format on
}

venue_config default_config() {
  venue_config c;
  market_config btc;
  btc.code = "KRW-BTC";
  btc.base = "BTC";
  btc.korean_name = "비트코인";
  btc.english_name = "Bitcoin";
  btc.reference_price = price::must_parse("100000000");
  c.markets.push_back(std::move(btc));
  market_config usdt;
  usdt.code = "KRW-USDT";
  usdt.base = "USDT";
  usdt.korean_name = "테더";
  usdt.english_name = "Tether";
  usdt.tick = krw_usdt_tick();
  usdt.reference_price = price::must_parse("1400");
  c.markets.push_back(std::move(usdt));
  return c;
}

} // namespace tandem::sim::upbit
