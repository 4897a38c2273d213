// The journal actor: owns the journal's store on a detached actor (its own
// thread: SQLite blocks, and blocking I/O never runs on a CAF worker), and
// turns a stream of records into group commits.
//
// Group commit: records collect in one group, committed in ONE transaction
// when
//  - the group holds max_batch records, or
//  - a durable record waits and the mailbox is empty (nothing more to add:
//    an order intent never waits for company, while under load the
//    records that arrive during one commit form the next group), or
//  - max_delay has passed since the group's first record (fire-and-forget
//    records alone never wait longer).
// A durable append is answered only after its group's COMMIT returned.
//
// Failure: a failed commit is logged (event=journal.write_failed) and sent
// to `on_failure` as a journal_failure; every durable record of the group is
// answered with the error and dropped (its sender was told it is not
// journaled and must not act on it); fire-and-forget records are kept and
// retried every retry_delay. Until a commit succeeds again, durable appends
// are answered with the error at once. On exit the actor commits what is
// pending (best effort, logged).
#pragma once

#include "actors/journal_protocol.hpp"
#include "journal/store.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <chrono>
#include <cstddef>

namespace tandem::actors {

struct journal_actor_config {
  /// Most records in one group (one transaction).
  std::size_t max_batch = 256;
  /// Longest a fire-and-forget record waits for its group to commit.
  std::chrono::microseconds max_delay{2000};
  /// Wait between retries after a failed commit.
  std::chrono::milliseconds retry_delay{1000};
  /// Receives a journal_failure after every failed commit (the engine's
  /// emergency stop, or a bridge to it); may be null.
  caf::actor on_failure;
};

/// Spawns the journal actor (detached) owning `store`, which the engine has
/// opened and replayed. The store is closed when the actor exits.
/// The shared form: the engine keeps the store for the pair coordinator's
/// durable intents (journal/store.hpp serializes the two writers).
journal_actor make_journal_actor(caf::actor_system& sys,
                                 std::shared_ptr<journal::store> store,
                                 journal_actor_config cfg = {});
journal_actor make_journal_actor(caf::actor_system& sys, journal::store store,
                                 journal_actor_config cfg = {});

} // namespace tandem::actors
