#include "risk/fill_pnl.hpp"

#include "risk/limits.hpp"

namespace tandem::risk {

std::optional<money> fill_pnl_krw(money realized, money fee,
                                  std::string_view currency,
                                  price usdt_krw) noexcept {
  return to_krw(realized - fee, currency, usdt_krw);
}

past_booking book_past_fills(daily_pnl& day, std::vector<past_fill_pnl> past,
                             price usdt_krw) {
  past_booking out;
  for (auto& f : past) {
    if (auto k = fill_pnl_krw(f.realized, f.fee, f.currency, usdt_krw)) {
      day.book(*k, f.ts);
      ++out.booked;
    } else if (f.currency == "USDT" && !usdt_krw.is_positive()) {
      out.waiting.push_back(std::move(f));
    } else {
      out.unconverted.push_back(std::move(f));
    }
  }
  return out;
}

} // namespace tandem::risk
