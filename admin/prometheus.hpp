// Prometheus text exposition format 0.0.4: # HELP and # TYPE lines, then
// the samples of each family; histograms as cumulative _bucket{le=...}
// series ending in le="+Inf", plus _sum and _count.
// https://prometheus.io/docs/instrumenting/exposition_formats/
#pragma once

#include "admin/metrics.hpp"

#include <span>
#include <string>
#include <string_view>

namespace tandem::admin {

/// The Content-Type of the rendered text.
inline constexpr std::string_view prometheus_content_type
  = "text/plain; version=0.0.4; charset=utf-8";

/// Returns a label value escaped for the format: '\\', '"' and newline
/// become \\, \" and \n.
std::string escape_label_value(std::string_view v);

/// Returns a HELP text escaped for the format: '\\' and newline.
std::string escape_help(std::string_view v);

/// Renders every family. A family that fails check_family(), or repeats
/// an earlier family's name, is left out and a comment line says so: a
/// bad metric never makes the whole page unparseable.
std::string render_prometheus(std::span<const metric_family> families);

} // namespace tandem::admin
