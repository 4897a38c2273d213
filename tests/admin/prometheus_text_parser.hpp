// A strict parser of the Prometheus text exposition format 0.0.4, for
// tests: it accepts what Prometheus' own parser accepts from us and
// refuses with a message naming the line where it would fail (or where the
// format's rules are broken: HELP/TYPE after samples, a family split in
// two, histogram buckets out of order or without +Inf, _count != +Inf).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::admin::test {

struct prom_sample {
  /// Full sample name ("x_bucket" for a histogram bucket).
  std::string name;
  std::map<std::string, std::string> labels;
  /// The value as written, and parsed (NaN / +-Inf included).
  std::string value_text;
  double value = 0;
};

struct prom_family {
  std::string name;
  /// "counter", "gauge", "histogram", "summary" or "untyped".
  std::string type = "untyped";
  std::optional<std::string> help;
  std::vector<prom_sample> samples;
};

struct prom_parse_result {
  std::vector<prom_family> families;
  /// Empty when the text is valid; else "line N: what".
  std::string error;

  bool ok() const { return error.empty(); }
  /// Returns the family called `name`, or nullptr.
  const prom_family* find(std::string_view name) const;
};

/// Parses `text`; see prom_parse_result::error.
prom_parse_result parse_prometheus_text(std::string_view text);

} // namespace tandem::admin::test
