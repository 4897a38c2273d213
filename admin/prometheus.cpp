#include "admin/prometheus.hpp"

#include <set>

namespace tandem::admin {

namespace {

void append_labels(std::string& out, const label_set& labels,
                   std::string_view extra_key = {},
                   std::string_view extra_value = {}) {
  if (labels.empty() && extra_key.empty())
    return;
  out.push_back('{');
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first)
      out.push_back(',');
    first = false;
    out += k;
    out += "=\"";
    out += escape_label_value(v);
    out.push_back('"');
  }
  if (!extra_key.empty()) {
    if (!first)
      out.push_back(',');
    out += extra_key;
    out += "=\"";
    out += extra_value;
    out.push_back('"');
  }
  out.push_back('}');
}

void append_sample(std::string& out, std::string_view name,
                   const label_set& labels, std::string_view value,
                   std::string_view extra_key = {},
                   std::string_view extra_value = {}) {
  out += name;
  append_labels(out, labels, extra_key, extra_value);
  out.push_back(' ');
  out += value;
  out.push_back('\n');
}

void append_histogram(std::string& out, const std::string& name,
                      const metric_series& s) {
  const auto& h = s.histogram;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < h.bounds.size(); ++i) {
    cumulative += h.counts[i];
    append_sample(out, name + "_bucket", s.labels, std::to_string(cumulative),
                  "le", to_text({h.bounds[i], h.scale}));
  }
  cumulative += h.counts.back();
  append_sample(out, name + "_bucket", s.labels, std::to_string(cumulative),
                "le", "+Inf");
  append_sample(out, name + "_sum", s.labels, to_text({h.sum, h.scale}));
  append_sample(out, name + "_count", s.labels, std::to_string(cumulative));
}

/// Keeps a reason printable and on one line for the comment.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s)
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

} // namespace

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string render_prometheus(std::span<const metric_family> families) {
  std::string out;
  std::set<std::string_view> seen;
  for (const auto& f : families) {
    auto bad = check_family(f);
    if (!bad && !seen.insert(f.name).second)
      bad = "a family of this name was already written";
    if (bad) {
      out += "# skipped an invalid metric family: " + one_line(*bad) + '\n';
      continue;
    }
    out += "# HELP " + f.name + ' ' + escape_help(f.help) + '\n';
    out += "# TYPE " + f.name + ' ' + std::string(to_string(f.type)) + '\n';
    for (const auto& s : f.series) {
      if (f.type == metric_type::histogram)
        append_histogram(out, f.name, s);
      else
        append_sample(out, f.name, s.labels, to_text(s.value));
    }
  }
  return out;
}

} // namespace tandem::admin
