// Venues and instrument kinds known to the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tandem {

/// A trading venue. Numbers are stable (they go into the journal).
enum class venue : std::uint8_t {
  upbit = 1,   ///< Upbit, KRW spot.
  binance = 2, ///< Binance USD-M futures.
  ls = 3,      ///< LS Securities, Korean futures/options.
  kiwoom = 4,  ///< Kiwoom, Korean stocks.
  ibkr = 5,    ///< Interactive Brokers.
};

/// What an instrument is; decides notional and position semantics.
enum class instrument_kind : std::uint8_t {
  spot = 1,
  perpetual = 2,
  future = 3,
  option = 4,
  stock = 5,
};

/// Returns "upbit", "binance", ...
std::string_view to_string(venue v) noexcept;
/// Parses the lowercase name; nullopt for an unknown venue.
std::optional<venue> venue_from_string(std::string_view s) noexcept;

/// Returns "spot", "perpetual", ...
std::string_view to_string(instrument_kind k) noexcept;
/// Parses the lowercase name; nullopt for an unknown kind.
std::optional<instrument_kind>
instrument_kind_from_string(std::string_view s) noexcept;

} // namespace tandem
