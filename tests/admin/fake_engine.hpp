// A fake engine for the admin gateway tests: it speaks the whole control
// protocol (actors/control_protocol.hpp) with a little state (halt, pause,
// parameters, two open orders, two positions, two venues), journals every
// request it gets with its requester, and publishes events to the
// gateway. Extra messages let a test steer it.
#pragma once

#include "actors/control_protocol.hpp"

#include <caf/fwd.hpp>

#include <string>
#include <variant>
#include <vector>

namespace tandem::admin::test {

/// What the fake engine recorded for one request.
struct journal_entry {
  admin::role role = admin::role::anonymous;
  std::string client;
  std::string command;
  std::string detail;
  std::uint64_t request_id = 0;
};

/// Test -> fake: push this event to every subscriber.
struct fake_publish {
  std::variant<fill_event, pair_settlement_event, alert_event,
               status_change_event>
    event;
};
/// Test -> fake: hold every request without answering (true), or answer
/// again (false).
struct fake_stall {
  bool stalled = false;
};
/// Test -> fake: mark a venue connected or not.
struct fake_venue {
  tandem::venue venue = venue::upbit;
  bool connected = true;
};
/// Test -> fake: reply with the journal (std::vector<journal_entry>).
struct fake_journal {};
/// Test -> fake: reply with the number of subscribers (std::size_t).
struct fake_subscribers {};

/// Spawns the fake engine.
caf::actor spawn_fake_engine(caf::actor_system& sys);

} // namespace tandem::admin::test

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::test::fake_publish)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::test::fake_stall)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::test::fake_venue)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::test::fake_journal)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tandem::admin::test::fake_subscribers)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tandem::admin::test::journal_entry>)
