#include "tests/admin/prometheus_text_parser.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

namespace tandem::admin::test {

namespace {

bool is_name_start(char c, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
         || (colon && c == ':');
}

bool is_name_char(char c, bool colon) {
  return is_name_start(c, colon) || (c >= '0' && c <= '9');
}

/// Reads a metric (colon true) or label name at `pos`.
std::optional<std::string> read_name(std::string_view line, std::size_t& pos,
                                     bool colon) {
  if (pos >= line.size() || !is_name_start(line[pos], colon))
    return std::nullopt;
  std::size_t start = pos;
  while (pos < line.size() && is_name_char(line[pos], colon))
    ++pos;
  return std::string(line.substr(start, pos - start));
}

/// Go's strconv.ParseFloat subset Prometheus accepts.
std::optional<double> parse_float(std::string_view s) {
  if (s == "NaN")
    return std::numeric_limits<double>::quiet_NaN();
  if (s == "+Inf" || s == "Inf")
    return std::numeric_limits<double>::infinity();
  if (s == "-Inf")
    return -std::numeric_limits<double>::infinity();
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    ++i;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
      digits = true;
    }
  }
  if (!digits)
    return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      ++i;
    bool exp = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
      exp = true;
    }
    if (!exp)
      return std::nullopt;
  }
  if (i != s.size())
    return std::nullopt;
  return std::strtod(std::string(s).c_str(), nullptr);
}

/// The family a sample name belongs to, given the declared types.
std::string family_of(const std::string& sample,
                      const std::map<std::string, std::string>& types) {
  for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (sample.size() > suffix.size() && sample.ends_with(suffix)) {
      auto base = sample.substr(0, sample.size() - suffix.size());
      auto it = types.find(base);
      if (it != types.end()
          && (it->second == "histogram" || it->second == "summary"))
        return base;
    }
  }
  return sample;
}

struct parser {
  prom_parse_result out;
  std::map<std::string, std::string> types;
  std::set<std::string> help_seen;
  std::set<std::string> closed; // families whose group has ended
  std::set<std::string> series_seen;
  prom_family* current = nullptr;

  bool fail(std::size_t line_no, const std::string& what) {
    out.error = "line " + std::to_string(line_no) + ": " + what;
    return false;
  }

  prom_family& family(const std::string& name) {
    if (current && current->name == name)
      return *current;
    if (current)
      closed.insert(current->name);
    for (auto& f : out.families)
      if (f.name == name) {
        current = &f;
        return f;
      }
    out.families.push_back(prom_family{name, "untyped", std::nullopt, {}});
    current = &out.families.back();
    return *current;
  }

  bool comment(std::size_t n, std::string_view line) {
    std::size_t pos = 1;
    while (pos < line.size() && line[pos] == ' ')
      ++pos;
    auto kw_end = line.find(' ', pos);
    auto kw = line.substr(pos, kw_end == std::string_view::npos
                                 ? std::string_view::npos
                                 : kw_end - pos);
    if (kw != "HELP" && kw != "TYPE")
      return true; // a plain comment
    if (kw_end == std::string_view::npos)
      return fail(n, std::string(kw) + " without a metric name");
    pos = kw_end + 1;
    auto name = read_name(line, pos, true);
    if (!name)
      return fail(n, std::string(kw) + " with an invalid metric name");
    if (closed.count(*name))
      return fail(n, std::string(kw) + " for " + *name
                       + " after its samples ended");
    if (kw == "HELP") {
      if (!help_seen.insert(*name).second)
        return fail(n, "second HELP for " + *name);
      std::string help;
      if (pos < line.size()) {
        if (line[pos] != ' ')
          return fail(n, "HELP name not followed by a space");
        for (std::size_t i = pos + 1; i < line.size(); ++i) {
          if (line[i] == '\\') {
            if (i + 1 >= line.size()
                || (line[i + 1] != '\\' && line[i + 1] != 'n'))
              return fail(n, "invalid escape in HELP");
            help.push_back(line[i + 1] == 'n' ? '\n' : '\\');
            ++i;
          } else {
            help.push_back(line[i]);
          }
        }
      }
      auto& f = family(*name);
      if (!f.samples.empty())
        return fail(n, "HELP for " + *name + " after its samples");
      f.help = help;
      return true;
    }
    if (pos >= line.size() || line[pos] != ' ')
      return fail(n, "TYPE without a type");
    auto type = std::string(line.substr(pos + 1));
    static const std::set<std::string> known{"counter", "gauge", "histogram",
                                             "summary", "untyped"};
    if (!known.count(type))
      return fail(n, "unknown type \"" + type + "\"");
    if (types.count(*name))
      return fail(n, "second TYPE for " + *name);
    auto& f = family(*name);
    if (!f.samples.empty())
      return fail(n, "TYPE for " + *name + " after its samples");
    types[*name] = type;
    f.type = type;
    return true;
  }

  bool sample(std::size_t n, std::string_view line) {
    std::size_t pos = 0;
    auto name = read_name(line, pos, true);
    if (!name)
      return fail(n, "invalid metric name");
    prom_sample s;
    s.name = *name;
    if (pos < line.size() && line[pos] == '{') {
      ++pos;
      while (true) {
        if (pos < line.size() && line[pos] == '}') {
          ++pos;
          break;
        }
        auto label = read_name(line, pos, false);
        if (!label)
          return fail(n, "invalid label name");
        if (pos >= line.size() || line[pos] != '=')
          return fail(n, "label " + *label + " without '='");
        ++pos;
        if (pos >= line.size() || line[pos] != '"')
          return fail(n, "label value not quoted");
        ++pos;
        std::string value;
        bool closed_quote = false;
        while (pos < line.size()) {
          char c = line[pos++];
          if (c == '"') {
            closed_quote = true;
            break;
          }
          if (c == '\\') {
            if (pos >= line.size())
              return fail(n, "dangling escape in label value");
            char e = line[pos++];
            if (e == 'n')
              value.push_back('\n');
            else if (e == '\\' || e == '"')
              value.push_back(e);
            else
              return fail(n, "invalid escape in label value");
          } else {
            value.push_back(c);
          }
        }
        if (!closed_quote)
          return fail(n, "unterminated label value");
        if (!s.labels.emplace(*label, value).second)
          return fail(n, "label " + *label + " repeated");
        if (pos < line.size() && line[pos] == ',') {
          ++pos;
          continue;
        }
        if (pos < line.size() && line[pos] == '}') {
          ++pos;
          break;
        }
        return fail(n, "expected ',' or '}' after a label");
      }
    }
    if (pos >= line.size() || line[pos] != ' ')
      return fail(n, "expected a space before the value");
    while (pos < line.size() && line[pos] == ' ')
      ++pos;
    auto rest = line.substr(pos);
    auto sp = rest.find(' ');
    s.value_text = std::string(rest.substr(0, sp));
    auto v = parse_float(s.value_text);
    if (!v)
      return fail(n, "invalid value \"" + s.value_text + "\"");
    s.value = *v;
    if (sp != std::string_view::npos) {
      auto ts = rest.substr(sp + 1);
      char* end = nullptr;
      std::string t(ts);
      std::strtoll(t.c_str(), &end, 10);
      if (t.empty() || *end != '\0')
        return fail(n, "invalid timestamp");
    }
    auto fam = family_of(s.name, types);
    if (closed.count(fam))
      return fail(n, "samples of " + fam + " are not in one group");
    std::string key = s.name;
    for (const auto& [k, val] : s.labels)
      key += '\x1f' + k + '\x1e' + val;
    if (!series_seen.insert(key).second)
      return fail(n, "duplicate series " + s.name);
    auto& f = family(fam);
    if (f.type == "counter" && !(s.value >= 0))
      return fail(n, "negative or NaN counter " + s.name);
    if (f.type == "histogram" && s.name == fam + "_bucket"
        && !s.labels.count("le"))
      return fail(n, "histogram bucket without le");
    f.samples.push_back(std::move(s));
    return true;
  }

  /// Histogram rules, once everything is read.
  bool histograms() {
    for (const auto& f : out.families) {
      if (f.type != "histogram")
        continue;
      // Group by the labels without le.
      struct series {
        std::vector<std::pair<double, double>> buckets; // le, count
        std::optional<double> count;
        bool sum = false;
      };
      std::map<std::string, series> by;
      for (const auto& s : f.samples) {
        std::string key;
        for (const auto& [k, v] : s.labels)
          if (k != "le")
            key += k + '=' + v + ',';
        auto& ser = by[key];
        if (s.name == f.name + "_bucket") {
          auto le = parse_float(s.labels.at("le"));
          if (!le)
            return fail(0,
                        f.name + ": invalid le \"" + s.labels.at("le") + "\"");
          ser.buckets.emplace_back(*le, s.value);
        } else if (s.name == f.name + "_count") {
          ser.count = s.value;
        } else if (s.name == f.name + "_sum") {
          ser.sum = true;
        } else {
          return fail(0, f.name + ": unexpected sample " + s.name);
        }
      }
      for (const auto& [key, ser] : by) {
        if (ser.buckets.empty() || !std::isinf(ser.buckets.back().first))
          return fail(0, f.name + "{" + key + "}: no le=\"+Inf\" bucket last");
        for (std::size_t i = 1; i < ser.buckets.size(); ++i) {
          if (!(ser.buckets[i].first > ser.buckets[i - 1].first))
            return fail(0, f.name + ": le not increasing");
          if (ser.buckets[i].second < ser.buckets[i - 1].second)
            return fail(0, f.name + ": bucket counts not cumulative");
        }
        if (!ser.count || *ser.count != ser.buckets.back().second)
          return fail(0, f.name + ": _count missing or != +Inf bucket");
        if (!ser.sum)
          return fail(0, f.name + ": _sum missing");
      }
    }
    return true;
  }
};

} // namespace

const prom_family* prom_parse_result::find(std::string_view name) const {
  for (const auto& f : families)
    if (f.name == name)
      return &f;
  return nullptr;
}

prom_parse_result parse_prometheus_text(std::string_view text) {
  parser p;
  std::size_t n = 0;
  std::size_t start = 0;
  if (!text.empty() && text.back() != '\n') {
    p.out.error = "text does not end with a newline";
    return p.out;
  }
  while (start < text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++n;
    if (line.empty())
      continue;
    bool ok = line.front() == '#' ? p.comment(n, line) : p.sample(n, line);
    if (!ok)
      return p.out;
  }
  p.histograms();
  return p.out;
}

} // namespace tandem::admin::test
