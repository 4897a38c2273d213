// Orders and account reads: place (same client id on every resend, query
// before answering when the outcome is unknown), cancel, query, open
// orders, cancel-all, balances and positions.
#include "log/logging.hpp"
#include "venues/binance/codec_cancel_all.hpp"
#include "venues/binance/codec_responses.hpp"
#include "venues/binance/session_impl.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>

namespace tandem::venues::binance {

namespace {

template<class T>
auto fail_with(venue_session::callback<T> cb) {
  return [cb = std::move(cb)](venue_failure f) {
    cb(failure{std::move(f)});
  };
}

bool is_terminal(order_event e) {
  switch (e) {
    case order_event::fill:
    case order_event::canceled:
    case order_event::expired:
    case order_event::rejected:
    case order_event::replaced: return true;
    case order_event::accepted:
    case order_event::partial_fill:
    case order_event::cancel_requested:
    case order_event::cancel_rejected:
    case order_event::replace_requested:
    case order_event::replace_rejected: return false;
  }
  return false;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::toupper(c));
  });
  return s;
}

auto order_parser() {
  return [](simdjson::dom::parser& ps, std::string_view body) {
    return parse_order(ps, body);
  };
}

} // namespace

// -- public entry points (any thread)
// ---------------------------------------------

void session_impl::place(order_request o, callback<order_update> cb) {
  // On the runner first, to read the place fence in call order with
  // drop_queued_places(): an order issued before a drop is held back
  // wherever it still waits (start-up, REST queue, resend).
  post([this, o = std::move(o), cb = std::move(cb)]() mutable {
    auto fail = fail_with(cb);
    when_ready(
      [this, o = std::move(o), cb = std::move(cb),
       fence = place_fence_]() mutable {
        do_place(std::move(o), std::move(cb), opts_.transport_retries, fence);
      },
      std::move(fail));
  });
}

void session_impl::drop_queued_places(std::vector<client_order_id> keep,
                                      std::string reason) {
  post([this, keep = std::move(keep), reason = std::move(reason)]() mutable {
    ++place_fence_;
    fence_keep_.clear();
    for (const auto& k : keep)
      fence_keep_.insert(k.str());
    fence_reason_ = std::move(reason);
    // Answer the queued ones now; their callbacks may queue more, so
    // collect first.
    std::vector<rest_call> dropped;
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (held_back(*it)) {
        dropped.push_back(std::move(*it));
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
    TLOG_WARN("binance.places_held_back", "count={} kept={} reason=\"{}\"",
              dropped.size(), fence_keep_.size(), fence_reason_);
    for (auto& c : dropped)
      answer_blocked(c);
  });
}

bool session_impl::held_back(const rest_call& c) const {
  return !c.place_id.empty() && c.place_fence < place_fence_
         && !fence_keep_.contains(c.place_id);
}

void session_impl::answer_blocked(rest_call& c) {
  TLOG_INFO("binance.place_held_back", "cid={} reason=\"{}\"", c.place_id,
            fence_reason_);
  c.done(failure{rest_error{
    venue_failure{venue_error::blocked,
                  "binance: held back before sending (" + fence_reason_ + ")",
                  std::nullopt},
    {net::next_step::give_up, std::nullopt},
    0}});
}

void session_impl::cancel(std::string symbol, client_order_id id,
                          callback<order_update> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, s = upper(std::move(symbol)), id, cb = std::move(cb)]() mutable {
      do_cancel(std::move(s), id, std::move(cb));
    },
    std::move(fail));
}

void session_impl::query(std::string symbol, client_order_id id,
                         callback<order_update> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, s = upper(std::move(symbol)), id, cb = std::move(cb)]() mutable {
      do_query(std::move(s), id, std::move(cb));
    },
    std::move(fail));
}

void session_impl::open_orders(std::string symbol,
                               callback<std::vector<order_update>> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, s = upper(std::move(symbol)), cb = std::move(cb)]() mutable {
      do_open_orders(s.empty() ? traded_symbols() : std::vector{s},
                     std::move(cb));
    },
    std::move(fail));
}

void session_impl::cancel_all(std::string symbol, callback<std::size_t> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, s = upper(std::move(symbol)), cb = std::move(cb)]() mutable {
      do_cancel_all(s.empty() ? traded_symbols() : std::vector{s},
                    std::move(cb));
    },
    std::move(fail));
}

void session_impl::balances(callback<std::vector<balance>> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, cb = std::move(cb)]() mutable {
      enqueue(make_call<std::vector<balance>>(
        "balances",
        [this](const signing_input& in) {
          return binance::balances(in, creds());
        },
        weight_cost(5), true,
        [](simdjson::dom::parser& ps, std::string_view body) {
          return parse_balances(ps, body);
        },
        std::move(cb)));
    },
    std::move(fail));
}

void session_impl::positions(callback<std::vector<position_snapshot>> cb) {
  auto fail = fail_with(cb);
  when_ready(
    [this, cb = std::move(cb)]() mutable {
      // positionRisk v2 without a symbol lists every symbol, most of them
      // flat: keep open positions and the symbols the session trades.
      auto keep = [this, cb](venue_result<std::vector<position_snapshot>> r) {
        if (!r) {
          cb(std::move(r));
          return;
        }
        auto traded = traded_symbols();
        std::vector<position_snapshot> out;
        for (auto& p : r.value())
          if (p.qty.raw() != 0
              || std::find(traded.begin(), traded.end(), p.symbol)
                   != traded.end())
            out.push_back(std::move(p));
        cb(std::move(out));
      };
      enqueue(make_call<std::vector<position_snapshot>>(
        "position_risk",
        [this](const signing_input& in) {
          return binance::position_risk(std::nullopt, in, creds());
        },
        weight_cost(5), true,
        [](simdjson::dom::parser& ps, std::string_view body) {
          return parse_position_risk(ps, body);
        },
        callback<std::vector<position_snapshot>>{std::move(keep)}));
    },
    std::move(fail));
}

// -- place
// ---------------------------------------------------------------------

void session_impl::do_place(order_request o, callback<order_update> cb,
                            int resends_left, std::uint64_t fence) {
  auto inst = instrument_of(o.symbol);
  if (!inst) {
    cb(failure{venue_failure{venue_error::invalid_parameter,
                             "binance: unknown symbol " + o.symbol,
                             std::nullopt}});
    return;
  }
  // One request object for every resend: the client id never changes.
  auto held = std::make_shared<const order_request>(std::move(o));
  rest_call c;
  c.name = "new_order";
  c.costs = order_cost();
  c.is_signed = true;
  c.transport_retries_left = opts_.transport_retries;
  c.place_id = held->id.str();
  c.place_fence = fence;
  c.build = [this, held, inst = *inst](const signing_input& in) {
    return binance::new_order(*held, inst, in, creds());
  };
  c.done = [this, held, cb, resends_left, fence](rest_result r) {
    if (r) {
      auto u = parse_order(*parser_, r.value());
      if (u) {
        track(*u);
        cb(std::move(u).value());
        return;
      }
      // It was accepted in some form we cannot read: ask the venue.
      note_malformed("new_order", u.error(), r.value());
      resolve_by_query(held->symbol, held->id,
                       {venue_error::outcome_unknown,
                        "binance: unreadable answer to new_order",
                        std::nullopt},
                       0, cb);
      return;
    }
    const auto& e = r.error();
    if (e.advice.step == net::next_step::query_first) {
      TLOG_WARN("binance.order.outcome_unknown", "cid={} detail={}",
                held->id.view(), e.failure.detail);
      resolve_by_query(held->symbol, held->id, e.failure, 0, cb);
      return;
    }
    // A definite server failure (busy, maintenance) did not act: the same
    // order, same client id, may go again.
    if (e.advice.step == net::next_step::retry
        && e.failure.code == venue_error::server_error && resends_left > 0) {
      auto delay = e.advice.after.value_or(retry_delay(
        opts_.reconnect_base, opts_.transport_retries - resends_left));
      TLOG_WARN("binance.order.resend", "cid={} detail={} delay_ms={}",
                held->id.view(), e.failure.detail, delay.count());
      later(
        delay,
        [this, held, cb, resends_left, fence] {
          do_place(*held, cb, resends_left - 1, fence);
        },
        [cb] { cb(failure{session_stopped()}); });
      return;
    }
    TLOG_INFO("binance.order.refused", "cid={} error={} detail={}",
              held->id.view(), to_string(e.failure.code), e.failure.detail);
    cb(failure{e.failure});
  };
  enqueue(std::move(c));
}

void session_impl::resolve_by_query(std::string symbol, client_order_id id,
                                    venue_failure why, int attempt,
                                    callback<order_update> cb) {
  auto on_answer = [this, symbol, id, why, attempt,
                    cb](venue_result<order_update> r) {
    if (r) {
      TLOG_INFO("binance.order.resolved", "cid={} event={} attempts={}",
                id.view(), static_cast<int>(r->event), attempt + 1);
      track(*r);
      cb(std::move(r));
      return;
    }
    if (attempt + 1 < opts_.outcome_queries) {
      auto delay = retry_delay(opts_.outcome_query_delay, attempt);
      later(
        delay,
        [this, symbol, id, why, attempt, cb] {
          resolve_by_query(symbol, id, why, attempt + 1, cb);
        },
        [cb, why] {
          cb(failure{venue_failure{venue_error::outcome_unknown,
                                   why.detail
                                     + "; stopped before the order's state "
                                       "was known",
                                   std::nullopt}});
        });
      return;
    }
    if (r.error().code == venue_error::unknown_order) {
      // Asked several times over a second or more: the venue has no such
      // order, so it was never placed.
      TLOG_WARN("binance.order.not_placed", "cid={} detail={}", id.view(),
                why.detail);
      cb(failure{venue_failure{venue_error::unknown_order,
                               "binance: no order " + id.str()
                                 + " on the venue after: " + why.detail,
                               std::nullopt}});
      return;
    }
    TLOG_ERROR("binance.order.unresolved", "cid={} detail={} query={}",
               id.view(), why.detail, r.error().detail);
    cb(failure{venue_failure{venue_error::outcome_unknown,
                             why.detail + "; query failed: " + r.error().detail,
                             std::nullopt}});
  };
  enqueue(make_call<order_update>(
    "query_order",
    [this, symbol, id](const signing_input& in) {
      return binance::query_order(symbol, id, in, creds());
    },
    weight_cost(1), true, order_parser(),
    callback<order_update>{std::move(on_answer)}));
}

// -- cancel, query, open orders
// ---------------------------------------------------------------

void session_impl::do_query(std::string symbol, client_order_id id,
                            callback<order_update> cb) {
  auto on_answer = [this, cb](venue_result<order_update> r) {
    if (r)
      track(*r);
    cb(std::move(r));
  };
  enqueue(make_call<order_update>(
    "query_order",
    [this, symbol, id](const signing_input& in) {
      return binance::query_order(symbol, id, in, creds());
    },
    weight_cost(1), true, order_parser(),
    callback<order_update>{std::move(on_answer)}));
}

void session_impl::do_cancel(std::string symbol, client_order_id id,
                             callback<order_update> cb) {
  auto on_answer = [this, symbol, id, cb](venue_result<order_update> r) {
    if (r) {
      track(*r);
      cb(std::move(r));
      return;
    }
    auto code = r.error().code;
    if (code == venue_error::outcome_unknown
        || code == venue_error::malformed_response) {
      resolve_by_query(symbol, id, r.error(), 0, cb);
      return;
    }
    cb(std::move(r));
  };
  enqueue(make_call<order_update>(
    "cancel_order",
    [this, symbol, id](const signing_input& in) {
      return binance::cancel_order(symbol, id, in, creds());
    },
    weight_cost(1), true, order_parser(),
    callback<order_update>{std::move(on_answer)}));
}

void session_impl::do_open_orders(std::vector<std::string> symbols,
                                  callback<std::vector<order_update>> cb) {
  auto parse = [](simdjson::dom::parser& ps, std::string_view body) {
    return parse_open_orders(ps, body);
  };
  if (symbols.empty()) {
    // Nothing configured: one request for every symbol (weight 40).
    enqueue(make_call<std::vector<order_update>>(
      "open_orders",
      [this](const signing_input& in) {
        return binance::open_orders(std::nullopt, in, creds());
      },
      weight_cost(40), true, parse, std::move(cb)));
    return;
  }
  struct gather {
    std::vector<order_update> all;
    std::size_t left = 0;
    std::optional<venue_failure> failed;
  };
  auto g = std::make_shared<gather>();
  g->left = symbols.size();
  for (const auto& sym : symbols) {
    auto one = [g, cb](venue_result<std::vector<order_update>> r) {
      if (r) {
        for (auto& u : r.value())
          g->all.push_back(std::move(u));
      } else if (!g->failed) {
        g->failed = r.error();
      }
      if (--g->left > 0)
        return;
      if (g->failed)
        cb(failure{*g->failed});
      else
        cb(std::move(g->all));
    };
    enqueue(make_call<std::vector<order_update>>(
      "open_orders",
      [this, sym](const signing_input& in) {
        return binance::open_orders(std::string_view{sym}, in, creds());
      },
      weight_cost(1), true, parse,
      callback<std::vector<order_update>>{std::move(one)}));
  }
}

// -- cancel all
// ----------------------------------------------------------------

void session_impl::do_cancel_all(std::vector<std::string> symbols,
                                 callback<std::size_t> cb) {
  if (symbols.empty()) {
    cb(failure{venue_failure{venue_error::invalid_parameter,
                             "binance: cancel_all needs a symbol (the session "
                             "trades none)",
                             std::nullopt}});
    return;
  }
  struct gather {
    std::size_t cancelled = 0;
    std::size_t left = 0;
    std::optional<venue_failure> failed;
  };
  auto g = std::make_shared<gather>();
  g->left = symbols.size();
  for (auto& sym : symbols)
    cancel_all_one(std::move(sym), [g, cb](venue_result<std::size_t> r) {
      if (r)
        g->cancelled += r.value();
      else if (!g->failed)
        g->failed = r.error();
      if (--g->left > 0)
        return;
      if (g->failed)
        cb(failure{*g->failed});
      else
        cb(g->cancelled);
    });
}

void session_impl::cancel_all_one(std::string symbol,
                                  callback<std::size_t> cb) {
  // allOpenOrders answers no count, so the open orders are read first; the
  // count is what was open just before.
  do_open_orders({symbol}, [this, symbol,
                            cb](venue_result<std::vector<order_update>> r) {
    if (!r) {
      cb(failure{r.error()});
      return;
    }
    auto orders = std::move(r).value();
    if (orders.empty()) {
      cb(std::size_t{0});
      return;
    }
    rest_call c;
    c.name = "cancel_all_orders";
    c.costs = weight_cost(1);
    c.is_signed = true;
    c.transport_retries_left = opts_.transport_retries;
    c.build = [this, symbol](const signing_input& in) {
      return cancel_all_orders(symbol, in, creds());
    };
    c.done = [this, symbol, orders, cb](rest_result res) {
      if (res) {
        if (auto ok = parse_cancel_all(*parser_, res.value()); !ok)
          note_malformed("cancel_all_orders", ok.error(), res.value());
        for (auto it = open_orders_.begin(); it != open_orders_.end();)
          it = it->second == symbol ? open_orders_.erase(it) : std::next(it);
        cb(orders.size());
        return;
      }
      if (res.error().http_status != 404) {
        cb(failure{res.error().failure});
        return;
      }
      // A venue (or simulator) without the endpoint: cancel one by one.
      TLOG_WARN("binance.cancel_all.fallback", "symbol={} orders={}", symbol,
                orders.size());
      struct gather {
        std::size_t cancelled = 0;
        std::size_t left = 0;
        std::optional<venue_failure> failed;
      };
      auto g = std::make_shared<gather>();
      for (const auto& o : orders)
        if (!o.id.empty())
          ++g->left;
      if (g->left == 0) {
        cb(std::size_t{0});
        return;
      }
      for (const auto& o : orders) {
        if (o.id.empty())
          continue; // a foreign id our format cannot hold
        do_cancel(symbol, o.id, [g, cb](venue_result<order_update> one) {
          if (one)
            ++g->cancelled;
          else if (one.error().code != venue_error::unknown_order && !g->failed)
            g->failed = one.error();
          if (--g->left > 0)
            return;
          if (g->failed)
            cb(failure{*g->failed});
          else
            cb(g->cancelled);
        });
      }
    };
    enqueue(std::move(c));
  });
}

// -- tracking
// ------------------------------------------------------------------

void session_impl::track(const order_update& u) {
  if (u.id.empty())
    return;
  if (is_terminal(u.event)) {
    if (auto it = open_orders_.find(u.id.view()); it != open_orders_.end())
      open_orders_.erase(it);
  } else {
    open_orders_[u.id.str()] = u.symbol;
  }
}

} // namespace tandem::venues::binance
