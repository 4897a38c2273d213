#include "sim/matching/order_book.hpp"

#include <algorithm>

namespace tandem::sim {

namespace {

/// Does a resting price satisfy the incoming order's limit?
bool crosses(side taker, std::optional<price> limit, price resting) {
  if (!limit)
    return true; // market order
  return taker == side::buy ? resting <= *limit : resting >= *limit;
}

} // namespace

template<class Book>
void order_book::match_against(Book& book, book_order& o, quantity cap,
                               match_result& r) {
  quantity done = quantity::zero();
  while (!book.empty() && done < cap) {
    auto it = book.begin();
    if (!crosses(o.s, o.limit, it->first))
      break;
    auto& queue = it->second;
    while (!queue.empty() && done < cap) {
      auto& maker = queue.front();
      if (maker.account == o.account) {
        // Self-trade prevention: stop here, the taker's rest is canceled.
        r.outcome = match_outcome::self_trade_prevented;
        return;
      }
      auto q = std::min({maker.open(), o.open(), cap - done});
      trade t;
      t.trade_id = next_trade_id_++;
      t.maker_id = maker.id;
      t.taker_id = o.id;
      t.maker_account = maker.account;
      t.taker_account = o.account;
      t.px = it->first;
      t.qty = q;
      t.taker_side = o.s;
      r.trades.push_back(std::move(t));
      maker.filled += q;
      o.filled += q;
      done += q;
      if (maker.open().is_zero()) {
        index_.erase(maker.id);
        queue.pop_front();
      }
    }
    if (queue.empty())
      book.erase(it);
  }
}

match_result order_book::submit(book_order o,
                                std::optional<quantity> max_fill) {
  match_result r;
  auto cap = max_fill ? std::min(*max_fill, o.open()) : o.open();
  if (o.tif == time_in_force::fok) {
    // All or nothing, decided before touching the book.
    if (available(o.s, o.limit, o.account) < o.open() || cap < o.open()) {
      r.outcome = match_outcome::killed;
      r.order = std::move(o);
      return r;
    }
  }
  if (o.s == side::buy)
    match_against(asks_, o, cap, r);
  else
    match_against(bids_, o, cap, r);
  if (r.outcome == match_outcome::self_trade_prevented) {
    r.order = std::move(o);
    return r;
  }
  if (o.open().is_zero()) {
    r.outcome = match_outcome::filled;
  } else if (o.limit && o.tif != time_in_force::ioc
             && o.tif != time_in_force::fok) {
    rest(o);
    r.outcome = match_outcome::rested;
  } else {
    r.outcome = match_outcome::remainder_canceled;
  }
  r.order = std::move(o);
  return r;
}

void order_book::rest(const book_order& o) {
  index_[o.id] = {o.s, *o.limit};
  if (o.s == side::buy)
    bids_[*o.limit].push_back(o);
  else
    asks_[*o.limit].push_back(o);
}

std::optional<book_order> order_book::cancel(std::uint64_t id) {
  auto it = index_.find(id);
  if (it == index_.end())
    return std::nullopt;
  auto [s, px] = it->second;
  index_.erase(it);
  auto take = [&](auto& book) -> std::optional<book_order> {
    auto lvl = book.find(px);
    if (lvl == book.end())
      return std::nullopt;
    auto& q = lvl->second;
    auto pos = std::find_if(q.begin(), q.end(),
                            [&](const book_order& b) { return b.id == id; });
    if (pos == q.end())
      return std::nullopt;
    auto out = *pos;
    q.erase(pos);
    if (q.empty())
      book.erase(lvl);
    return out;
  };
  return s == side::buy ? take(bids_) : take(asks_);
}

const book_order* order_book::find(std::uint64_t id) const {
  auto it = index_.find(id);
  if (it == index_.end())
    return nullptr;
  auto [s, px] = it->second;
  auto look = [&](const auto& book) -> const book_order* {
    auto lvl = book.find(px);
    if (lvl == book.end())
      return nullptr;
    for (const auto& b : lvl->second)
      if (b.id == id)
        return &b;
    return nullptr;
  };
  return s == side::buy ? look(bids_) : look(asks_);
}

std::optional<price> order_book::best_bid() const {
  if (bids_.empty())
    return std::nullopt;
  return bids_.begin()->first;
}

std::optional<price> order_book::best_ask() const {
  if (asks_.empty())
    return std::nullopt;
  return asks_.begin()->first;
}

std::vector<std::pair<price, quantity>>
order_book::levels(side s, std::size_t n) const {
  std::vector<std::pair<price, quantity>> out;
  auto collect = [&](const auto& book) {
    for (const auto& [px, q] : book) {
      if (out.size() == n)
        break;
      quantity total;
      for (const auto& b : q)
        total += b.open();
      out.emplace_back(px, total);
    }
  };
  if (s == side::buy)
    collect(bids_);
  else
    collect(asks_);
  return out;
}

quantity order_book::available(side s, std::optional<price> limit,
                               const std::string& account) const {
  quantity total;
  auto sum = [&](const auto& book) {
    for (const auto& [px, q] : book) {
      if (!crosses(s, limit, px))
        break;
      for (const auto& b : q) {
        if (b.account == account)
          return; // matching stops at our own order (self-trade prevention)
        total += b.open();
      }
    }
  };
  if (s == side::buy)
    sum(asks_);
  else
    sum(bids_);
  return total;
}

} // namespace tandem::sim
