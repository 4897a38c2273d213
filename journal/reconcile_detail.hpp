// Internals of reconcile(): the working context shared by the order pass
// (reconcile.cpp) and the position pass (reconcile_positions.cpp). Not
// part of the public API.
#pragma once

#include "journal/reconcile.hpp"

#include <map>
#include <string>
#include <string_view>

namespace tandem::journal::detail {

/// One reconcile() run.
struct reconcile_context {
  const recovered_state& state;
  const reconcile_input& in;
  reconcile_report report;
  /// The journal's positions with this run's adopted fills applied.
  std::map<position_key, position> positions;
  /// The first failure; reconcile() returns it instead of the report.
  std::optional<reconcile_failure> failed;

  void fail(std::string what) {
    if (!failed)
      failed = reconcile_failure{std::move(what)};
  }
  /// Appends a reconcile_note record and the same text as a log note.
  void note(tandem::venue v, std::string symbol,
            std::optional<client_order_id> id, std::string action,
            std::string detail);
  /// Appends a fill record and applies it to `positions`.
  void add_fill(const fill& f);
};

/// Finds the instrument of (venue, symbol), or nullptr.
const instrument* find_instrument(const reconcile_input& in, tandem::venue v,
                                  std::string_view symbol);

/// The position pass: runs after every order was settled.
void reconcile_positions(reconcile_context& cx, const venue_snapshot& snap);

/// "upbit", "binance", ... as std::string.
std::string venue_name(tandem::venue v);

} // namespace tandem::journal::detail
