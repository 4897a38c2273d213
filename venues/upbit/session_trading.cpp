// session_core: orders and account reads. Place settles an unknown outcome
// by querying the identifier; cancel confirms with a query; cancel_all uses
// Upbit's batch cancel (DELETE /v1/orders/open, 300 orders per call, one
// call per 2 s) and falls back to one DELETE /v1/order per open order on a
// venue without it.
#include "venues/upbit/session_core.hpp"

#include "log/logging.hpp"
#include "venues/upbit/session_plan.hpp"

#include <algorithm>

namespace tandem::venues::upbit::detail {

namespace {

venue_failure fail(venue_error code, std::string detail) {
  return venue_failure{code, std::move(detail), std::nullopt};
}

// Open-orders page size: Upbit's maximum.
constexpr std::uint32_t page_size = 100;
// Pages read at most (10,000 orders), so a venue bug cannot loop forever.
constexpr std::uint32_t max_pages = 100;

} // namespace

// -- reads
// ----------------------------------------------------------------------

void session_core::fetch_order(
  const client_order_id& id,
  std::function<void(venue_result<order_snapshot>)> done) {
  rest_->submit(
    request_kind::query,
    [this, ref = order_ref::identifier(id)](std::string_view nonce) {
      return query_order(ref, creds(), nonce);
    },
    [this, done = std::move(done)](venue_result<rest_reply> r) {
      if (!r) {
        done(failure{r.error()});
        return;
      }
      auto s = parse_order(json_, r->body);
      if (!s) {
        malformed("order", s.error());
        done(failure{fail(s.error(), "upbit order answer unreadable")});
        return;
      }
      done(std::move(*s));
    });
}

void session_core::fetch_open(
  std::string symbol,
  std::function<void(venue_result<std::vector<order_snapshot>>)> done) {
  fetch_open_page(std::move(symbol), 1,
                  std::make_shared<std::vector<order_snapshot>>(),
                  std::move(done));
}

void session_core::fetch_open_page(
  std::string symbol, std::uint32_t page,
  std::shared_ptr<std::vector<order_snapshot>> acc,
  std::function<void(venue_result<std::vector<order_snapshot>>)> done) {
  open_orders_query q;
  q.market = symbol;
  q.page = page;
  q.limit = page_size;
  rest_->submit(
    request_kind::query,
    [this, q](std::string_view nonce) {
      return upbit::open_orders(q, creds(), nonce);
    },
    [this, symbol, page, acc, done](venue_result<rest_reply> r) {
      if (!r) {
        done(failure{r.error()});
        return;
      }
      auto rows = parse_orders(json_, r->body);
      if (!rows) {
        malformed("orders/open", rows.error());
        done(failure{fail(rows.error(), "upbit open orders unreadable")});
        return;
      }
      const auto n = rows->size();
      for (auto& s : *rows) {
        // "": the session's own markets only.
        if (!symbol.empty()
            || std::find(opts_.markets.begin(), opts_.markets.end(),
                         s.update.symbol)
                 != opts_.markets.end())
          acc->push_back(std::move(s));
      }
      if (n >= page_size && page < max_pages) {
        fetch_open_page(symbol, page + 1, acc, done);
        return;
      }
      done(std::move(*acc));
    });
}

void session_core::fetch_balances(
  std::function<void(venue_result<std::vector<balance>>)> done) {
  rest_->submit(
    request_kind::query,
    [this](std::string_view nonce) { return accounts(creds(), nonce); },
    [this, done = std::move(done)](venue_result<rest_reply> r) {
      if (!r) {
        done(failure{r.error()});
        return;
      }
      auto rows = parse_accounts(json_, r->body);
      if (!rows) {
        malformed("accounts", rows.error());
        done(failure{fail(rows.error(), "upbit accounts unreadable")});
        return;
      }
      std::vector<balance> out;
      out.reserve(rows->size());
      for (auto& a : *rows)
        out.push_back(std::move(a.bal));
      done(std::move(out));
    });
}

void session_core::query(std::string, client_order_id id,
                         callback<order_update> cb) {
  fetch_order(
    id, [cb = replies_.track(std::move(cb))](venue_result<order_snapshot> r) {
      if (!r)
        cb(failure{r.error()});
      else
        cb(std::move(r->update));
    });
}

void session_core::open_orders(std::string symbol,
                               callback<std::vector<order_update>> cb) {
  fetch_open(std::move(symbol), [cb = replies_.track(std::move(cb))](
                                  venue_result<std::vector<order_snapshot>> r) {
    if (!r) {
      cb(failure{r.error()});
      return;
    }
    std::vector<order_update> out;
    out.reserve(r->size());
    for (auto& s : *r)
      out.push_back(std::move(s.update));
    cb(std::move(out));
  });
}

void session_core::balances(callback<std::vector<balance>> cb) {
  fetch_balances(replies_.track(std::move(cb)));
}

void session_core::positions(callback<std::vector<position_snapshot>> cb) {
  // Spot: nothing is held as a position, only as balances.
  replies_.track(std::move(cb))(std::vector<position_snapshot>{});
}

// -- place
// ----------------------------------------------------------------------

void session_core::place(order_request o, callback<order_update> cb) {
  cb = replies_.track(std::move(cb));
  // The fence it is issued under: a later drop_queued_places() holds it
  // back wherever it still waits (rules, REST queue, retry).
  rest_pipe::place_tag tag{o.id.str(), rest_->place_fence()};
  when_ready([this, o = std::move(o), cb, tag = std::move(tag)]() mutable {
    auto inst = instrument_of(o.symbol);
    if (!inst) {
      cb(failure{load_failure_ ? *load_failure_
                               : fail(venue_error::invalid_parameter,
                                      "upbit market=" + o.symbol
                                        + " is not traded by this session")});
      return;
    }
    auto it = books_.find(o.symbol);
    auto plan
      = plan_place(o, *inst, it == books_.end() ? nullptr : &it->second);
    if (!plan) {
      cb(failure{fail(plan.error().code,
                      "upbit refused before sending: " + plan.error().detail)});
      return;
    }
    TLOG_DEBUG("upbit.place", "cid={} market={} side={} qty={}", o.id.view(),
               o.symbol, to_string(o.side), o.qty.to_string());
    rest_->submit(
      request_kind::place_order,
      [this, p = std::move(*plan),
       i = std::move(*inst)](std::string_view nonce) {
        return place_order(p.wire, i, p.options, creds(), nonce);
      },
      [this, id = o.id, cb](venue_result<rest_reply> r) {
        if (r) {
          if (auto s = parse_order(json_, r->body)) {
            tracker_.track(s->update);
            cb(std::move(s->update));
            return;
          }
          malformed("place answer", venue_error::malformed_response);
          resolve(
            id,
            fail(venue_error::outcome_unknown, "upbit place answer unreadable"),
            1, cb);
          return;
        }
        const auto code = r.error().code;
        if (code == venue_error::outcome_unknown
            || code == venue_error::duplicate_client_id) {
          TLOG_WARN("upbit.place_unknown", "cid={} reason={} detail={}",
                    id.view(), to_string(code), r.error().detail);
          resolve(id, r.error(), 1, cb);
          return;
        }
        cb(failure{r.error()});
      },
      std::move(tag));
  });
}

void session_core::drop_queued_places(std::vector<client_order_id> keep,
                                      std::string reason) {
  std::vector<std::string> ids;
  ids.reserve(keep.size());
  for (const auto& k : keep)
    ids.push_back(k.str());
  rest_->hold_back_places(std::move(ids), std::move(reason));
}

std::chrono::milliseconds session_core::resolve_delay(int attempt) {
  net::backoff b{opts_.resolve_base, opts_.resolve_base * 16};
  for (int i = 1; i < attempt; ++i)
    (void)b.next(0);
  return opts_.resolve_base / 2 + b.next(rng_()) / 2;
}

void session_core::resolve(client_order_id id, venue_failure original,
                           int attempt, callback<order_update> cb) {
  fetch_order(id, [this, id, original, attempt,
                   cb](venue_result<order_snapshot> r) {
    if (r) {
      TLOG_INFO("upbit.place_resolved", "cid={} attempt={}", id.view(),
                attempt);
      tracker_.track(r->update);
      cb(std::move(r->update));
      return;
    }
    const bool absent = r.error().code == venue_error::unknown_order;
    if (attempt < opts_.resolve_attempts) {
      timers_.after(resolve_delay(attempt), [this, id, original, attempt, cb] {
        resolve(id, original, attempt + 1, cb);
      });
      return;
    }
    if (!absent) {
      cb(failure{fail(venue_error::outcome_unknown,
                      original.detail + "; query by identifier failed: "
                        + r.error().detail)});
      return;
    }
    // Upbit has no order with this identifier after several looks: the
    // placement did not happen.
    const auto code = original.code == venue_error::duplicate_client_id
                        ? venue_error::duplicate_client_id
                        : venue_error::server_error;
    cb(failure{
      fail(code, original.detail + "; no order with identifier=" + id.str()
                   + " after " + std::to_string(attempt) + " queries")});
  });
}

// -- cancel
// ---------------------------------------------------------------------

void session_core::cancel(std::string, client_order_id id,
                          callback<order_update> cb) {
  cb = replies_.track(std::move(cb));
  rest_->submit(
    request_kind::cancel_order,
    [this, ref = order_ref::identifier(id)](std::string_view nonce) {
      return cancel_order(ref, creds(), nonce);
    },
    [this, id, cb](venue_result<rest_reply> r) {
      if (r) {
        auto s = parse_order(json_, r->body);
        if (!s) {
          malformed("cancel answer", s.error());
          confirm_cancel(id, order_update{}, cb);
          return;
        }
        if (is_terminal_event(s->update.event))
          cb(std::move(s->update));
        else
          confirm_cancel(id, std::move(s->update), cb);
        return;
      }
      if (r.error().code == venue_error::outcome_unknown) {
        confirm_cancel(id, order_update{}, cb);
        return;
      }
      cb(failure{r.error()});
    });
}

void session_core::confirm_cancel(client_order_id id, order_update accepted,
                                  callback<order_update> cb) {
  // Upbit cancels asynchronously: the DELETE answer shows the order as it
  // was. One query usually shows it canceled; if not, the stream will.
  fetch_order(id, [accepted = std::move(accepted),
                   cb](venue_result<order_snapshot> r) mutable {
    if (r) {
      cb(std::move(r->update));
      return;
    }
    if (!accepted.id.empty()) {
      cb(std::move(accepted));
      return;
    }
    cb(failure{
      fail(venue_error::outcome_unknown,
           "upbit cancel answer lost; query failed: " + r.error().detail)});
  });
}

namespace {

// Rounds of one cancel_all at most (100 x 300 orders), so a venue that
// keeps answering full batches cannot loop forever.
constexpr int max_batch_rounds = 100;

// The batch endpoint names no order, so a 404 (or 405) there means the
// venue does not have the endpoint (describe() writes the status first).
bool batch_endpoint_missing(const venue_failure& f) {
  return f.detail.starts_with("upbit http=404 ")
         || f.detail.starts_with("upbit http=405 ");
}

} // namespace

struct session_core::batch_cancel_run {
  /// What cancel_all was asked for ("" = the session's markets).
  std::string symbol;
  std::vector<std::string> markets;
  /// Start of the (at most 20) markets of the current round.
  std::size_t next_market = 0;
  std::size_t cancelled = 0;
  int rounds = 0;
  callback<std::size_t> cb;
};

void session_core::cancel_all(std::string symbol, callback<std::size_t> cb) {
  auto run = std::make_shared<batch_cancel_run>();
  run->cb = replies_.track(std::move(cb));
  run->markets = symbol.empty() ? opts_.markets : std::vector{symbol};
  run->symbol = std::move(symbol);
  if (run->markets.empty()) {
    run->cb(std::size_t{0});
    return;
  }
  batch_cancel(std::move(run));
}

void session_core::batch_cancel(std::shared_ptr<batch_cancel_run> run) {
  // Always by pairs: orders of markets this session does not trade stay.
  cancel_open_query q;
  auto first
    = run->markets.begin() + static_cast<std::ptrdiff_t>(run->next_market);
  auto last = run->markets.begin()
              + static_cast<std::ptrdiff_t>(std::min(
                run->markets.size(), run->next_market + max_cancel_open_pairs));
  q.pairs.assign(first, last);
  q.count = max_cancel_open_count;
  q.order_by = cancel_order_by::oldest_first;
  ++run->rounds;
  rest_->submit(
    request_kind::cancel_order,
    [this, q](std::string_view nonce) {
      return cancel_open_orders(q, creds(), nonce);
    },
    [this, run](venue_result<rest_reply> r) {
      if (!r) {
        if (batch_endpoint_missing(r.error())) {
          TLOG_WARN("upbit.cancel_all.fallback", "symbol={} detail={}",
                    run->symbol, r.error().detail);
          cancel_each(run->symbol, run->cancelled, run->cb);
          return;
        }
        auto f = r.error();
        f.detail += " cancelled=" + std::to_string(run->cancelled);
        run->cb(failure{std::move(f)});
        return;
      }
      auto a = parse_cancel_open(json_, r->body);
      if (!a) {
        malformed("orders/open cancel", a.error());
        // It may have cancelled: the caller retries cancel_all.
        run->cb(failure{fail(venue_error::outcome_unknown,
                             "upbit batch cancel answer unreadable")});
        return;
      }
      run->cancelled += static_cast<std::size_t>(a->success_count);
      if (a->failed_count > 0)
        TLOG_WARN("upbit.cancel_all.failed_some", "count={} first={}",
                  a->failed_count,
                  a->failed.empty() ? std::string{} : a->failed[0].uuid);
      TLOG_INFO("upbit.cancel_all.batch", "round={} cancelled={} total={}",
                run->rounds, a->success_count, run->cancelled);
      // A full batch may have left more behind: the same markets again.
      const bool full = a->success_count + a->failed_count
                        >= static_cast<std::int64_t>(max_cancel_open_count);
      if (!full)
        run->next_market += max_cancel_open_pairs;
      if (run->next_market < run->markets.size()
          && run->rounds < max_batch_rounds) {
        batch_cancel(run);
        return;
      }
      run->cb(run->cancelled);
    });
}

void session_core::cancel_each(std::string symbol, std::size_t already,
                               callback<std::size_t> cb) {
  fetch_open(symbol, [this, already,
                      cb](venue_result<std::vector<order_snapshot>> r) {
    if (!r) {
      cb(failure{r.error()});
      return;
    }
    if (r->empty()) {
      cb(already);
      return;
    }
    struct tally {
      std::size_t outstanding = 0;
      std::size_t cancelled = 0;
      std::size_t total = 0;
      std::optional<venue_failure> first_error;
    };
    auto t = std::make_shared<tally>();
    t->outstanding = t->total = r->size();
    t->cancelled = already;
    for (const auto& s : *r) {
      // By uuid: orders placed elsewhere (no identifier) go too.
      rest_->submit(
        request_kind::cancel_order,
        [this, ref = order_ref::uuid(s.update.venue_order_id)](
          std::string_view nonce) { return cancel_order(ref, creds(), nonce); },
        [t, cb](venue_result<rest_reply> c) {
          if (c)
            ++t->cancelled;
          else if (c.error().code != venue_error::unknown_order
                   && !t->first_error)
            t->first_error = c.error(); // unknown_order: it ended meanwhile
          if (--t->outstanding > 0)
            return;
          if (t->first_error) {
            auto f = *t->first_error;
            f.detail += " cancelled=" + std::to_string(t->cancelled) + " of "
                        + std::to_string(t->total);
            cb(failure{f});
            return;
          }
          cb(t->cancelled);
        });
    }
  });
}

} // namespace tandem::venues::upbit::detail
