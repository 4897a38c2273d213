#include "admin/metrics.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace tandem::admin {

namespace {

bool name_char(char c, bool first, bool colon) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  if (colon && c == ':')
    return true;
  return first ? alpha : alpha || (c >= '0' && c <= '9');
}

bool valid_name(std::string_view s, bool colon) {
  if (s.empty())
    return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!name_char(s[i], i == 0, colon))
      return false;
  return true;
}

std::optional<std::string> check_label_names(metric_type type,
                                             const label_set& labels) {
  std::set<std::string_view> seen;
  for (const auto& [k, v] : labels) {
    if (!is_label_name(k))
      return "label name \"" + k + "\" is not [a-zA-Z_][a-zA-Z0-9_]*";
    if (k.starts_with("__"))
      return "label name \"" + k + "\" is reserved (starts with __)";
    if (type == metric_type::histogram && k == "le")
      return std::string{"a histogram may not have a label named le"};
    if (!seen.insert(k).second)
      return "label \"" + k + "\" appears twice";
  }
  return std::nullopt;
}

std::optional<std::string> check_histogram(const histogram_data& h) {
  if (h.scale < 0 || h.scale > 18)
    return std::string{"histogram scale out of 0..18"};
  if (h.bounds.empty())
    return std::string{"histogram without bucket bounds"};
  for (std::size_t i = 1; i < h.bounds.size(); ++i)
    if (h.bounds[i] <= h.bounds[i - 1])
      return std::string{"histogram bounds not strictly ascending"};
  if (h.counts.size() != h.bounds.size() + 1)
    return std::string{"histogram counts do not match its bounds"};
  return std::nullopt;
}

} // namespace

std::string_view to_string(metric_type t) noexcept {
  switch (t) {
    case metric_type::counter: return "counter";
    case metric_type::gauge: return "gauge";
    case metric_type::histogram: return "histogram";
  }
  return "untyped";
}

std::string to_text(metric_number v) {
  if (v.scale <= 0)
    return std::to_string(v.raw);
  int scale = std::min(v.scale, 18);
  // Magnitude as unsigned so that INT64_MIN formats too.
  bool neg = v.raw < 0;
  auto mag
    = neg ? static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(v.raw)
          : static_cast<std::uint64_t>(v.raw);
  std::string digits = std::to_string(mag);
  auto s = static_cast<std::size_t>(scale);
  if (digits.size() <= s)
    digits.insert(0, s + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - s);
  std::string frac = digits.substr(digits.size() - s);
  while (!frac.empty() && frac.back() == '0')
    frac.pop_back();
  std::string out = neg ? "-" : "";
  out += whole;
  if (!frac.empty())
    out += "." + frac;
  return out == "-0" ? "0" : out;
}

bool is_metric_name(std::string_view s) noexcept { return valid_name(s, true); }

bool is_label_name(std::string_view s) noexcept { return valid_name(s, false); }

std::optional<std::string> check_family(const metric_family& f) {
  if (!is_metric_name(f.name))
    return "metric name \"" + f.name + "\" is not [a-zA-Z_:][a-zA-Z0-9_:]*";
  std::set<std::vector<std::string>> seen;
  for (const auto& s : f.series) {
    if (auto bad = check_label_names(f.type, s.labels))
      return bad;
    if (f.type == metric_type::histogram)
      if (auto bad = check_histogram(s.histogram))
        return bad;
    if (s.value.scale < 0 || s.value.scale > 18)
      return std::string{"sample scale out of 0..18"};
    std::vector<std::string> key;
    for (const auto& [k, v] : s.labels) {
      key.push_back(k);
      key.push_back(v);
    }
    std::sort(key.begin(), key.end());
    if (!seen.insert(key).second)
      return std::string{"two series with the same labels"};
  }
  return std::nullopt;
}

// -- registry ----------------------------------------------------------------

result<std::size_t, metric_error>
metrics_registry::add(std::string name, std::string help, metric_type type,
                      std::vector<std::string> label_names,
                      std::vector<std::int64_t> bounds, int scale) {
  if (!is_metric_name(name))
    return failure{metric_error::bad_name};
  label_set probe;
  for (const auto& l : label_names)
    probe.emplace_back(l, "");
  if (check_label_names(type, probe))
    return failure{metric_error::bad_label_name};
  if (type == metric_type::histogram) {
    histogram_data h{bounds, std::vector<std::uint64_t>(bounds.size() + 1), 0,
                     scale};
    if (check_histogram(h))
      return failure{metric_error::bad_buckets};
  }
  for (const auto& f : families_)
    if (f.meta.name == name)
      return failure{metric_error::duplicate};
  family_state f;
  f.meta.name = std::move(name);
  f.meta.help = std::move(help);
  f.meta.type = type;
  f.label_names = std::move(label_names);
  f.bounds = std::move(bounds);
  f.scale = scale;
  families_.push_back(std::move(f));
  return families_.size() - 1;
}

result<counter_id, metric_error>
metrics_registry::add_counter(std::string name, std::string help,
                              std::vector<std::string> label_names) {
  auto r = add(std::move(name), std::move(help), metric_type::counter,
               std::move(label_names), {}, 0);
  if (!r)
    return failure{r.error()};
  return counter_id{*r};
}

result<gauge_id, metric_error>
metrics_registry::add_gauge(std::string name, std::string help,
                            std::vector<std::string> label_names) {
  auto r = add(std::move(name), std::move(help), metric_type::gauge,
               std::move(label_names), {}, 0);
  if (!r)
    return failure{r.error()};
  return gauge_id{*r};
}

result<histogram_id, metric_error>
metrics_registry::add_histogram(std::string name, std::string help,
                                std::vector<std::string> label_names,
                                std::vector<std::int64_t> bounds, int scale) {
  auto r = add(std::move(name), std::move(help), metric_type::histogram,
               std::move(label_names), std::move(bounds), scale);
  if (!r)
    return failure{r.error()};
  return histogram_id{*r};
}

metric_series* metrics_registry::find_or_add(std::size_t index,
                                             metric_type type, labels values) {
  if (index >= families_.size() || families_[index].meta.type != type
      || values.size() != families_[index].label_names.size()) {
    ++dropped_;
    return nullptr;
  }
  auto& f = families_[index];
  std::vector<std::string> key(values.begin(), values.end());
  auto it = f.series.find(key);
  if (it == f.series.end()) {
    metric_series s;
    for (std::size_t i = 0; i < key.size(); ++i)
      s.labels.emplace_back(f.label_names[i], key[i]);
    if (type == metric_type::histogram) {
      s.histogram.bounds = f.bounds;
      s.histogram.counts.assign(f.bounds.size() + 1, 0);
      s.histogram.scale = f.scale;
    }
    it = f.series.emplace(std::move(key), std::move(s)).first;
  }
  return &it->second;
}

void metrics_registry::inc(counter_id id, labels values, std::uint64_t n) {
  if (auto* s = find_or_add(id.index, metric_type::counter, values)) {
    // Counters only go up; saturate rather than wrap into negative text.
    auto next = static_cast<std::uint64_t>(s->value.raw) + n;
    constexpr auto cap
      = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    s->value.raw = static_cast<std::int64_t>(std::min(next, cap));
  }
}

void metrics_registry::set(gauge_id id, labels values, metric_number v) {
  if (auto* s = find_or_add(id.index, metric_type::gauge, values))
    s->value = v;
}

void metrics_registry::observe(histogram_id id, labels values, std::int64_t v) {
  auto* s = find_or_add(id.index, metric_type::histogram, values);
  if (!s)
    return;
  auto& h = s->histogram;
  auto it = std::lower_bound(h.bounds.begin(), h.bounds.end(), v);
  ++h.counts[static_cast<std::size_t>(it - h.bounds.begin())];
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(h.sum, v, &sum))
    h.sum = sum;
}

void metrics_registry::remove(gauge_id id, labels values) {
  if (id.index >= families_.size())
    return;
  families_[id.index].series.erase(
    std::vector<std::string>(values.begin(), values.end()));
}

std::vector<metric_family> metrics_registry::snapshot() const {
  std::vector<metric_family> out;
  out.reserve(families_.size());
  for (const auto& f : families_) {
    metric_family copy = f.meta;
    for (const auto& [key, s] : f.series)
      copy.series.push_back(s);
    out.push_back(std::move(copy));
  }
  return out;
}

} // namespace tandem::admin
