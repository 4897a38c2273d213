#include "admin/metric_catalog.hpp"
#include "admin/prometheus.hpp"
#include "tests/admin/prometheus_text_parser.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tandem::admin {
namespace {

using test::parse_prometheus_text;

TEST(admin_prometheus, escapes_label_values_and_help) {
  EXPECT_EQ(escape_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(escape_help("x\\y\nz \"q\""), "x\\\\y\\nz \"q\"");
}

TEST(admin_prometheus, renders_the_exact_text) {
  metrics_registry reg;
  auto c = *reg.add_counter("t_orders_total", "Orders.", {"venue", "outcome"});
  auto g = *reg.add_gauge("t_pnl_krw", "P&L \\ KRW\nper kind.", {"kind"});
  auto h = *reg.add_histogram("t_lat_seconds", "Latency.", {}, {500, 1000}, 6);
  reg.inc(c, {"upbit", "filled"}, 2);
  reg.set(g, {"realized"}, metric_number::of(money::must_parse("-1500.25")));
  reg.observe(h, {}, 400);
  reg.observe(h, {}, 2000);
  auto snap = reg.snapshot();
  EXPECT_EQ(render_prometheus(snap),
            "# HELP t_orders_total Orders.\n"
            "# TYPE t_orders_total counter\n"
            "t_orders_total{venue=\"upbit\",outcome=\"filled\"} 2\n"
            "# HELP t_pnl_krw P&L \\\\ KRW\\nper kind.\n"
            "# TYPE t_pnl_krw gauge\n"
            "t_pnl_krw{kind=\"realized\"} -1500.25\n"
            "# HELP t_lat_seconds Latency.\n"
            "# TYPE t_lat_seconds histogram\n"
            "t_lat_seconds_bucket{le=\"0.0005\"} 1\n"
            "t_lat_seconds_bucket{le=\"0.001\"} 1\n"
            "t_lat_seconds_bucket{le=\"+Inf\"} 2\n"
            "t_lat_seconds_sum 0.0024\n"
            "t_lat_seconds_count 2\n");
}

TEST(admin_prometheus, catalog_output_parses_strictly) {
  metrics_registry reg;
  auto e = *catalog::declare_engine_metrics(reg);
  auto gw = *catalog::declare_gateway_metrics(reg);
  reg.inc(e.orders, {"upbit", "filled"}, 7);
  reg.inc(e.rejects, {"binance", "margin_insufficient"});
  reg.set(e.rate_limit_headroom, {"upbit", "order"},
          metric_number::of(rate::must_parse("0.75")));
  reg.set(e.rate_limit_remaining, {"binance", "REQUEST_WEIGHT"},
          metric_number::of(2023));
  reg.set(e.venue_rest_latency, {"binance"}, {248, 6});
  for (std::int64_t ns : {40'000, 120'000, 3'000'000, 2'000'000'000})
    reg.observe(e.tick_to_trade, {}, ns);
  reg.set(e.premium, {"entry"}, {21550, 2});
  reg.set(e.position, {"binance", "BTCUSDT"},
          metric_number::of(quantity::must_parse("-0.002")));
  reg.set(e.pnl, {"realized"}, metric_number::of(money::must_parse("100")));
  reg.set(e.halted, metric_number::of(1));
  reg.set(e.venue_connected, {"upbit"}, metric_number::of(1));
  reg.set(e.journal_lag, {3, 3});
  // A label value with every character that needs escaping.
  reg.inc(gw.requests, {"we\"ird\\route\n", "400"});
  auto text = render_prometheus(reg.snapshot());
  auto parsed = parse_prometheus_text(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error << "\n" << text;

  const auto* orders = parsed.find("tandem_orders_total");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->type, "counter");
  ASSERT_EQ(orders->samples.size(), 1u);
  EXPECT_EQ(orders->samples[0].labels.at("outcome"), "filled");
  EXPECT_EQ(orders->samples[0].value, 7);

  const auto* lat = parsed.find("tandem_tick_to_trade_seconds");
  ASSERT_NE(lat, nullptr);
  EXPECT_EQ(lat->type, "histogram");
  ASSERT_TRUE(lat->help.has_value());
  // 13 bounds + Inf, _sum, _count.
  ASSERT_EQ(lat->samples.size(), 16u);
  EXPECT_EQ(lat->samples[0].labels.at("le"), "0.00005");
  EXPECT_EQ(lat->samples[0].value, 1);
  EXPECT_EQ(lat->samples[13].labels.at("le"), "+Inf");
  EXPECT_EQ(lat->samples[13].value, 4);
  EXPECT_EQ(lat->samples[14].name, "tandem_tick_to_trade_seconds_sum");
  EXPECT_EQ(lat->samples[14].value_text, "2.00316");

  EXPECT_EQ(parsed.find("tandem_premium_bps")->samples[0].value_text, "215.5");
  const auto* head = parsed.find("tandem_rate_limit_headroom_ratio");
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->samples[0].labels.at("group"), "order");
  EXPECT_EQ(head->samples[0].value_text, "0.75");
  EXPECT_EQ(parsed.find("tandem_rate_limit_remaining")->samples[0].value, 2023);
  EXPECT_EQ(
    parsed.find("tandem_venue_rest_latency_seconds")->samples[0].value_text,
    "0.000248");
  EXPECT_EQ(parsed.find("tandem_position")->samples[0].value_text, "-0.002");
  EXPECT_EQ(parsed.find("tandem_halted")->samples[0].value, 1);
  const auto* req = parsed.find("tandem_admin_requests_total");
  ASSERT_NE(req, nullptr);
  EXPECT_EQ(req->samples[0].labels.at("route"), "we\"ird\\route\n");
  // Families without series still carry HELP and TYPE.
  ASSERT_NE(parsed.find("tandem_admin_engine_timeouts_total"), nullptr);
  EXPECT_EQ(parsed.find("tandem_admin_engine_timeouts_total")->type, "counter");
}

TEST(admin_prometheus, labelled_histograms_render_buckets_sum_and_count) {
  // The shape the tick-to-trade histogram may take per venue: every series
  // gets cumulative _bucket{...,le} lines ending at +Inf, then _sum and
  // _count, and the strict parser accepts it.
  metrics_registry reg;
  auto h = *reg.add_histogram("t_leg_seconds", "Leg latency.", {"venue"},
                              {100'000, 1'000'000}, 9);
  reg.observe(h, {"upbit"}, 50'000);
  reg.observe(h, {"upbit"}, 700'000);
  reg.observe(h, {"upbit"}, 5'000'000);
  reg.observe(h, {"binance"}, 90'000);
  auto text = render_prometheus(reg.snapshot());
  EXPECT_NE(text.find("t_leg_seconds_bucket{venue=\"upbit\",le=\"0.0001\"} 1\n"
                      "t_leg_seconds_bucket{venue=\"upbit\",le=\"0.001\"} 2\n"
                      "t_leg_seconds_bucket{venue=\"upbit\",le=\"+Inf\"} 3\n"
                      "t_leg_seconds_sum{venue=\"upbit\"} 0.00575\n"
                      "t_leg_seconds_count{venue=\"upbit\"} 3\n"),
            std::string::npos)
    << text;
  auto parsed = parse_prometheus_text(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error << "\n" << text;
  const auto* f = parsed.find("t_leg_seconds");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->type, "histogram");
  ASSERT_EQ(f->samples.size(), 10u); // 2 series x (3 buckets + sum + count)
}

TEST(admin_prometheus, invalid_or_duplicate_families_are_skipped) {
  std::vector<metric_family> fams(3);
  fams[0] = {"good",
             "ok",
             metric_type::gauge,
             {metric_series{{}, metric_number::of(1), {}}}};
  fams[1] = {"bad name", "x", metric_type::gauge, {}};
  fams[2] = {"good", "again", metric_type::gauge, {}};
  auto text = render_prometheus(fams);
  auto parsed = parse_prometheus_text(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error << "\n" << text;
  ASSERT_EQ(parsed.families.size(), 1u);
  EXPECT_EQ(parsed.families[0].help, "ok");
  EXPECT_NE(text.find("# skipped an invalid metric family"), std::string::npos);

  // Inconsistent histogram data (counts not matching bounds) is skipped.
  metric_family h{"h", "", metric_type::histogram, {}};
  metric_series s;
  s.histogram = {{1, 2}, {1}, 0, 0};
  h.series.push_back(s);
  auto skipped = render_prometheus(std::vector<metric_family>{h});
  EXPECT_TRUE(parse_prometheus_text(skipped).ok());
  EXPECT_EQ(skipped.find("# TYPE"), std::string::npos);
}

// The test parser must be strict, or the tests above prove nothing.
TEST(admin_prometheus, the_test_parser_refuses_broken_text) {
  for (std::string_view bad : {
         "x 1",                                   // no final newline
         "x{a=\"1\"\n",                           // unterminated
         "x{a=1} 1\n",                            // unquoted value
         "x{a=\"\\t\"} 1\n",                      // bad escape
         "x{a=\"1\",a=\"2\"} 1\n",                // repeated label
         "x one\n",                               // bad value
         "x 1 12.5\n",                            // bad timestamp
         "# TYPE x gauge\n# TYPE x gauge\nx 1\n", // second TYPE
         "# TYPE x summarized\n",                 // unknown type
         "x 1\n# TYPE x gauge\n",                 // TYPE after
         "x 1\ny 1\nx{a=\"b\"} 2\n",              // split family
         "x 1\nx 2\n",                            // duplicate series
         "# TYPE c counter\nc -1\n",              // negative counter
         "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
         "# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n"
         "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", // le order
         "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
         "h_sum 1\nh_count 1\n", // not cumulative
         "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n",
         "9x 1\n", // bad name
       })
    EXPECT_FALSE(parse_prometheus_text(bad).ok()) << bad;
  auto good = parse_prometheus_text(
    "# comment\n\n# HELP x a\\nb\n# TYPE x gauge\nx{a=\"\\\"\",} NaN\n"
    "x{a=\"b\"} -Inf 1700000000000\ny 1e-3\n");
  ASSERT_TRUE(good.ok()) << good.error;
  EXPECT_EQ(*good.find("x")->help, "a\nb");
  EXPECT_TRUE(std::isnan(good.find("x")->samples[0].value));
  EXPECT_EQ(good.find("x")->samples[0].labels.at("a"), "\"");
  EXPECT_EQ(good.find("y")->samples[0].value, 0.001);
}

} // namespace
} // namespace tandem::admin
