// End to end on real loopback sockets: the alert actor (real scheduler),
// the Discord sender and a local TLS webhook that answers 429 once, then
// 204. The retry must not come before the 429's retry_after, measured by
// the server's own receive times.
#include "actors/alert_actor.hpp"
#include "actors/alert_protocol.hpp"
#include "alerts/discord_sender.hpp"
#include "alerts/trade_alerts.hpp"
#include "venues/net/io/io_runner.hpp"
#include "webhook_fixture.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <simdjson.h>

using namespace tandem;
using namespace tandem::alerts;
using namespace tandem::alerts::testing;
using namespace std::chrono_literals;

namespace {

struct two_threads : caf::actor_system_config {
  two_threads() { set("scheduler.max-threads", std::size_t{2}); }
};

} // namespace

TEST(alerts_delivery, a_429_is_retried_no_earlier_than_its_retry_after) {
  log_capture log;
  net::testing::test_pki pki;
  net::io_runner runner;
  runner.start();
  webhook_server hook{pki};
  hook.script({{429,
                {{"Content-Type", "application/json"}},
                R"({"message": "You are being rate limited.", )"
                R"("retry_after": 0.3, "global": false})"}});
  {
    discord_sender::options so;
    so.ca_file = pki.ca_file();
    auto sender = discord_sender::make(runner, secret{hook.webhook_url()}, so);
    ASSERT_TRUE(sender);
    two_threads cfg;
    caf::actor_system sys{cfg};
    actors::alert_actor_config ac;
    ac.transport = std::shared_ptr<alert_transport>(std::move(*sender));
    ac.queue.min_interval = 10ms; // well below retry_after: it must rule
    auto actor = actors::spawn_alert_actor(sys, std::move(ac));

    leg_summary failed{venue::binance,   "BTCUSDT",
                       side::sell,       *quantity::parse("0.01"),
                       quantity{},       *price::parse("68000.5"),
                       "rejected: -2019"};
    leg_summary filled{venue::upbit,
                       "KRW-BTC",
                       side::buy,
                       *quantity::parse("0.01"),
                       *quantity::parse("0.01"),
                       *price::parse("95000000"),
                       "filled"};
    caf::anon_send(actor,
                   one_leg_failure_alert("pair-31", failed, filled,
                                         "sold 0.01 KRW-BTC on upbit",
                                         from_unix_ms(1'700'000'000'000)));

    ASSERT_TRUE(hook.wait_for(2)) << "no retry reached the webhook";
    auto seen = hook.seen();
    EXPECT_GE(seen[1].at - seen[0].at, 300ms);
    EXPECT_EQ(seen[1].body, seen[0].body); // the same message, again
    EXPECT_EQ(seen[0].target, std::string{posted_path} + "?wait=true");
    EXPECT_EQ(seen[0].content_type, "application/json");
    simdjson::dom::parser p;
    simdjson::dom::element root;
    ASSERT_EQ(p.parse(seen[1].body).get(root), simdjson::SUCCESS);
    std::string_view content, field;
    ASSERT_EQ(root["content"].get(content), simdjson::SUCCESS);
    EXPECT_EQ(content,
              "[ERROR] One leg failed: binance BTCUSDT (pair pair-31)");
    ASSERT_EQ(root["embeds"].at(0)["fields"].at(0)["value"].get(field),
              simdjson::SUCCESS);
    EXPECT_EQ(field, "pair-31");

    // The 204 reaches the actor shortly after the server answered it: ask
    // until the stats say so (the guard only bounds a hang).
    caf::scoped_actor self{sys};
    queue_stats st;
    auto give_up = std::chrono::steady_clock::now() + guard;
    while (st.delivered == 0 && std::chrono::steady_clock::now() < give_up)
      self->request(actor, caf::infinite, actors::alert_stats_atom::value)
        .receive([&](const queue_stats& s) { st = s; },
                 [&](caf::error&) { ADD_FAILURE() << "no stats"; });
    EXPECT_EQ(st.rate_limited, 1u);
    EXPECT_EQ(st.delivered, 1u);
    self->send_exit(actor, caf::exit_reason::user_shutdown);
  } // the actor system waits for the actor; its exit shuts the sender down
  runner.stop();
  EXPECT_EQ(log.text().find(webhook_token), std::string::npos) << log.text();
}
