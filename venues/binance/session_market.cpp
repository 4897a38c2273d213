// The market stream: one self-reconnecting socket on ws_url, a SUBSCRIBE
// for every book-top symbol after each (re)connect, bookTicker frames to
// on_quote.
#include "log/logging.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/binance/session_impl.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <variant>

namespace tandem::venues::binance {

void session_impl::open_market() {
  net::ws_client::options o;
  o.url = opts_.ws_url;
  o.ca_file = opts_.ca_file;
  o.connect_timeout = opts_.connect_timeout;
  o.tls_timeout = opts_.connect_timeout;
  o.ping_interval = opts_.stream_ping_interval;
  o.idle_timeout = opts_.stream_idle_timeout;
  o.reconnect_base = opts_.reconnect_base;
  o.reconnect_max = opts_.reconnect_max;
  // Raw `this`: shutdown() in do_stop() guarantees no handler runs after.
  net::ws_client::handlers h;
  h.on_connected = [this] {
    market_up_ = true;
    bump(counters_.market_connects);
    // "connected" once the venue confirmed the subscriptions: from then on
    // every book change reaches us.
    if (quote_symbols_.empty()) {
      set_status("market", link_state::connected, "");
      return;
    }
    market_awaiting_ack_ = true;
    send_subscribe({quote_symbols_.begin(), quote_symbols_.end()});
  };
  h.on_message = [this](std::string_view data, bool) {
    on_market_frame(data);
  };
  h.on_disconnected = [this](net::net_error e) {
    market_up_ = false;
    market_awaiting_ack_ = false;
    set_status("market", link_state::disconnected,
               std::string{net::to_string(e)});
  };
  auto ws = net::ws_client::make(runner_, std::move(o), std::move(h));
  if (!ws) {
    TLOG_ERROR("binance.market.unusable", "error={}",
               net::to_string(ws.error()));
    set_status("market", link_state::halted,
               std::string{net::to_string(ws.error())});
    return;
  }
  market_ws_ = std::move(ws).value();
  set_status("market", link_state::connecting, "");
  market_ws_->start();
}

void session_impl::send_subscribe(const std::vector<std::string>& symbols) {
  if (symbols.empty() || !market_ws_ || !market_up_)
    return;
  // One message for all streams: Binance takes at most 10 messages/s.
  std::string msg = R"({"method":"SUBSCRIBE","params":[)";
  bool first = true;
  for (const auto& s : symbols) {
    std::string lower = s;
    std::transform(
      lower.begin(), lower.end(), lower.begin(),
      [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!first)
      msg += ',';
    first = false;
    msg += '"' + lower + "@bookTicker\"";
  }
  msg += "],\"id\":" + std::to_string(next_subscribe_id_++) + '}';
  TLOG_DEBUG("binance.market.subscribe", "symbols={}", symbols.size());
  market_ws_->send_text(std::move(msg));
}

void session_impl::on_market_frame(std::string_view frame) {
  auto m = parse_market_frame(*parser_, frame, local_now());
  if (!m) {
    note_malformed("market_frame", m.error(), frame);
    return;
  }
  if (auto* top = std::get_if<book_top>(&m.value())) {
    bump(counters_.quotes);
    if (events_.on_quote)
      events_.on_quote(std::move(*top));
    return;
  }
  const auto& ig = std::get<ignored>(m.value());
  if (ig.event_type == "result") {
    // {"result":null,"id":N}: a SUBSCRIBE was taken.
    if (market_awaiting_ack_) {
      market_awaiting_ack_ = false;
      set_status("market", link_state::connected, "");
    }
  } else if (ig.event_type.empty()) {
    // Not an event: a refused control message ({"code":..,"msg":..}).
    TLOG_WARN("binance.market.control_refused", "frame={}",
              frame.substr(0, std::min<std::size_t>(frame.size(), 160)));
  }
}

void session_impl::subscribe_quotes(std::vector<std::string> symbols) {
  post([this, symbols = std::move(symbols)]() mutable {
    if (stopped_)
      return;
    std::vector<std::string> added;
    for (auto& s : symbols) {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
      });
      if (!s.empty() && quote_symbols_.insert(s).second)
        added.push_back(s);
    }
    // When down, on_connected subscribes to the whole set.
    send_subscribe(added);
  });
}

} // namespace tandem::venues::binance
