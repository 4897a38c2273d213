// Client order ids: minted once per order, journaled before the order is sent
// and reused by every retry, so a retry can never create a second order.
//
// Format: "<prefix>-<session>-<seq>", base36 lowercase, e.g. "tdm-mhx3k2a1-1z".
// Limits: 1..32 characters from [A-Za-z0-9_-]. That is inside every venue's
// rule: Binance `^[\.A-Z\:/a-z0-9_-]{1,36}$`, Upbit `identifier` (free string,
// unique forever per account), IBKR `orderRef`. LS and Kiwoom have no client
// id on the wire; the engine keeps the mapping to their order numbers.
#pragma once

#include "core/errors.hpp"
#include "core/result.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tandem {

/// A validated client order id, stored inline (no allocation).
class client_order_id {
 public:
  static constexpr std::size_t max_length = 32;

  client_order_id() = default;

  /// Returns the id, or bad_client_order_id if empty, longer than
  /// max_length or holding a character outside [A-Za-z0-9_-].
  static result<client_order_id, validation_error>
  make(std::string_view s) noexcept;

  std::string_view view() const noexcept { return {chars_.data(), size_}; }
  std::string str() const { return std::string{view()}; }
  bool empty() const noexcept { return size_ == 0; }

  /// Returns true if the id starts with "<prefix>-" (ours, not foreign).
  bool has_prefix(std::string_view prefix) const noexcept;

  friend bool operator==(const client_order_id& a,
                         const client_order_id& b) noexcept {
    return a.view() == b.view();
  }
  friend auto operator<=>(const client_order_id& a,
                          const client_order_id& b) noexcept {
    return a.view() <=> b.view();
  }

 private:
  std::array<char, max_length> chars_{};
  std::uint8_t size_ = 0;
};

std::ostream& operator<<(std::ostream& os, const client_order_id& id);

/// Mints unique ids for one engine session. The session part must differ
/// between runs (the engine passes its start time in ms; the journal restores
/// the sequence after a restart), so ids stay unique forever as Upbit needs.
class client_order_id_generator {
 public:
  /// Prefix: 1..8 of [a-z0-9]; session: any value, printed in base36.
  static result<client_order_id_generator, validation_error>
  make(std::string_view prefix, std::uint64_t session,
       std::uint64_t first_seq = 1) noexcept;

  /// Returns the next id; never repeats within this generator.
  client_order_id next() noexcept;

  /// Returns the sequence number the next id will carry.
  std::uint64_t next_seq() const noexcept { return seq_; }
  std::string_view prefix() const noexcept { return {prefix_, prefix_len_}; }

 private:
  client_order_id_generator() = default;
  char prefix_[8]{};
  std::size_t prefix_len_ = 0;
  char session_[14]{};
  std::size_t session_len_ = 0;
  std::uint64_t seq_ = 1;
};

} // namespace tandem
