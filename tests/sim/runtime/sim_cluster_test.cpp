// The cluster: config/sim.toml loads as documented, bad files are refused
// with file:line:col and without echoing secrets, and a cluster started
// in-process (TLS on, free ports) serves the configured accounts and moving
// books through our clients.
#include "sim/runtime/sim_cluster.hpp"

#include "loopback.hpp"
#include "sim/runtime/cluster_toml.hpp"
#include "test_pki.hpp"
#include "venues/binance/codec_requests.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/upbit/codec_responses.hpp"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "venues/upbit/codec_requests.hpp"
#pragma GCC diagnostic pop

#include <gtest/gtest.h>
#include <simdjson.h>

#include <array>

using namespace tandem;
using namespace std::chrono_literals;
using sim::testing::call;
namespace rt = sim::runtime;
namespace vb = venues::binance;
namespace vu = venues::upbit;

namespace {

std::string errors_of(std::string_view text) {
  auto c = rt::parse_cluster_config(text, "bad.toml");
  EXPECT_FALSE(c.has_value()) << text;
  return c ? std::string{} : c.error();
}

} // namespace

TEST(cluster_toml, the_shipped_sim_config_matches_paper_toml) {
  auto c = rt::load_cluster_config(TANDEM_SOURCE_DIR "/config/sim.toml");
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->upbit_ports.rest, 18080);
  EXPECT_EQ(c->upbit_ports.ws, 18081);
  EXPECT_EQ(c->binance_ports.rest, 18090);
  EXPECT_EQ(c->binance_ports.ws, 18091);
  EXPECT_FALSE(c->tls.has_value());
  ASSERT_EQ(c->binance.accounts.size(), 1u);
  EXPECT_EQ(c->binance.accounts[0].api_key, "paper-binance-key");
  EXPECT_EQ(c->binance.accounts[0].secret, "paper-binance-secret");
  EXPECT_EQ(c->binance.accounts[0].usdt_balance, money::must_parse("10000"));
  ASSERT_EQ(c->upbit.accounts.size(), 1u);
  EXPECT_EQ(c->upbit.accounts[0].access_key, "paper-upbit-access");
  EXPECT_EQ(c->upbit.accounts[0].secret_key, "paper-upbit-secret");
  ASSERT_EQ(c->upbit.accounts[0].balances.size(), 1u);
  EXPECT_EQ(c->upbit.accounts[0].balances[0].currency, "KRW");
  EXPECT_EQ(c->upbit.accounts[0].balances[0].amount,
            money::must_parse("10000000"));
  EXPECT_EQ(c->binance.fees.maker, rate::must_parse("0.0002"));
  EXPECT_EQ(c->upbit.bid_fee, rate::must_parse("0.0005"));
  EXPECT_EQ(c->market.seed, 1u);
  EXPECT_EQ(sim::market::to_bps(c->market.script.at(0ms)), 0);
  EXPECT_EQ(sim::market::to_bps(c->market.script.at(100s)), 250);
}

TEST(cluster_toml, bad_files_are_refused_with_positions) {
  auto e = errors_of("[binance]\nmaker_fee = 0.0002\n");
  EXPECT_NE(e.find("bad.toml:2:13: binance.maker_fee: expected a decimal "
                   "string"),
            std::string::npos)
    << e;
  e = errors_of("[upbit]\nrest_prot = 1\n");
  EXPECT_NE(e.find("bad.toml:2:1: upbit.rest_prot: unknown key"),
            std::string::npos)
    << e;
  e = errors_of("[binance]\nrest_port = 70000\n");
  EXPECT_NE(e.find("binance.rest_port: expected an integer in [0, 65535]"),
            std::string::npos)
    << e;
  e = errors_of("[tls]\nenabled = true\n");
  EXPECT_NE(e.find("tls.cert_file: missing"), std::string::npos) << e;
  e = errors_of("[market]\npremium_script = \"hold 5 bps\"\n");
  EXPECT_NE(e.find("market.premium_script: premium script segment 1"),
            std::string::npos)
    << e;
  e = errors_of("[market\n");
  EXPECT_NE(e.find("TOML syntax error"), std::string::npos) << e;
}

TEST(cluster_toml, every_problem_is_reported_and_no_secret_is_echoed) {
  auto e = errors_of("[[binance.accounts]]\napi_key = \"k\"\nsecret = 12345\n"
                     "[[binance.accounts]]\napi_key = \"k\"\nsecret = \"s\"\n"
                     "[upbit]\nbid_fee = \"-1\"\n");
  EXPECT_NE(e.find("binance.accounts[0].secret: expected a string, got an "
                   "integer (value not shown)"),
            std::string::npos)
    << e;
  EXPECT_EQ(e.find("12345"), std::string::npos) << e;
  EXPECT_NE(e.find("binance.accounts[1].api_key: the same API key"),
            std::string::npos)
    << e;
  EXPECT_NE(e.find("upbit.bid_fee"), std::string::npos) << e;
}

TEST(sim_cluster, starts_in_process_with_tls_and_serves_the_accounts) {
  net::testing::test_pki pki;
  auto cfg = rt::parse_cluster_config(R"(
[binance]
maker_fee = "0.0002"
[[binance.accounts]]
api_key = "cluster-key"
secret = "cluster-secret"
usdt_balance = "5000"
[upbit]
[[upbit.accounts]]
access_key = "cluster-access"
secret_key = "cluster-secret"
balances = { KRW = "10000000", BTC = "0.5" }
[market]
timer = false
premium_script = "hold 120 bps for 1 min"
)",
                                      "inline.toml");
  ASSERT_TRUE(cfg) << cfg.error();
  cfg->tls = sim::tls_files{pki.cert_file(), pki.key_file()};
  auto cluster = rt::sim_cluster::start(std::move(*cfg));
  ASSERT_TRUE(cluster) << cluster.error();
  const auto& urls = (*cluster)->urls();

  // The ports file's JSON names every base URL.
  simdjson::dom::parser parser;
  auto doc = parser.parse(rt::to_json(urls));
  ASSERT_FALSE(doc.error());
  std::string_view rest;
  ASSERT_FALSE(doc["binance"]["rest"].get_string().get(rest));
  EXPECT_EQ(rest, urls.binance.rest);
  ASSERT_FALSE(doc["upbit"]["ws_private"].get_string().get(rest));
  EXPECT_EQ(rest, urls.upbit.ws_private);
  EXPECT_TRUE(urls.binance.rest.starts_with("https://127.0.0.1:"));

  net::io_runner runner;
  runner.start();
  auto bn = sim::testing::make_http(runner, urls.binance.rest, pki.ca_file());
  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  auto bal
    = call(*bn, *vb::balances({now_ms, {}}, {"cluster-key", "cluster-secret"}));
  ASSERT_EQ(bal.status, 200u) << bal.body;
  auto balances = vb::parse_balances(parser, bal.body);
  ASSERT_TRUE(balances) << bal.body;
  ASSERT_FALSE(balances->empty());
  EXPECT_EQ((*balances)[0].free, money::must_parse("5000"));
  // The first books are in place before start() returned.
  auto top = call(*bn, *vb::book_ticker("BTCUSDT"));
  auto t = vb::parse_book_ticker(parser, top.body, timestamp{});
  ASSERT_TRUE(t) << top.body;
  EXPECT_TRUE(t->bid.is_positive());

  auto up
    = sim::testing::make_http(runner, urls.upbit.rest_origin, pki.ca_file());
  std::array<std::uint8_t, 16> nonce_bytes{1, 2, 3};
  auto acc = call(*up, *vu::accounts({"cluster-access", "cluster-secret"},
                                     vu::make_nonce(nonce_bytes)));
  ASSERT_EQ(acc.status, 200u) << acc.body;
  vu::json_context ctx;
  auto holdings = vu::parse_accounts(ctx, acc.body);
  ASSERT_TRUE(holdings) << acc.body;
  ASSERT_EQ(holdings->size(), 2u);
  bn.reset();
  up.reset();
  runner.stop();
}
