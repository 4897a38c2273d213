// Metrics as plain data plus a registry that builds them. Values are exact
// decimals (raw integer and scale), never double: a KRW P&L gauge prints
// exactly what the engine holds. Whoever owns a registry (one actor) updates
// it; snapshot() copies it out as metric families for /metrics
// (admin/prometheus.hpp renders them).
#pragma once

#include "core/decimal.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::admin {

/// The Prometheus metric types Tandem exports.
enum class metric_type : std::uint8_t { counter = 1, gauge = 2, histogram = 3 };

/// Returns "counter", "gauge" or "histogram".
std::string_view to_string(metric_type t) noexcept;

/// An exact sample value: raw / 10^scale (scale 0..18).
struct metric_number {
  std::int64_t raw = 0;
  int scale = 0;

  /// A whole number.
  static constexpr metric_number of(std::int64_t n) noexcept { return {n, 0}; }
  /// A decimal as it is: of(money) keeps all 8 places.
  template<class Tag, int Scale>
  static constexpr metric_number of(fixed<Tag, Scale> v) noexcept {
    return {v.raw(), Scale};
  }
};

/// Returns the value's text without trailing zeros: "0.0215", "-3", "12".
std::string to_text(metric_number v);

/// Label name/value pairs of one series, in the family's label order.
using label_set = std::vector<std::pair<std::string, std::string>>;

/// One histogram series: counts per bucket of values in a base unit
/// (e.g. ns), shown at `scale` (9 turns ns into seconds).
struct histogram_data {
  /// Upper bounds (inclusive), ascending, without +Inf, in the base unit.
  std::vector<std::int64_t> bounds;
  /// Observations per bucket (not cumulative); one more than bounds: the
  /// last counts values above every bound.
  std::vector<std::uint64_t> counts;
  /// Sum of all observations, base unit.
  std::int64_t sum = 0;
  int scale = 0;
};

/// One labelled series of a family.
struct metric_series {
  label_set labels;
  /// Counter or gauge value.
  metric_number value;
  /// Histogram only.
  histogram_data histogram;
};

/// One metric family: what /metrics shows under one # HELP / # TYPE.
struct metric_family {
  std::string name;
  std::string help;
  metric_type type = metric_type::gauge;
  std::vector<metric_series> series;
};

/// Why a family could not be declared.
enum class metric_error : std::uint8_t {
  /// Name not [a-zA-Z_:][a-zA-Z0-9_:]*.
  bad_name = 1,
  /// Label name not [a-zA-Z_][a-zA-Z0-9_]*, reserved ("__x", "le" on a
  /// histogram) or repeated.
  bad_label_name = 2,
  /// A family of that name exists already.
  duplicate = 3,
  /// Histogram bounds empty or not strictly ascending, or scale not 0..18.
  bad_buckets = 4,
};

/// Returns the check a family or series fails, or nullopt when it is valid
/// (used by the registry and by the renderer, which skips bad families).
std::optional<std::string> check_family(const metric_family& f);

/// Returns true for a valid metric name / label name.
bool is_metric_name(std::string_view s) noexcept;
bool is_label_name(std::string_view s) noexcept;

/// Typed handles to registered families.
struct counter_id {
  std::size_t index = 0;
};
struct gauge_id {
  std::size_t index = 0;
};
struct histogram_id {
  std::size_t index = 0;
};

/// Builds metric families; not thread-safe (one owner updates it).
/// Updates with the wrong number of label values are ignored and counted
/// in dropped_updates() (a programming error that must not take the
/// engine down).
class metrics_registry {
 public:
  using labels = std::initializer_list<std::string_view>;

  result<counter_id, metric_error>
  add_counter(std::string name, std::string help,
              std::vector<std::string> label_names = {});
  result<gauge_id, metric_error> add_gauge(std::string name, std::string help,
                                           std::vector<std::string> label_names
                                           = {});
  /// `bounds` in the base unit, shown at `scale` (see histogram_data).
  result<histogram_id, metric_error>
  add_histogram(std::string name, std::string help,
                std::vector<std::string> label_names,
                std::vector<std::int64_t> bounds, int scale);

  /// Adds `n` to a counter series (created at 0 on first use).
  void inc(counter_id id, labels values = {}, std::uint64_t n = 1);
  /// Sets a gauge series.
  void set(gauge_id id, labels values, metric_number v);
  void set(gauge_id id, metric_number v) { set(id, {}, v); }
  /// Records one observation (base unit) in a histogram series.
  void observe(histogram_id id, labels values, std::int64_t v);
  /// Removes a series (a venue that went away); unknown ones are ignored.
  void remove(gauge_id id, labels values);

  /// Returns every family with its series, in registration order; series
  /// sorted by label values.
  std::vector<metric_family> snapshot() const;

  std::uint64_t dropped_updates() const noexcept { return dropped_; }

 private:
  struct family_state {
    metric_family meta; // name, help, type; series unused
    std::vector<std::string> label_names;
    std::vector<std::int64_t> bounds;
    int scale = 0;
    std::map<std::vector<std::string>, metric_series> series;
  };

  result<std::size_t, metric_error> add(std::string name, std::string help,
                                        metric_type type,
                                        std::vector<std::string> label_names,
                                        std::vector<std::int64_t> bounds,
                                        int scale);
  metric_series* find_or_add(std::size_t index, metric_type type,
                             labels values);

  std::vector<family_state> families_;
  std::uint64_t dropped_ = 0;
};

} // namespace tandem::admin
