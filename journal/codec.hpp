// The payload column: each record's payload as compact JSON text, one
// object per row. Fixed-point values are decimal strings ("0.00123"),
// parsed back exactly (never through double); times are integer ns since
// the epoch in keys ending "_ns"; enums are their lowercase names (venue
// errors their SCREAMING_CASE code); absent optionals are absent keys.
//
//   order_intent     {"cid","venue","symbol","side","type","tif",
//                     "expire_at_ns"?,"reduce_only","qty","limit_price"?,
//                     "stop_price"?,"trailing_amount"?,"trailing_rate"?,
//                     "pair_id","signal_id"}
//   order_event      {"venue","symbol","cid","venue_order_id","event","side",
//                     "order_qty","cum_qty","avg_px"?,"last_fill"?{fill},
//                     "reason"?,"venue_ts_ns"}
//   fill             {"cid","trade_id","venue","symbol","side","qty","px",
//                     "fee","liquidity","ts_ns"}
//   signal_processed {"signal_id"}
//   pair_decision    {"pair_id","state","text"}
//   risk_veto        {"cid"?,"pair_id","signal_id","code","detail"}
//   halt_set, halt_cleared {"reason","who"}
//   operator_command {"who","command","target","old_value","new_value"}
//   reconcile_note   {"venue","symbol","cid"?,"action","detail"}
//
// Key names are part of the on-disk format: renaming one needs a migration.
#pragma once

#include "core/result.hpp"
#include "journal/records.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace tandem::journal {

/// Appends the payload's JSON object to `out`. Allocates only when `out`
/// has to grow, so a reused buffer costs nothing per record.
void encode_payload(const payload& p, std::string& out);

/// Decodes payload JSON. Keeps its parser and a padded copy buffer between
/// calls, so decoding many rows does not allocate per row beyond the
/// payload's own strings. Not thread-safe: one per reader.
class payload_decoder {
 public:
  payload_decoder();
  ~payload_decoder();
  payload_decoder(payload_decoder&&) noexcept;
  payload_decoder& operator=(payload_decoder&&) noexcept;

  /// Returns the payload of kind `k`, or a message naming the first bad or
  /// missing field ("field qty: not a decimal").
  result<payload, std::string> decode(record_kind k, std::string_view json);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace tandem::journal
