#include "journal/export.hpp"

#include "journal/codec.hpp"
#include "venues/common/json_string.hpp"

#include <charconv>
#include <ctime>
#include <ostream>

namespace tandem::journal {

namespace {

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

void append_padded(std::string& out, std::int64_t v, int width) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  auto n = static_cast<int>(r.ptr - buf);
  for (int i = n; i < width; ++i)
    out.push_back('0');
  out.append(buf, r.ptr);
}

} // namespace

std::optional<export_format>
export_format_from_string(std::string_view s) noexcept {
  if (s == "csv")
    return export_format::csv;
  if (s == "jsonl")
    return export_format::jsonl;
  return std::nullopt;
}

void append_iso8601(std::string& out, timestamp t) {
  auto ns = t.time_since_epoch().count();
  auto secs = ns / 1'000'000'000;
  auto frac = ns % 1'000'000'000;
  if (frac < 0) { // before 1970: floor, so the fraction stays positive
    frac += 1'000'000'000;
    --secs;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  append_padded(out, tm.tm_year + 1900, 4);
  out.push_back('-');
  append_padded(out, tm.tm_mon + 1, 2);
  out.push_back('-');
  append_padded(out, tm.tm_mday, 2);
  out.push_back('T');
  append_padded(out, tm.tm_hour, 2);
  out.push_back(':');
  append_padded(out, tm.tm_min, 2);
  out.push_back(':');
  append_padded(out, tm.tm_sec, 2);
  out.push_back('.');
  append_padded(out, frac, 9);
  out.push_back('Z');
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"')
      out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string_view csv_header() noexcept {
  return "seq,ts,ts_ns,kind,client_order_id,pair_id,payload\r\n";
}

void append_csv_row(std::string& out, const record& r) {
  append_int(out, static_cast<std::int64_t>(r.seq));
  out.push_back(',');
  append_iso8601(out, r.ts);
  out.push_back(',');
  append_int(out, r.ts.time_since_epoch().count());
  out.push_back(',');
  out += to_string(kind_of(r.body));
  out.push_back(',');
  if (auto id = order_id_of(r.body))
    append_csv_field(out, id->view());
  out.push_back(',');
  append_csv_field(out, pair_id_of(r.body));
  out.push_back(',');
  std::string json;
  encode_payload(r.body, json);
  append_csv_field(out, json);
  out += "\r\n";
}

void append_jsonl_row(std::string& out, const record& r) {
  out += "{\"seq\":";
  append_int(out, static_cast<std::int64_t>(r.seq));
  out += ",\"ts\":\"";
  append_iso8601(out, r.ts);
  out += "\",\"ts_ns\":";
  append_int(out, r.ts.time_since_epoch().count());
  out += ",\"kind\":\"";
  out += to_string(kind_of(r.body));
  out += "\",\"client_order_id\":";
  if (auto id = order_id_of(r.body))
    venues::append_json_string(out, id->view());
  else
    out += "null";
  out += ",\"pair_id\":";
  auto pair = pair_id_of(r.body);
  if (!pair.empty())
    venues::append_json_string(out, pair);
  else
    out += "null";
  out += ",\"payload\":";
  encode_payload(r.body, out);
  out += "}\n";
}

result<std::uint64_t, store_error> export_journal(store& s, export_format f,
                                                  std::ostream& out,
                                                  std::string_view out_name) {
  std::string buf;
  bool write_failed = false;
  auto flush = [&] {
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
    if (!out)
      write_failed = true;
  };
  if (f == export_format::csv)
    buf += csv_header();
  auto n = s.scan(0, [&](record&& r) {
    if (write_failed)
      return;
    if (f == export_format::csv)
      append_csv_row(buf, r);
    else
      append_jsonl_row(buf, r);
    if (buf.size() >= 64 * 1024)
      flush();
  });
  if (!n)
    return failure{n.error()};
  flush();
  out.flush();
  if (write_failed || !out)
    return failure{store_error{journal_error::io_error, std::string{out_name},
                               "write failed"}};
  return *n;
}

} // namespace tandem::journal
