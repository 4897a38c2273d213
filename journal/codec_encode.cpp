// Payload -> JSON. Hand-written (no JSON library on the write path) so that
// encoding appends into one reused buffer without temporaries.
#include "journal/codec.hpp"

#include "venues/common/json_string.hpp"

#include <charconv>
#include <cstdint>
#include <type_traits>

namespace tandem::journal {

namespace {

/// Appends a fixed-point value as its canonical decimal string, like
/// fixed::to_string() but into `out` (no temporary string).
template<class T>
void append_decimal(std::string& out, T v) {
  constexpr int scale = T::scale;
  auto raw = v.raw();
  bool negative = raw < 0;
  // Magnitude as unsigned so that INT64_MIN formats correctly.
  std::uint64_t mag = negative ? ~static_cast<std::uint64_t>(raw) + 1
                               : static_cast<std::uint64_t>(raw);
  char digits[32];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + mag % 10);
    mag /= 10;
  } while (mag != 0);
  while (n <= scale)
    digits[n++] = '0';
  int frac_end = 0;
  while (frac_end < scale && digits[frac_end] == '0')
    ++frac_end;
  out.push_back('"');
  if (negative)
    out.push_back('-');
  for (int p = n - 1; p >= scale; --p)
    out.push_back(digits[p]);
  if (frac_end < scale) {
    out.push_back('.');
    for (int p = scale - 1; p >= frac_end; --p)
      out.push_back(digits[p]);
  }
  out.push_back('"');
}

/// Writes `{"k":v,...}` one field at a time; keys are plain ASCII.
class object_writer {
 public:
  explicit object_writer(std::string& out) : out_(out) { out_.push_back('{'); }
  object_writer(const object_writer&) = delete;
  object_writer& operator=(const object_writer&) = delete;
  ~object_writer() { out_.push_back('}'); }

  void str(std::string_view k, std::string_view v) {
    key(k);
    venues::append_json_string(out_, v);
  }
  void i64(std::string_view k, std::int64_t v) {
    key(k);
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out_.append(buf, r.ptr);
  }
  void boolean(std::string_view k, bool v) {
    key(k);
    out_ += v ? "true" : "false";
  }
  void ts(std::string_view k, timestamp t) {
    i64(k, t.time_since_epoch().count());
  }
  template<class T>
  void dec(std::string_view k, T v) {
    key(k);
    append_decimal(out_, v);
  }
  template<class T>
  void opt_dec(std::string_view k, const std::optional<T>& v) {
    if (v)
      dec(k, *v);
  }
  void cid(std::string_view k, const std::optional<client_order_id>& v) {
    if (v)
      str(k, v->view());
  }
  /// Starts a nested object under `k`; the caller writes it into out().
  void nested(std::string_view k) { key(k); }
  std::string& out() { return out_; }

 private:
  void key(std::string_view k) {
    if (!first_)
      out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_ += k;
    out_ += "\":";
  }

  std::string& out_;
  bool first_ = true;
};

std::string_view liquidity_name(liquidity l) noexcept {
  switch (l) {
    case liquidity::unknown: return "unknown";
    case liquidity::maker: return "maker";
    case liquidity::taker: return "taker";
  }
  return "unknown";
}

void encode_fill(const fill& f, std::string& out) {
  object_writer w{out};
  w.str("cid", f.order_id.view());
  w.str("trade_id", f.trade_id);
  w.str("venue", to_string(f.venue));
  w.str("symbol", f.symbol);
  w.str("side", to_string(f.side));
  w.dec("qty", f.qty);
  w.dec("px", f.px);
  w.dec("fee", f.fee);
  w.str("liquidity", liquidity_name(f.liquidity));
  w.ts("ts_ns", f.ts);
}

void encode(const order_intent& x, std::string& out) {
  const auto& r = x.request;
  object_writer w{out};
  w.str("cid", r.id.view());
  w.str("venue", to_string(r.venue));
  w.str("symbol", r.symbol);
  w.str("side", to_string(r.side));
  w.str("type", to_string(r.type));
  w.str("tif", to_string(r.tif));
  if (r.expire_at)
    w.ts("expire_at_ns", *r.expire_at);
  w.boolean("reduce_only", r.reduce_only);
  w.dec("qty", r.qty);
  w.opt_dec("limit_price", r.limit_price);
  w.opt_dec("stop_price", r.stop_price);
  w.opt_dec("trailing_amount", r.trailing_amount);
  w.opt_dec("trailing_rate", r.trailing_rate);
  w.str("pair_id", x.pair_id);
  w.str("signal_id", x.signal_id);
}

void encode(const venues::order_update& x, std::string& out) {
  object_writer w{out};
  w.str("venue", to_string(x.venue));
  w.str("symbol", x.symbol);
  w.str("cid", x.id.view());
  w.str("venue_order_id", x.venue_order_id);
  w.str("event", to_string(x.event));
  w.str("side", to_string(x.side));
  w.dec("order_qty", x.order_qty);
  w.dec("cum_qty", x.cum_qty);
  w.opt_dec("avg_px", x.avg_px);
  if (x.last_fill) {
    w.nested("last_fill");
    encode_fill(*x.last_fill, w.out());
  }
  if (x.reason)
    w.str("reason", venues::to_string(*x.reason));
  w.ts("venue_ts_ns", x.venue_ts);
}

void encode(const fill& x, std::string& out) { encode_fill(x, out); }

void encode(const signal_processed& x, std::string& out) {
  object_writer w{out};
  w.str("signal_id", x.signal_id);
}

void encode(const pair_decision& x, std::string& out) {
  object_writer w{out};
  w.str("pair_id", x.pair_id);
  w.str("state", to_string(x.state));
  w.str("text", x.text);
}

void encode(const risk_veto& x, std::string& out) {
  object_writer w{out};
  w.cid("cid", x.order_id);
  w.str("pair_id", x.pair_id);
  w.str("signal_id", x.signal_id);
  w.str("code", x.code);
  w.str("detail", x.detail);
}

template<class Halt>
void encode_halt(const Halt& x, std::string& out) {
  object_writer w{out};
  w.str("reason", x.reason);
  w.str("who", x.who);
}

void encode(const halt_set& x, std::string& out) { encode_halt(x, out); }
void encode(const halt_cleared& x, std::string& out) { encode_halt(x, out); }

void encode(const operator_command& x, std::string& out) {
  object_writer w{out};
  w.str("who", x.who);
  w.str("command", x.command);
  w.str("target", x.target);
  w.str("old_value", x.old_value);
  w.str("new_value", x.new_value);
}

void encode(const reconcile_note& x, std::string& out) {
  object_writer w{out};
  w.str("venue", to_string(x.venue));
  w.str("symbol", x.symbol);
  w.cid("cid", x.order_id);
  w.str("action", x.action);
  w.str("detail", x.detail);
}

} // namespace

void encode_payload(const payload& p, std::string& out) {
  std::visit([&out](const auto& x) { encode(x, out); }, p);
}

} // namespace tandem::journal
