// The journal actor's messages. Include only from actor translation units
// (it pulls in CAF); the record types themselves are journal/records.hpp.
//
// Requests (reply in parentheses):
//   journal_append_atom, journal::record      no reply: fire-and-forget;
//                                             committed with the next group
//   journal_durable_atom, journal::record     -> durable_reply, once the
//                                             group commit holding it is done
//   journal_flush_atom                        -> durable_reply: commits what
//                                             is pending now (shutdown, tests)
//   journal_lag_atom                          -> std::size_t: records not yet
//                                             committed (journal_lag)
//   journal_stats_atom                        -> journal_stats (also the
//                                             oldest pending record's time)
// Pushed to the configured failure listener after every failed commit:
//   journal_failure (one-element message)
#pragma once

#include "core/result.hpp"
#include "journal/errors.hpp"
#include "journal/records.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace tandem::actors {

using journal_append_atom = caf::atom_constant<caf::atom("jappend")>;
using journal_durable_atom = caf::atom_constant<caf::atom("jdurable")>;
using journal_flush_atom = caf::atom_constant<caf::atom("jflush")>;
using journal_lag_atom = caf::atom_constant<caf::atom("jlag")>;
using journal_stats_atom = caf::atom_constant<caf::atom("jstats")>;
/// Internal: the group timer (max_delay, or retry_delay after a failure).
using journal_tick_atom = caf::atom_constant<caf::atom("jtick")>;

/// The record's seq once it is committed, or why it is NOT in the journal:
/// an order whose intent gets an error must not be sent.
using durable_reply = result<std::uint64_t, journal::store_error>;

/// Throughput counters since the actor started.
struct journal_stats {
  /// Records committed.
  std::uint64_t records = 0;
  /// Group commits (one transaction each) that succeeded / failed.
  std::uint64_t transactions = 0;
  std::uint64_t failed_transactions = 0;
  /// append_durable requests answered with a seq / with an error.
  std::uint64_t durable_acks = 0;
  std::uint64_t durable_errors = 0;
  /// Records received but not committed (the group being filled, plus
  /// records kept for retry after a failure).
  std::size_t pending = 0;
  /// The time (record::ts) of the oldest of those; unset when none. With
  /// the time now it gives the journal's lag as an age (how long the
  /// oldest record has waited to be durable).
  std::optional<timestamp> oldest_pending;
  /// Most records committed in one transaction.
  std::size_t largest_group = 0;
  std::uint64_t last_seq = 0;
  /// Time spent in commits (wall clock), total and worst single commit.
  std::chrono::nanoseconds commit_time{0};
  std::chrono::nanoseconds max_commit_time{0};
  /// True while commits fail (between a failure and the next success).
  bool failing = false;
};

/// A failed group commit, as the failure listener receives it. The engine
/// halts on it (trigger "journal_failed"): nothing it decides after this
/// point could be replayed.
struct journal_failure {
  journal::store_error error;
  /// Fire-and-forget records kept for the retry.
  std::size_t pending = 0;
  /// Durable records refused with this error (their orders are not sent).
  std::size_t refused = 0;
};

/// The journal actor's interface; see the message list above.
using journal_actor = caf::typed_actor<
  caf::reacts_to<journal_append_atom, journal::record>,
  caf::replies_to<journal_durable_atom, journal::record>::with<durable_reply>,
  caf::replies_to<journal_flush_atom>::with<durable_reply>,
  caf::replies_to<journal_lag_atom>::with<std::size_t>,
  caf::replies_to<journal_stats_atom>::with<journal_stats>,
  caf::reacts_to<journal_tick_atom, std::uint64_t>>;

} // namespace tandem::actors

// Local-only message types: they never cross a process boundary.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::journal::record)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::durable_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::journal_stats)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::actors::journal_failure)
