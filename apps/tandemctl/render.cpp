#include "apps/tandemctl/render.hpp"

#include <simdjson.h>

#include <algorithm>
#include <vector>

namespace tandem::ctl {

namespace {

namespace dom = simdjson::dom;

std::string scalar_text(dom::element e) {
  switch (e.type()) {
    case dom::element_type::STRING: return std::string(e.get_string().value());
    case dom::element_type::INT64: return std::to_string(e.get_int64().value());
    case dom::element_type::UINT64:
      return std::to_string(e.get_uint64().value());
    case dom::element_type::BOOL: return e.get_bool().value() ? "yes" : "no";
    case dom::element_type::NULL_VALUE: return "-";
    case dom::element_type::DOUBLE: return simdjson::minify(e);
    case dom::element_type::ARRAY:
    case dom::element_type::OBJECT: return simdjson::minify(e);
  }
  return {};
}

bool is_scalar(dom::element e) {
  return e.type() != dom::element_type::ARRAY
         && e.type() != dom::element_type::OBJECT;
}

/// Appends "key  value" lines for scalars, flattening nested objects.
void scalars(dom::object obj, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  for (auto [k, v] : obj) {
    std::string key = prefix + std::string(k);
    if (v.type() == dom::element_type::OBJECT)
      scalars(v.get_object().value(), key + ".", out);
    else if (is_scalar(v))
      out.emplace_back(key, scalar_text(v));
  }
}

void table(std::string_view title, dom::array rows, std::string& out) {
  out += std::string(title) + ":";
  if (rows.size() == 0) {
    out += " (none)\n";
    return;
  }
  out += '\n';
  std::vector<std::string> cols;
  for (auto row : rows) {
    dom::object o;
    if (row.get_object().get(o))
      continue;
    for (auto [k, v] : o)
      if (std::find(cols.begin(), cols.end(), k) == cols.end())
        cols.emplace_back(k);
  }
  std::vector<std::vector<std::string>> cells;
  for (auto row : rows) {
    dom::object o;
    std::vector<std::string> line;
    if (row.get_object().get(o)) {
      line.push_back(scalar_text(row));
    } else {
      for (const auto& c : cols) {
        dom::element v;
        line.push_back(o.at_key(c).get(v) ? "" : scalar_text(v));
      }
    }
    cells.push_back(std::move(line));
  }
  std::vector<std::size_t> width(cols.size(), 0);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    width[i] = cols[i].size();
    for (const auto& l : cells)
      if (i < l.size())
        width[i] = std::max(width[i], l[i].size());
  }
  auto emit = [&](const std::vector<std::string>& l) {
    std::string s = " ";
    for (std::size_t i = 0; i < l.size(); ++i) {
      s += ' ';
      s += l[i];
      if (i + 1 < l.size() && i < width.size())
        s.append(width[i] - l[i].size() + 1, ' ');
    }
    out += s + '\n';
  };
  emit(cols);
  for (const auto& l : cells)
    emit(l);
}

} // namespace

rendered render_reply(std::string_view command, std::string_view json) {
  dom::parser parser;
  dom::element root;
  if (parser.parse(json.data(), json.size()).get(root))
    return {false, {}};
  dom::object obj;
  if (root.get_object().get(obj))
    return {false, {}};
  // Command outcomes: one line.
  bool ok = false;
  if (!obj["ok"].get(ok) && ok) {
    std::string_view name;
    if (!obj["name"].get(name)) { // set
      std::string_view old_v;
      std::string_view new_v;
      if (obj["old"].get(old_v) || obj["new"].get(new_v))
        return {false, {}};
      return {true, std::string(name) + ": " + std::string(old_v) + " -> "
                      + std::string(new_v) + "\n"};
    }
    std::string_view summary;
    if (obj["summary"].get(summary))
      return {false, {}};
    return {true, std::string(command) + ": " + std::string(summary) + "\n"};
  }
  std::vector<std::pair<std::string, std::string>> lines;
  scalars(obj, "", lines);
  std::size_t w = 0;
  for (const auto& [k, v] : lines)
    w = std::max(w, k.size());
  std::string out;
  for (const auto& [k, v] : lines)
    out += k + std::string(w - k.size() + 2, ' ') + v + '\n';
  for (auto [k, v] : obj) {
    dom::array rows;
    if (!v.get_array().get(rows)) {
      if (!out.empty() && out.back() == '\n' && !out.ends_with(":\n"))
        out += '\n';
      table(k, rows, out);
    }
  }
  return {true, out};
}

std::string render_error(unsigned status, std::string_view body) {
  dom::parser parser;
  dom::element root;
  std::string_view message;
  if (!parser.parse(body.data(), body.size()).get(root)
      && !root["error"].get(message)) {
    std::string out
      = "error (" + std::to_string(status) + "): " + std::string(message);
    std::string_view field;
    if (!root["field"].get(field) && !field.empty())
      out += " [field: " + std::string(field) + "]";
    return out + "\n";
  }
  std::string shown(body.substr(0, 200));
  return "error (" + std::to_string(status) + ")"
         + (shown.empty() ? "" : ": " + shown) + "\n";
}

std::string render_event(std::string_view frame) {
  dom::parser parser;
  dom::element root;
  dom::object obj;
  if (parser.parse(frame.data(), frame.size()).get(root)
      || root.get_object().get(obj))
    return "event: " + std::string(frame.substr(0, 300)) + "\n";
  std::string at = "-";
  std::string type = "event";
  std::string rest;
  for (auto [k, v] : obj) {
    auto text = scalar_text(v);
    if (k == "at")
      at = text;
    else if (k == "type")
      type = text;
    else if (!text.empty() && text != "-")
      rest
        += " " + std::string(k) + "="
           + (text.find(' ') == std::string::npos ? text : "\"" + text + "\"");
  }
  return at + " " + type + rest + "\n";
}

} // namespace tandem::ctl
