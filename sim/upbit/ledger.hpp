// Account balances of the simulated venue: per access key and currency, a
// free and a locked amount and the average buy price (KRW), plus the set of
// currencies that changed since the last myAsset frame. Every amount is a
// `money` at scale 8, base-asset quantities included.
#pragma once

#include "core/decimal.hpp"
#include "sim/upbit/config.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::sim::upbit {

/// One currency of one account.
struct holding {
  money free;
  money locked;
  /// KRW paid per unit on average; absent for KRW itself and before any
  /// buy.
  std::optional<price> avg_buy_price;
};

/// Balances of every account.
class ledger {
 public:
  explicit ledger(const venue_config& cfg);

  bool has_account(std::string_view key) const;
  /// Returns the holding (zero if the account never held the currency).
  holding get(std::string_view key, std::string_view currency) const;
  /// Returns the account's currencies in name order.
  std::vector<std::pair<std::string, holding>>
  holdings(std::string_view key) const;

  /// Moves `amount` from free to locked; false if free is short.
  bool lock(std::string_view key, std::string_view currency, money amount);
  /// Moves `amount` from locked back to free.
  void unlock(std::string_view key, std::string_view currency, money amount);
  /// Removes `amount` from locked (spent).
  void spend_locked(std::string_view key, std::string_view currency,
                    money amount);
  /// Adds `amount` to free.
  void credit(std::string_view key, std::string_view currency, money amount);
  /// Updates the average buy price after buying `qty` for `funds` KRW.
  void note_buy(std::string_view key, std::string_view currency, money qty,
                money funds);

  /// Returns and forgets the currencies of `key` that changed.
  std::vector<std::string> take_changes(std::string_view key);

 private:
  holding& at(std::string_view key, std::string_view currency);

  std::map<std::string, std::map<std::string, holding, std::less<>>,
           std::less<>>
    accounts_;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>>
    changed_;
};

} // namespace tandem::sim::upbit
