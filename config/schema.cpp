#include "config/schema.hpp"

namespace tandem::config {

std::string_view to_string(engine_mode m) noexcept {
  switch (m) {
    case engine_mode::paper: return "paper";
    case engine_mode::live: return "live";
  }
  return "unknown";
}

const venue_config* venues_section::find(std::string_view name) const noexcept {
  if (name == "upbit")
    return &upbit;
  if (name == "binance")
    return &binance;
  if (name == "ls")
    return &ls;
  if (name == "kiwoom")
    return &kiwoom;
  if (name == "ibkr")
    return &ibkr;
  return nullptr;
}

venue_config* venues_section::find(std::string_view name) noexcept {
  return const_cast<venue_config*>(std::as_const(*this).find(name));
}

} // namespace tandem::config
