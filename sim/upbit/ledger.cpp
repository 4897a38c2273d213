#include "sim/upbit/ledger.hpp"

namespace tandem::sim::upbit {

ledger::ledger(const venue_config& cfg) {
  for (const auto& a : cfg.accounts) {
    auto& acct = accounts_[a.access_key];
    acct["KRW"]; // every account has a KRW row
    for (const auto& b : a.balances)
      acct[b.currency].free += b.amount;
  }
}

bool ledger::has_account(std::string_view key) const {
  return accounts_.find(key) != accounts_.end();
}

holding ledger::get(std::string_view key, std::string_view currency) const {
  auto a = accounts_.find(key);
  if (a == accounts_.end())
    return {};
  auto h = a->second.find(currency);
  return h == a->second.end() ? holding{} : h->second;
}

std::vector<std::pair<std::string, holding>>
ledger::holdings(std::string_view key) const {
  std::vector<std::pair<std::string, holding>> out;
  auto a = accounts_.find(key);
  if (a == accounts_.end())
    return out;
  for (const auto& [c, h] : a->second)
    out.emplace_back(c, h);
  return out;
}

holding& ledger::at(std::string_view key, std::string_view currency) {
  changed_[std::string{key}].insert(std::string{currency});
  auto& acct = accounts_[std::string{key}];
  auto it = acct.find(currency);
  if (it == acct.end())
    it = acct.emplace(std::string{currency}, holding{}).first;
  return it->second;
}

bool ledger::lock(std::string_view key, std::string_view currency,
                  money amount) {
  auto a = accounts_.find(key);
  if (a == accounts_.end())
    return false;
  auto h = a->second.find(currency);
  if (h == a->second.end() || h->second.free < amount)
    return false;
  auto& held = at(key, currency);
  held.free -= amount;
  held.locked += amount;
  return true;
}

void ledger::unlock(std::string_view key, std::string_view currency,
                    money amount) {
  if (amount.is_zero())
    return;
  auto& h = at(key, currency);
  h.locked -= amount;
  h.free += amount;
}

void ledger::spend_locked(std::string_view key, std::string_view currency,
                          money amount) {
  at(key, currency).locked -= amount;
}

void ledger::credit(std::string_view key, std::string_view currency,
                    money amount) {
  at(key, currency).free += amount;
}

void ledger::note_buy(std::string_view key, std::string_view currency,
                      money qty, money funds) {
  auto& h = at(key, currency);
  // The holding already includes `qty` (credit comes first). Holdings of
  // unknown cost (starting balances) take this buy's price.
  const money total = h.free + h.locked;
  const money before = total - qty;
  if (!h.avg_buy_price || !before.is_positive()) {
    if (auto avg = div<price>(funds, qty, rounding::half_even))
      h.avg_buy_price = *avg;
    return;
  }
  auto old_cost = mul<money>(*h.avg_buy_price, before, rounding::half_even);
  if (!old_cost || !total.is_positive())
    return;
  if (auto avg = div<price>(*old_cost + funds, total, rounding::half_even))
    h.avg_buy_price = *avg;
}

std::vector<std::string> ledger::take_changes(std::string_view key) {
  std::vector<std::string> out;
  auto it = changed_.find(key);
  if (it == changed_.end())
    return out;
  out.assign(it->second.begin(), it->second.end());
  changed_.erase(it);
  return out;
}

} // namespace tandem::sim::upbit
