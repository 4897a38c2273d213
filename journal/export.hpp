// Journal export for accounting: CSV (RFC 4180) or JSON lines, one row per
// record in seq order.
//
// CSV columns: seq, ts (ISO-8601 UTC with ns), ts_ns, kind, client_order_id,
// pair_id, payload (the record's JSON, journal/codec.hpp). Fields holding a
// comma, a double quote, CR or LF are quoted and inner quotes doubled; rows
// end in CRLF; the first row is the header.
// JSON lines: {"seq":..,"ts":"..","ts_ns":..,"kind":"..",
// "client_order_id":".."|null,"pair_id":".."|null,"payload":{...}}, one per
// line ending in LF.
#pragma once

#include "core/result.hpp"
#include "journal/errors.hpp"
#include "journal/records.hpp"
#include "journal/store.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace tandem::journal {

enum class export_format : std::uint8_t { csv = 1, jsonl = 2 };

/// Parses "csv" or "jsonl"; nullopt otherwise.
std::optional<export_format>
export_format_from_string(std::string_view s) noexcept;

/// Appends `t` as "2025-01-02T03:04:05.123456789Z".
void append_iso8601(std::string& out, timestamp t);

/// Appends one CSV field, quoted only when RFC 4180 requires it.
void append_csv_field(std::string& out, std::string_view field);

/// The CSV header row, CRLF included.
std::string_view csv_header() noexcept;

/// Appends one record as a CSV row (CRLF included).
void append_csv_row(std::string& out, const record& r);

/// Appends one record as a JSON line (LF included).
void append_jsonl_row(std::string& out, const record& r);

/// Writes every record of `s` to `out` (the CSV header first). Returns the
/// number of records written. A read failure is the store's error; a write
/// failure is io_error naming `out_name`.
result<std::uint64_t, store_error> export_journal(store& s, export_format f,
                                                  std::ostream& out,
                                                  std::string_view out_name);

} // namespace tandem::journal
