#include "arbitrage/quote_board.hpp"

#include <string>
#include <utility>

namespace tandem::arbitrage {

bool quote_board::update(const venues::book_top& t) {
  auto& s = find_or_add(t.venue, t.symbol);
  if (s.top) {
    // Binance bookTicker carries an update id; Upbit does not (0).
    if (t.update_id != 0 && s.top->update_id != 0
        && t.update_id < s.top->update_id)
      return false;
    if (t.recv_ts < s.top->recv_ts)
      return false;
  }
  s.top = t;
  return true;
}

bool quote_board::update(venues::book_depth d, timestamp recv_ts) {
  auto& s = find_or_add(d.venue, d.symbol);
  if (s.depth && recv_ts < s.depth->recv_ts)
    return false;
  s.depth = depth_entry{std::move(d), recv_ts};
  return true;
}

const venues::book_top*
quote_board::top(venue v, std::string_view symbol) const noexcept {
  auto* s = find(v, symbol);
  return s && s->top ? &*s->top : nullptr;
}

const depth_entry* quote_board::depth(venue v,
                                      std::string_view symbol) const noexcept {
  auto* s = find(v, symbol);
  return s && s->depth ? &*s->depth : nullptr;
}

bool quote_board::fresh(venue v, std::string_view symbol, timestamp now,
                        std::chrono::nanoseconds max_age) const noexcept {
  auto* t = top(v, symbol);
  return t && is_fresh(t->recv_ts, now, max_age);
}

bool quote_board::depth_fresh(venue v, std::string_view symbol, timestamp now,
                              std::chrono::nanoseconds max_age) const noexcept {
  auto* d = depth(v, symbol);
  return d && is_fresh(d->recv_ts, now, max_age);
}

quote_board::slot* quote_board::find(venue v,
                                     std::string_view symbol) noexcept {
  for (auto& s : slots_)
    if (s.venue == v && s.symbol == symbol)
      return &s;
  return nullptr;
}

const quote_board::slot*
quote_board::find(venue v, std::string_view symbol) const noexcept {
  for (const auto& s : slots_)
    if (s.venue == v && s.symbol == symbol)
      return &s;
  return nullptr;
}

quote_board::slot& quote_board::find_or_add(venue v, std::string_view symbol) {
  if (auto* s = find(v, symbol))
    return *s;
  slots_.push_back(slot{v, std::string{symbol}, std::nullopt, std::nullopt});
  return slots_.back();
}

} // namespace tandem::arbitrage
