// Helper for journal_crash_test: appends records through the journal actor
// forever and prints "<seq> <signal id>\n" for every durable append the
// moment it is acked. The parent SIGKILLs it at a random point.
//
// usage: journal_crash_child DB_FILE RUN
#include "actors/journal_actor.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

using namespace tandem;
using namespace std::chrono_literals;

namespace {

void say(const std::string& line) {
  // write(2), no stdio buffer: an ack printed is an ack the parent sees.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    auto n = ::write(1, p, left);
    if (n <= 0)
      std::_Exit(3);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

journal::record sig(std::string id) {
  return journal::record{0, timestamp{std::chrono::nanoseconds{1}},
                         journal::signal_processed{std::move(id)}};
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: journal_crash_child DB_FILE RUN\n", stderr);
    return 2;
  }
  std::string run = argv[2];
  auto s = journal::store::open(argv[1]);
  if (!s) {
    std::fprintf(stderr, "%s\n", journal::to_string(s.error()).c_str());
    return 1;
  }
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto j = actors::make_journal_actor(
    sys, std::move(*s),
    actors::journal_actor_config{.max_batch = 64,
                                 .max_delay = 2000us,
                                 .retry_delay = 1000ms,
                                 .on_failure = {}});
  caf::scoped_actor self{sys};
  for (std::uint64_t i = 0;; ++i) {
    // A few events after the fact, then an intent that must be durable.
    for (int k = 0; k < 5; ++k)
      self->send(
        j, actors::journal_append_atom::value,
        sig("ff-" + run + "-" + std::to_string(i) + "-" + std::to_string(k)));
    auto id = "d-" + run + "-" + std::to_string(i);
    bool ok = false;
    self->request(j, 30s, actors::journal_durable_atom::value, sig(id))
      .receive(
        [&](const actors::durable_reply& r) {
          if (r) {
            say(std::to_string(*r) + " " + id + "\n");
            ok = true;
          }
        },
        [&](const caf::error&) {});
    if (!ok)
      return 4;
  }
}
