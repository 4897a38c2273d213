#include "admin/metric_catalog.hpp"
#include "admin/metrics.hpp"

#include <gtest/gtest.h>

namespace tandem::admin {
namespace {

const metric_series* series_of(const std::vector<metric_family>& fams,
                               std::string_view name, std::size_t i = 0) {
  for (const auto& f : fams)
    if (f.name == name)
      return i < f.series.size() ? &f.series[i] : nullptr;
  return nullptr;
}

TEST(admin_metrics, numbers_print_exactly) {
  EXPECT_EQ(to_text(metric_number::of(12)), "12");
  EXPECT_EQ(to_text(metric_number::of(-3)), "-3");
  EXPECT_EQ(to_text(metric_number::of(money::must_parse("12000.5"))),
            "12000.5");
  EXPECT_EQ(to_text(metric_number::of(rate::must_parse("-0.0215"))), "-0.0215");
  EXPECT_EQ(to_text({50'000, 9}), "0.00005");
  EXPECT_EQ(to_text({1'000'000'000, 9}), "1");
  EXPECT_EQ(to_text({0, 8}), "0");
  EXPECT_EQ(to_text({std::numeric_limits<std::int64_t>::min(), 0}),
            "-9223372036854775808");
  EXPECT_EQ(to_text({std::numeric_limits<std::int64_t>::min(), 8}),
            "-92233720368.54775808");
}

TEST(admin_metrics, counters_gauges_and_histograms_accumulate) {
  metrics_registry reg;
  auto orders = *reg.add_counter("t_orders_total", "help", {"venue"});
  auto premium = *reg.add_gauge("t_premium_bps", "help");
  auto lat = *reg.add_histogram("t_latency_seconds", "help", {}, {10, 100}, 3);
  reg.inc(orders, {"upbit"});
  reg.inc(orders, {"upbit"}, 2);
  reg.inc(orders, {"binance"});
  reg.set(premium, metric_number::of(rate::must_parse("0.5")));
  reg.observe(lat, {}, 10);   // le 10 (inclusive)
  reg.observe(lat, {}, 11);   // le 100
  reg.observe(lat, {}, 5000); // +Inf
  auto snap = reg.snapshot();
  ASSERT_EQ(snap.size(), 3u);
  EXPECT_EQ(snap[0].type, metric_type::counter);
  // Series sorted by label values: binance before upbit.
  EXPECT_EQ(series_of(snap, "t_orders_total", 0)->labels[0].second, "binance");
  EXPECT_EQ(series_of(snap, "t_orders_total", 1)->value.raw, 3);
  EXPECT_EQ(to_text(series_of(snap, "t_premium_bps")->value), "0.5");
  const auto& h = series_of(snap, "t_latency_seconds")->histogram;
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{1, 1, 1}));
  EXPECT_EQ(h.sum, 5021);
  EXPECT_EQ(h.scale, 3);
  EXPECT_EQ(reg.dropped_updates(), 0u);
}

TEST(admin_metrics, bad_declarations_are_refused) {
  metrics_registry reg;
  EXPECT_EQ(reg.add_counter("9lives", "").error(), metric_error::bad_name);
  EXPECT_EQ(reg.add_counter("a-b", "").error(), metric_error::bad_name);
  EXPECT_EQ(reg.add_gauge("g", "", {"__x"}).error(),
            metric_error::bad_label_name);
  EXPECT_EQ(reg.add_gauge("g", "", {"a:b"}).error(),
            metric_error::bad_label_name);
  EXPECT_EQ(reg.add_gauge("g", "", {"a", "a"}).error(),
            metric_error::bad_label_name);
  EXPECT_EQ(reg.add_histogram("h", "", {"le"}, {1}, 0).error(),
            metric_error::bad_label_name);
  EXPECT_EQ(reg.add_histogram("h", "", {}, {}, 0).error(),
            metric_error::bad_buckets);
  EXPECT_EQ(reg.add_histogram("h", "", {}, {2, 2}, 0).error(),
            metric_error::bad_buckets);
  EXPECT_EQ(reg.add_histogram("h", "", {}, {1}, 19).error(),
            metric_error::bad_buckets);
  EXPECT_TRUE(reg.add_gauge("ns:g", "").has_value());
  EXPECT_EQ(reg.add_counter("ns:g", "").error(), metric_error::duplicate);
}

TEST(admin_metrics, wrong_label_counts_are_dropped_not_fatal) {
  metrics_registry reg;
  auto c = *reg.add_counter("c_total", "", {"venue"});
  reg.inc(c);                     // missing the label
  reg.inc(c, {"a", "b"});         // one too many
  reg.inc(counter_id{99}, {"x"}); // no such family
  EXPECT_EQ(reg.dropped_updates(), 3u);
  EXPECT_TRUE(reg.snapshot()[0].series.empty());
}

TEST(admin_metrics, gauge_series_can_be_removed) {
  metrics_registry reg;
  auto g = *reg.add_gauge("connected", "", {"venue"});
  reg.set(g, {"upbit"}, metric_number::of(1));
  reg.set(g, {"ibkr"}, metric_number::of(0));
  reg.remove(g, {"ibkr"});
  auto snap = reg.snapshot();
  ASSERT_EQ(snap[0].series.size(), 1u);
  EXPECT_EQ(snap[0].series[0].labels[0].second, "upbit");
}

TEST(admin_metrics, catalog_declares_engine_and_gateway_families) {
  metrics_registry reg;
  auto e = catalog::declare_engine_metrics(reg);
  ASSERT_TRUE(e.has_value());
  auto g = catalog::declare_gateway_metrics(reg);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(reg.snapshot().size(), 16u);
  // Declaring twice in one registry is a duplicate, reported as such.
  EXPECT_EQ(catalog::declare_engine_metrics(reg).error(),
            metric_error::duplicate);
  for (const auto& f : reg.snapshot())
    EXPECT_FALSE(check_family(f).has_value()) << f.name;
}

} // namespace
} // namespace tandem::admin
