// JSON -> payload with simdjson On-Demand. Decimals are read as strings and
// parsed exactly by core/decimal; nothing goes through double.
#include "journal/codec.hpp"

#include <simdjson.h>

#include <optional>
#include <string>

namespace tandem::journal {

namespace od = simdjson::ondemand;

namespace {

template<class E>
std::optional<E> enum_named(std::string_view s, int lo, int hi) noexcept {
  for (int i = lo; i <= hi; ++i) {
    auto e = static_cast<E>(i);
    if (to_string(e) == s)
      return e;
  }
  return std::nullopt;
}

std::optional<liquidity> liquidity_named(std::string_view s) noexcept {
  if (s == "unknown")
    return liquidity::unknown;
  if (s == "maker")
    return liquidity::maker;
  if (s == "taker")
    return liquidity::taker;
  return std::nullopt;
}

std::optional<venues::venue_error>
venue_error_named(std::string_view s) noexcept {
  // Codes live in 700..799; to_string names every defined one.
  for (int i = 700; i < 800; ++i) {
    auto e = static_cast<venues::venue_error>(i);
    if (venues::to_string(e) == s)
      return e;
  }
  return std::nullopt;
}

/// Reads fields of one object; the first failure sticks, later reads return
/// defaults, so a decoder reads everything and checks once.
class reader {
 public:
  explicit reader(od::object obj) noexcept : obj_(obj) {}

  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }

  void fail(std::string_view key, std::string_view why) {
    if (ok()) {
      error_ = "field ";
      error_ += key;
      error_ += ": ";
      error_ += why;
    }
  }

  /// A string that may be absent; a present non-string is an error.
  std::optional<std::string_view> opt_view(std::string_view k) {
    if (!ok())
      return std::nullopt;
    od::value v;
    auto e = obj_[k].get(v);
    if (e == simdjson::NO_SUCH_FIELD)
      return std::nullopt;
    std::string_view s;
    if (e || v.get_string().get(s)) {
      fail(k, "not a string");
      return std::nullopt;
    }
    return s;
  }

  std::string_view view(std::string_view k) {
    if (!ok())
      return {};
    auto s = opt_view(k);
    if (!s) {
      fail(k, "missing");
      return {};
    }
    return *s;
  }

  std::string string(std::string_view k) { return std::string{view(k)}; }

  std::optional<std::int64_t> opt_i64(std::string_view k) {
    if (!ok())
      return std::nullopt;
    od::value v;
    auto e = obj_[k].get(v);
    if (e == simdjson::NO_SUCH_FIELD)
      return std::nullopt;
    std::int64_t n = 0;
    if (e || v.get_int64().get(n)) {
      fail(k, "not an integer");
      return std::nullopt;
    }
    return n;
  }

  std::optional<timestamp> opt_ts(std::string_view k) {
    auto n = opt_i64(k);
    if (!n)
      return std::nullopt;
    return timestamp{std::chrono::nanoseconds{*n}};
  }

  timestamp ts(std::string_view k) {
    auto t = opt_ts(k);
    if (!t)
      fail(k, "missing");
    return t.value_or(timestamp{});
  }

  bool boolean(std::string_view k) {
    if (!ok())
      return false;
    bool b = false;
    if (obj_[k].get_bool().get(b))
      fail(k, "missing or not a boolean");
    return b;
  }

  template<class T>
  std::optional<T> opt_dec(std::string_view k) {
    auto s = opt_view(k);
    if (!s)
      return std::nullopt;
    auto v = T::parse(*s);
    if (!v) {
      fail(k, "not an exact decimal");
      return std::nullopt;
    }
    return *v;
  }

  template<class T>
  T dec(std::string_view k) {
    if (!ok())
      return T{};
    auto v = opt_dec<T>(k);
    if (!v)
      fail(k, "missing");
    return v.value_or(T{});
  }

  std::optional<client_order_id> opt_cid(std::string_view k) {
    auto s = opt_view(k);
    if (!s)
      return std::nullopt;
    auto id = client_order_id::make(*s);
    if (!id) {
      fail(k, "not a valid client order id");
      return std::nullopt;
    }
    return *id;
  }

  /// A client order id that must be present; "" stands for none (an
  /// event for an order without a client id).
  client_order_id cid(std::string_view k) {
    auto s = view(k);
    if (!ok() || s.empty())
      return {};
    auto id = client_order_id::make(s);
    if (!id) {
      fail(k, "not a valid client order id");
      return {};
    }
    return *id;
  }

  /// A required enum spelled by name; `parse` maps the name.
  template<class E, class Parse>
  E enumeration(std::string_view k, Parse parse) {
    auto s = view(k);
    if (!ok())
      return E{};
    auto v = parse(s);
    if (!v) {
      fail(k, "unknown value");
      return E{};
    }
    return *v;
  }

  tandem::venue venue(std::string_view k) {
    return enumeration<tandem::venue>(k, venue_from_string);
  }
  tandem::side side(std::string_view k) {
    return enumeration<tandem::side>(
      k, [](std::string_view s) { return enum_named<tandem::side>(s, 1, 2); });
  }

  /// A nested object that may be absent.
  std::optional<od::object> opt_object(std::string_view k) {
    if (!ok())
      return std::nullopt;
    od::value v;
    auto e = obj_[k].get(v);
    if (e == simdjson::NO_SUCH_FIELD)
      return std::nullopt;
    od::object o;
    if (e || v.get_object().get(o)) {
      fail(k, "not an object");
      return std::nullopt;
    }
    return o;
  }

 private:
  od::object obj_;
  std::string error_;
};

fill read_fill(reader& r) {
  fill f;
  f.order_id = r.cid("cid");
  f.trade_id = r.string("trade_id");
  f.venue = r.venue("venue");
  f.symbol = r.string("symbol");
  f.side = r.side("side");
  f.qty = r.dec<quantity>("qty");
  f.px = r.dec<price>("px");
  f.fee = r.dec<money>("fee");
  f.liquidity = r.enumeration<liquidity>("liquidity", liquidity_named);
  f.ts = r.ts("ts_ns");
  return f;
}

order_intent read_intent(reader& r) {
  order_intent x;
  auto& q = x.request;
  q.id = r.cid("cid");
  q.venue = r.venue("venue");
  q.symbol = r.string("symbol");
  q.side = r.side("side");
  q.type = r.enumeration<order_type>(
    "type", [](std::string_view s) { return enum_named<order_type>(s, 1, 5); });
  q.tif = r.enumeration<time_in_force>("tif", [](std::string_view s) {
    return enum_named<time_in_force>(s, 1, 4);
  });
  q.expire_at = r.opt_ts("expire_at_ns");
  q.reduce_only = r.boolean("reduce_only");
  q.qty = r.dec<quantity>("qty");
  q.limit_price = r.opt_dec<price>("limit_price");
  q.stop_price = r.opt_dec<price>("stop_price");
  q.trailing_amount = r.opt_dec<price>("trailing_amount");
  q.trailing_rate = r.opt_dec<rate>("trailing_rate");
  x.pair_id = r.string("pair_id");
  x.signal_id = r.string("signal_id");
  return x;
}

venues::order_update read_event(reader& r) {
  venues::order_update x;
  x.venue = r.venue("venue");
  x.symbol = r.string("symbol");
  x.id = r.cid("cid");
  x.venue_order_id = r.string("venue_order_id");
  x.event = r.enumeration<tandem::order_event>("event", [](std::string_view s) {
    return enum_named<tandem::order_event>(s, 1, 11);
  });
  x.side = r.side("side");
  x.order_qty = r.dec<quantity>("order_qty");
  x.cum_qty = r.dec<quantity>("cum_qty");
  x.avg_px = r.opt_dec<price>("avg_px");
  if (auto sub = r.opt_object("last_fill")) {
    reader fr{*sub};
    x.last_fill = read_fill(fr);
    if (!fr.ok())
      r.fail("last_fill", fr.error());
  }
  if (auto s = r.opt_view("reason")) {
    auto e = venue_error_named(*s);
    if (!e)
      r.fail("reason", "unknown venue error");
    x.reason = e;
  }
  x.venue_ts = r.ts("venue_ts_ns");
  return x;
}

pair_decision read_decision(reader& r) {
  pair_decision x;
  x.pair_id = r.string("pair_id");
  x.state = r.enumeration<pair_state>("state", pair_state_from_string);
  x.text = r.string("text");
  return x;
}

risk_veto read_veto(reader& r) {
  risk_veto x;
  x.order_id = r.opt_cid("cid");
  x.pair_id = r.string("pair_id");
  x.signal_id = r.string("signal_id");
  x.code = r.string("code");
  x.detail = r.string("detail");
  return x;
}

template<class Halt>
Halt read_halt(reader& r) {
  Halt x;
  x.reason = r.string("reason");
  x.who = r.string("who");
  return x;
}

operator_command read_command(reader& r) {
  operator_command x;
  x.who = r.string("who");
  x.command = r.string("command");
  x.target = r.string("target");
  x.old_value = r.string("old_value");
  x.new_value = r.string("new_value");
  return x;
}

reconcile_note read_note(reader& r) {
  reconcile_note x;
  x.venue = r.venue("venue");
  x.symbol = r.string("symbol");
  x.order_id = r.opt_cid("cid");
  x.action = r.string("action");
  x.detail = r.string("detail");
  return x;
}

payload read_payload(record_kind k, reader& r) {
  switch (k) {
    case record_kind::order_intent: return read_intent(r);
    case record_kind::order_event: return read_event(r);
    case record_kind::fill: return read_fill(r);
    case record_kind::signal_processed:
      return signal_processed{r.string("signal_id")};
    case record_kind::pair_decision: return read_decision(r);
    case record_kind::risk_veto: return read_veto(r);
    case record_kind::halt_set: return read_halt<halt_set>(r);
    case record_kind::halt_cleared: return read_halt<halt_cleared>(r);
    case record_kind::operator_command: return read_command(r);
    case record_kind::reconcile_note: return read_note(r);
  }
  r.fail("kind", "unknown record kind");
  return signal_processed{};
}

} // namespace

struct payload_decoder::impl {
  od::parser parser;
  /// The row's text plus SIMDJSON_PADDING readable bytes, reused.
  std::string buf;
};

payload_decoder::payload_decoder() : impl_(std::make_unique<impl>()) {}
payload_decoder::~payload_decoder() = default;
payload_decoder::payload_decoder(payload_decoder&&) noexcept = default;
payload_decoder&
payload_decoder::operator=(payload_decoder&&) noexcept = default;

result<payload, std::string> payload_decoder::decode(record_kind k,
                                                     std::string_view json) {
  auto& buf = impl_->buf;
  buf.assign(json);
  buf.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  if (impl_->parser.iterate(buf.data(), buf.size(), buf.capacity()).get(doc))
    return failure{std::string{"payload is not JSON"}};
  od::object obj;
  if (doc.get_object().get(obj))
    return failure{std::string{"payload is not a JSON object"}};
  reader r{obj};
  auto p = read_payload(k, r);
  if (!r.ok())
    return failure{r.error()};
  return p;
}

} // namespace tandem::journal
