#include "core/venue.hpp"

namespace tandem {

std::string_view to_string(venue v) noexcept {
  switch (v) {
    case venue::upbit: return "upbit";
    case venue::binance: return "binance";
    case venue::ls: return "ls";
    case venue::kiwoom: return "kiwoom";
    case venue::ibkr: return "ibkr";
  }
  return "unknown";
}

std::optional<venue> venue_from_string(std::string_view s) noexcept {
  for (auto v :
       {venue::upbit, venue::binance, venue::ls, venue::kiwoom, venue::ibkr})
    if (to_string(v) == s)
      return v;
  return std::nullopt;
}

std::string_view to_string(instrument_kind k) noexcept {
  switch (k) {
    case instrument_kind::spot: return "spot";
    case instrument_kind::perpetual: return "perpetual";
    case instrument_kind::future: return "future";
    case instrument_kind::option: return "option";
    case instrument_kind::stock: return "stock";
  }
  return "unknown";
}

std::optional<instrument_kind>
instrument_kind_from_string(std::string_view s) noexcept {
  for (auto k : {instrument_kind::spot, instrument_kind::perpetual,
                 instrument_kind::future, instrument_kind::option,
                 instrument_kind::stock})
    if (to_string(k) == s)
      return k;
  return std::nullopt;
}

} // namespace tandem
