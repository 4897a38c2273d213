// The user-data stream: a listen key (POST), a socket on ws_user_url/<key>,
// keepalives (PUT) every listen_key_keepalive, and a new key plus a new
// socket when the venue expires the key or refuses a keepalive. After any
// gap (a reconnect, a new key) the open orders are read back over REST and
// pushed through on_order, and orders we knew open that the venue no
// longer lists are queried, so no fill or cancel is lost.
//
// The listen key is a bearer token for the account's private events: it is
// never logged.
#include "log/logging.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/codec_stream.hpp"
#include "venues/binance/session_impl.hpp"

#include <simdjson.h>

#include <set>
#include <variant>

namespace tandem::venues::binance {

namespace {

template<class... F>
struct overloaded : F... {
  using F::operator()...;
};
template<class... F>
overloaded(F...) -> overloaded<F...>;

} // namespace

void session_impl::open_user_stream() {
  if (renewing_key_ || stopped_)
    return;
  renewing_key_ = true;
  set_status("user", link_state::connecting, "");
  rest_call c;
  c.name = "listen_key_create";
  c.is_signed = false;
  c.costs = weight_cost(1);
  c.transport_retries_left = opts_.transport_retries;
  c.build = [this](const signing_input&) {
    return binance::listen_key_create(api_key_);
  };
  c.done = [this](rest_result r) {
    renewing_key_ = false;
    auto retry = [this](const venue_failure& f) {
      auto attempt = static_cast<int>(user_backoff_.attempts());
      user_backoff_.next(0);
      auto delay = retry_delay(opts_.reconnect_base, attempt);
      TLOG_WARN("binance.user.listen_key_failed",
                "error={} detail={} delay_ms={}", to_string(f.code), f.detail,
                delay.count());
      set_status("user", link_state::disconnected,
                 std::string{to_string(f.code)});
      later(delay, [this] { open_user_stream(); });
    };
    if (!r) {
      retry(r.error().failure);
      return;
    }
    auto key = parse_listen_key(*parser_, r.value());
    if (!key) {
      // The body may hold a key: count it, do not log its bytes.
      note_malformed("listen_key", key.error(), {});
      retry(
        {key.error(), "binance: unreadable listenKey answer", std::nullopt});
      return;
    }
    bump(counters_.listen_keys);
    user_backoff_.reset();
    open_user_ws(key.value());
    schedule_keepalive();
  };
  enqueue(std::move(c));
}

void session_impl::open_user_ws(const std::string& key) {
  auto gen = ++user_generation_;
  if (user_ws_) {
    // Inline on the runner thread: no handler of the old socket runs after.
    user_ws_->shutdown();
    user_ws_.reset();
  }
  net::ws_client::options o;
  o.url = opts_.ws_user_url + "/" + key;
  o.ca_file = opts_.ca_file;
  o.connect_timeout = opts_.connect_timeout;
  o.tls_timeout = opts_.connect_timeout;
  o.ping_interval = opts_.stream_ping_interval;
  o.idle_timeout = opts_.stream_idle_timeout;
  o.reconnect_base = opts_.reconnect_base;
  o.reconnect_max = opts_.reconnect_max;
  net::ws_client::handlers h;
  h.on_connected = [this, gen] {
    on_user_connected(gen);
  };
  h.on_message = [this, gen](std::string_view data, bool) {
    if (gen == user_generation_)
      on_user_frame(data);
  };
  h.on_disconnected = [this, gen](net::net_error e) {
    if (gen != user_generation_)
      return;
    set_status("user", link_state::disconnected,
               std::string{net::to_string(e)});
    // The venue refuses the upgrade for an unknown or expired key: a new
    // key is needed, reconnecting on the old one would loop forever.
    if (e == net::net_error::upgrade_refused) {
      TLOG_WARN("binance.user.key_refused", "");
      open_user_stream();
    }
  };
  auto ws = net::ws_client::make(runner_, std::move(o), std::move(h));
  if (!ws) {
    TLOG_ERROR("binance.user.unusable", "error={}", net::to_string(ws.error()));
    set_status("user", link_state::halted,
               std::string{net::to_string(ws.error())});
    return;
  }
  user_ws_ = std::move(ws).value();
  user_ws_->start();
}

void session_impl::on_user_connected(std::uint64_t generation) {
  if (generation != user_generation_)
    return;
  bump(counters_.user_connects);
  set_status("user", link_state::connected, "");
  if (user_connected_once_)
    resync_orders();
  user_connected_once_ = true;
}

void session_impl::on_user_frame(std::string_view frame) {
  auto ev = parse_user_frame(*parser_, frame, instruments_);
  if (!ev) {
    note_malformed("user_frame", ev.error(), frame);
    return;
  }
  std::visit(overloaded{
               [this](order_trade_update& u) {
                 if (u.fee_needs_conversion && u.fee)
                   TLOG_DEBUG("binance.fee.other_asset", "cid={} asset={}",
                              u.raw_client_id, u.fee->asset);
                 track(u.update);
                 if (events_.on_order)
                   events_.on_order(std::move(u.update));
               },
               [this](account_update& a) {
                 if (!a.balances.empty() && events_.on_balances)
                   events_.on_balances(std::move(a.balances));
                 if (events_.on_position)
                   for (auto& p : a.positions)
                     events_.on_position(std::move(p));
               },
               [this](listen_key_expired&) {
                 TLOG_WARN("binance.user.listen_key_expired", "");
                 set_status("user", link_state::disconnected,
                            "LISTEN_KEY_EXPIRED");
                 open_user_stream();
               },
               [](ignored&) {},
             },
             ev.value());
}

void session_impl::schedule_keepalive() {
  if (keepalive_scheduled_)
    return;
  keepalive_scheduled_ = true;
  later(opts_.listen_key_keepalive, [this] {
    keepalive_scheduled_ = false;
    keepalive();
  });
}

void session_impl::keepalive() {
  rest_call c;
  c.name = "listen_key_keepalive";
  c.is_signed = false;
  c.costs = weight_cost(1);
  c.transport_retries_left = opts_.transport_retries;
  c.build = [this](const signing_input&) {
    return binance::listen_key_keepalive(api_key_);
  };
  c.done = [this](rest_result r) {
    if (r) {
      bump(counters_.keepalives);
      schedule_keepalive();
      return;
    }
    const auto& e = r.error();
    auto status = e.http_status;
    if (status >= 400 && status < 500 && status != 429 && status != 418) {
      // Refused (-1125: the key is gone): a new key and a new socket.
      TLOG_WARN("binance.user.keepalive_refused", "error={} detail={}",
                to_string(e.failure.code), e.failure.detail);
      open_user_stream();
      return;
    }
    // No answer or a server error: try again soon, well inside the key's
    // 60 minutes.
    TLOG_WARN("binance.user.keepalive_failed", "error={} detail={}",
              to_string(e.failure.code), e.failure.detail);
    later(retry_delay(opts_.reconnect_base * 4, 0), [this] { keepalive(); });
  };
  enqueue(std::move(c));
}

void session_impl::resync_orders() {
  bump(counters_.order_resyncs);
  std::set<std::string> symbols(opts_.symbols.begin(), opts_.symbols.end());
  for (const auto& [id, sym] : open_orders_)
    symbols.insert(sym);
  TLOG_INFO("binance.user.resync", "symbols={} known_open={}", symbols.size(),
            open_orders_.size());
  if (symbols.empty())
    return;
  do_open_orders(
    {symbols.begin(), symbols.end()},
    [this](venue_result<std::vector<order_update>> r) {
      if (!r) {
        TLOG_WARN("binance.user.resync_failed", "error={} detail={}",
                  to_string(r.error().code), r.error().detail);
        return;
      }
      std::set<std::string, std::less<>> listed;
      for (auto& u : r.value()) {
        listed.insert(u.id.str());
        track(u);
        if (events_.on_order)
          events_.on_order(u);
      }
      // Known open before the gap, not open now: filled, cancelled or
      // expired meanwhile. Its final state comes from a query.
      std::vector<std::pair<std::string, std::string>> gone;
      for (const auto& [id, sym] : open_orders_)
        if (!listed.contains(id))
          gone.emplace_back(id, sym);
      for (auto& [id, sym] : gone) {
        auto cid = client_order_id::make(id);
        if (!cid)
          continue;
        do_query(sym, cid.value(), [this, id](venue_result<order_update> q) {
          if (q) {
            if (events_.on_order)
              events_.on_order(std::move(q).value());
            return;
          }
          if (q.error().code == venue_error::unknown_order)
            open_orders_.erase(id);
          TLOG_WARN("binance.user.resync_query_failed", "cid={} error={}", id,
                    to_string(q.error().code));
        });
      }
    });
}

} // namespace tandem::venues::binance
