#include "alerts/discord_payload.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace tandem::alerts {

namespace {

constexpr char32_t replacement_char = 0xFFFD;
constexpr std::string_view ellipsis = "\xE2\x80\xA6"; // U+2026, one unit

/// One decoded character: its code point and how many bytes it took.
struct decoded {
  char32_t cp;
  std::size_t bytes;
};

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above
// U+10FFFF. A bad byte decodes as U+FFFD and consumes one byte, so the
// rest of the text survives.
decoded decode_at(std::string_view s, std::size_t i) noexcept {
  auto b = [&](std::size_t k) {
    return static_cast<unsigned char>(s[i + k]);
  };
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (b(k) & 0xC0u) == 0x80u;
  };
  unsigned c0 = b(0);
  if (c0 < 0x80u)
    return {static_cast<char32_t>(c0), 1};
  if (c0 >= 0xC2u && c0 <= 0xDFu && cont(1))
    return {static_cast<char32_t>(((c0 & 0x1Fu) << 6) | (b(1) & 0x3Fu)), 2};
  if (c0 >= 0xE0u && c0 <= 0xEFu && cont(1) && cont(2)) {
    char32_t cp = static_cast<char32_t>(
      ((c0 & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu));
    if (cp >= 0x800u && (cp < 0xD800u || cp > 0xDFFFu))
      return {cp, 3};
  }
  if (c0 >= 0xF0u && c0 <= 0xF4u && cont(1) && cont(2) && cont(3)) {
    char32_t cp
      = static_cast<char32_t>(((c0 & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12)
                              | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu));
    if (cp >= 0x10000u && cp <= 0x10FFFFu)
      return {cp, 4};
  }
  return {replacement_char, 1};
}

std::size_t units(char32_t cp) noexcept { return cp >= 0x10000u ? 2 : 1; }

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80u) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800u) {
    out += static_cast<char>(0xC0u | (cp >> 6));
    out += static_cast<char>(0x80u | (cp & 0x3Fu));
  } else if (cp < 0x10000u) {
    out += static_cast<char>(0xE0u | (cp >> 12));
    out += static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
    out += static_cast<char>(0x80u | (cp & 0x3Fu));
  } else {
    out += static_cast<char>(0xF0u | (cp >> 18));
    out += static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu));
    out += static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
    out += static_cast<char>(0x80u | (cp & 0x3Fu));
  }
}

bool is_blank(std::string_view s) noexcept {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Discord refuses empty (and blank) field names and values.
std::string fit_required(std::string_view s, std::size_t max_units) {
  return is_blank(s) ? std::string{"-"} : fit_text(s, max_units);
}

std::string_view severity_label(severity s) noexcept {
  switch (s) {
    case severity::info: return "INFO";
    case severity::warning: return "WARNING";
    case severity::error: return "ERROR";
    case severity::critical: return "CRITICAL";
  }
  return "ALERT";
}

std::string content_line(const alert& a, const payload_extras& x) {
  std::string s = "[";
  s += severity_label(a.severity);
  s += "] ";
  s += a.title.empty() ? std::string{to_string(a.kind)} : a.title;
  if (x.repeats > 0) {
    s += " (repeated ";
    s += std::to_string(x.repeats);
    s += x.repeats == 1 ? " time)" : " times)";
  }
  if (x.dropped > 0) {
    s += " [";
    s += std::to_string(x.dropped);
    s += x.dropped == 1 ? " earlier alert" : " earlier alerts";
    s += " dropped]";
  }
  return s;
}

struct fitted_field {
  std::string name;
  std::string value;
  bool is_inline;
};

} // namespace

std::uint32_t severity_colour(severity s) noexcept {
  switch (s) {
    case severity::info: return 0x3498DB;     // blue
    case severity::warning: return 0xF1C40F;  // yellow
    case severity::error: return 0xE67E22;    // orange
    case severity::critical: return 0xE74C3C; // red
  }
  return 0x95A5A6; // grey
}

std::size_t discord_length(std::string_view utf8) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    auto d = decode_at(utf8, i);
    n += units(d.cp);
    i += d.bytes;
  }
  return n;
}

std::string fit_text(std::string_view utf8, std::size_t max_units) {
  std::string out;
  if (max_units == 0)
    return out;
  bool cut = discord_length(utf8) > max_units;
  // When cutting, leave one unit for the ellipsis.
  std::size_t room = cut ? max_units - 1 : max_units;
  std::size_t used = 0;
  out.reserve(std::min(utf8.size(), max_units * 4));
  for (std::size_t i = 0; i < utf8.size();) {
    auto d = decode_at(utf8, i);
    if (used + units(d.cp) > room)
      break;
    if (d.cp == replacement_char && d.bytes == 1)
      append_utf8(out, replacement_char);
    else
      out.append(utf8.substr(i, d.bytes));
    used += units(d.cp);
    i += d.bytes;
  }
  if (cut)
    out += ellipsis;
  return out;
}

void append_json_string(std::string& out, std::string_view utf8) {
  out += '"';
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20u) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string iso8601_utc(timestamp t) {
  using namespace std::chrono;
  auto ms = floor<milliseconds>(t);
  auto day = floor<days>(ms);
  year_month_day ymd{day};
  hh_mm_ss hms{ms - day};
  char buf[40];
  std::snprintf(
    buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
    static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
    static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
    static_cast<int>(hms.minutes().count()),
    static_cast<int>(hms.seconds().count()),
    static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string build_discord_payload(const alert& a, const payload_extras& x) {
  namespace lim = discord_limits;
  // The footer's omission note is added at the end; keep room for it.
  constexpr std::size_t omission_note_room = 40;

  std::string title = fit_text(a.title, lim::title);
  std::string footer = "tandem | ";
  footer += to_string(a.kind);
  footer += " | ";
  footer += to_string(a.severity);
  std::size_t budget = lim::embed_total - discord_length(title)
                       - discord_length(footer) - omission_note_room;

  // The summary keeps at least this much room against many long fields.
  std::size_t summary_len = discord_length(a.summary);
  std::size_t summary_reserve = std::min<std::size_t>(summary_len, 1000);

  std::vector<fitted_field> fields;
  std::size_t omitted = 0;
  for (const auto& f : a.fields) {
    if (fields.size() == lim::fields || omitted > 0) {
      ++omitted; // keep their order: once one is left out, so is the rest
      continue;
    }
    fitted_field ff{fit_required(f.name, lim::field_name),
                    fit_required(f.value, lim::field_value), f.is_inline};
    std::size_t need = discord_length(ff.name) + discord_length(ff.value);
    if (need + summary_reserve > budget) {
      ++omitted;
      continue;
    }
    budget -= need;
    fields.push_back(std::move(ff));
  }
  std::string description
    = fit_text(a.summary, std::min(lim::description, budget));
  if (omitted > 0) {
    footer += " | ";
    footer += std::to_string(omitted);
    footer += omitted == 1 ? " field omitted" : " fields omitted";
  }

  std::string out;
  out.reserve(512 + a.summary.size());
  out += "{\"content\":";
  append_json_string(out, fit_text(content_line(a, x), lim::content));
  out += ",\"allowed_mentions\":{\"parse\":[]},\"embeds\":[{";
  bool first = true;
  auto key = [&](std::string_view k) {
    if (!first)
      out += ',';
    first = false;
    out += '"';
    out += k;
    out += "\":";
  };
  if (!title.empty()) {
    key("title");
    append_json_string(out, title);
  }
  if (!description.empty()) {
    key("description");
    append_json_string(out, description);
  }
  key("color");
  out += std::to_string(severity_colour(a.severity));
  if (a.at.time_since_epoch().count() > 0) {
    key("timestamp");
    append_json_string(out, iso8601_utc(a.at));
  }
  if (!fields.empty()) {
    key("fields");
    out += '[';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0)
        out += ',';
      out += "{\"name\":";
      append_json_string(out, fields[i].name);
      out += ",\"value\":";
      append_json_string(out, fields[i].value);
      out += ",\"inline\":";
      out += fields[i].is_inline ? "true" : "false";
      out += '}';
    }
    out += ']';
  }
  key("footer");
  out += "{\"text\":";
  append_json_string(out, fit_text(footer, lim::footer));
  out += "}}]}";
  return out;
}

} // namespace tandem::alerts
