// session_core: the public and private WebSockets, and the resync that
// follows a private reconnect.
#include "venues/upbit/session_core.hpp"

#include "log/logging.hpp"
#include "venues/upbit/codec_stream.hpp"
#include "venues/upbit/codec_subscribe.hpp"

#include <variant>

namespace tandem::venues::upbit::detail {

// -- public stream ------------------------------------------------------------

net::ws_client::handlers session_core::public_handlers() {
  net::ws_client::handlers h;
  h.on_connected = [this] {
    ++counters_.market_connects;
    public_up_ = true;
    send_public_subscription();
    await_confirmation(ws_public_.get(), market_link_);
  };
  h.on_message = [this](std::string_view data, bool) {
    on_public_frame(data);
  };
  h.on_disconnected = [this](net::net_error e) {
    public_up_ = false;
    emit_status("market", link_state::disconnected, std::string{to_string(e)});
  };
  return h;
}

void session_core::send_public_subscription() {
  if (!public_up_ || closed_)
    return;
  public_subscription sub;
  sub.ticker_codes.assign(quote_symbols_.begin(), quote_symbols_.end());
  sub.orderbook_codes = sub.ticker_codes;
  sub.orderbook_levels = opts_.orderbook_levels;
  // One request with every code: a new request on a connection replaces
  // the earlier one (UNCONFIRMED whether Upbit adds instead; sending the
  // full set is right either way, at worst a duplicate stream).
  auto frame = subscribe_public(fresh_nonce(), sub);
  if (!frame) {
    TLOG_ERROR("upbit.subscribe_refused", "detail={}", frame.error().detail);
    return;
  }
  ws_public_->send_text(std::move(*frame));
}

void session_core::subscribe_quotes(std::vector<std::string> symbols) {
  bool added = false;
  for (auto& s : symbols) {
    if (!is_market_code(s)) {
      TLOG_WARN("upbit.subscribe_bad_symbol", "symbol={}", s);
      continue;
    }
    added |= quote_symbols_.insert(std::move(s)).second;
  }
  if (added)
    send_public_subscription();
}

void session_core::on_public_frame(std::string_view data) {
  if (closed_)
    return;
  auto ev = decode_frame(json_, data, clock_.now());
  if (!ev) {
    malformed("market_frame", ev.error());
    return;
  }
  if (auto* ob = std::get_if<orderbook>(&*ev)) {
    // The top first: it is what the strategy prices from.
    if (ob->top && events_.on_quote)
      events_.on_quote(std::move(*ob->top));
    // Kept for market buys (session_plan.hpp), then handed on.
    auto& kept = books_[ob->depth.symbol];
    kept = ob->depth;
    if (events_.on_depth)
      events_.on_depth(std::move(ob->depth));
  } else if (std::holds_alternative<status_frame>(*ev)) {
    confirm(market_link_);
  } else if (auto* err = std::get_if<ws_error_frame>(&*ev)) {
    ++counters_.stream_errors;
    TLOG_WARN("upbit.stream_error", "stream=market name={} message={}",
              err->name, err->message);
  }
  // ticker: subscribed as asked, but the engine prices from the book (see
  // codec_quotes.hpp); status and other types need nothing.
}

// -- private stream -----------------------------------------------------------

net::ws_client::handlers session_core::private_handlers() {
  net::ws_client::handlers h;
  h.on_connected = [this] {
    ++counters_.user_connects;
    auto frame = subscribe_private(fresh_nonce(), opts_.markets);
    if (!frame) {
      TLOG_ERROR("upbit.subscribe_refused", "detail={}", frame.error().detail);
      return;
    }
    ws_private_->send_text(std::move(*frame));
    await_confirmation(ws_private_.get(), user_link_);
  };
  h.on_message = [this](std::string_view data, bool) {
    on_private_frame(data);
  };
  h.on_disconnected = [this](net::net_error e) {
    ++user_link_.generation;
    user_link_.confirmed = false;
    emit_status("user", link_state::disconnected, std::string{to_string(e)});
  };
  return h;
}

void session_core::on_private_frame(std::string_view data) {
  if (closed_)
    return;
  auto ev = decode_frame(json_, data, clock_.now());
  if (!ev) {
    malformed("user_frame", ev.error());
    return;
  }
  if (auto* o = std::get_if<my_order_frame>(&*ev)) {
    if (tracker_.accept(o->update))
      emit_order(o->update);
  } else if (auto* a = std::get_if<my_asset_frame>(&*ev)) {
    emit_balances(std::move(a->balances));
  } else if (std::holds_alternative<status_frame>(*ev)) {
    confirm(user_link_);
  } else if (auto* err = std::get_if<ws_error_frame>(&*ev)) {
    ++counters_.stream_errors;
    TLOG_WARN("upbit.stream_error", "stream=user name={} message={}", err->name,
              err->message);
    if (err->code == venue_error::auth_failed)
      emit_status("user", link_state::disconnected,
                  std::string{to_string(err->code)});
  }
}

// -- subscription confirmation
// --------------------------------------------------

void session_core::await_confirmation(net::ws_client* ws, stream_link& link) {
  // Upbit does not acknowledge a subscription, but it handles a
  // connection's frames in order: the answer to a PING sent after the
  // request proves the request is in force. Only then is the stream
  // "connected" (and the private resync free of a gap).
  link.confirmed = false;
  const auto gen = ++link.generation;
  ws->send_text(std::string{ws_ping});
  // A venue that never answers PING must not keep the stream "down".
  timers_.after(opts_.connect_timeout, [this, &link, gen] {
    if (link.generation == gen && !link.confirmed) {
      TLOG_WARN("upbit.subscription_unconfirmed", "stream={}", link.name);
      confirm(link);
    }
  });
}

void session_core::confirm(stream_link& link) {
  if (link.confirmed)
    return; // the periodic {"status":"UP"} after the first
  link.confirmed = true;
  emit_status(link.name, link_state::connected, "");
  // Subscribed first, then read REST: whatever happened in the gap is in
  // the REST answer, whatever happens after is on the stream, and the
  // tracker drops what both report.
  if (&link == &user_link_ && counters_.user_connects > 1)
    resync();
}

// -- resync -------------------------------------------------------------------

void session_core::resync() {
  ++counters_.resyncs;
  const auto live = tracker_.live();
  TLOG_INFO("upbit.resync", "live_orders={}", live.size());
  fetch_open("", [this, live](venue_result<std::vector<order_snapshot>> r) {
    if (!r) {
      TLOG_WARN("upbit.resync_failed", "reason={} detail={}",
                to_string(r.error().code), r.error().detail);
      // Still ask for each live order: that needs no open-orders list.
      for (const auto& id : live)
        resync_order(id);
      return;
    }
    std::map<client_order_id, const order_snapshot*> open;
    for (const auto& s : *r)
      if (!s.update.id.empty())
        open.emplace(s.update.id, &s);
    for (const auto& id : live) {
      auto it = open.find(id);
      // Still open with nothing new filled: the stream missed nothing.
      if (it != open.end()
          && it->second->update.cum_qty == tracker_.reported_qty(id))
        continue;
      resync_order(id);
    }
  });
  fetch_balances([this](venue_result<std::vector<balance>> r) {
    if (r)
      emit_balances(std::move(*r));
    else
      TLOG_WARN("upbit.resync_balances_failed", "reason={}",
                to_string(r.error().code));
  });
}

void session_core::resync_order(const client_order_id& id) {
  fetch_order(id, [this, id](venue_result<order_snapshot> r) {
    if (!r) {
      TLOG_WARN("upbit.resync_order_failed", "cid={} reason={} detail={}",
                id.view(), to_string(r.error().code), r.error().detail);
      return;
    }
    for (const auto& u : tracker_.reconcile(*r))
      emit_order(u);
  });
}

} // namespace tandem::venues::upbit::detail
