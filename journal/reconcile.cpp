// The order pass of reconciliation and the entry point; positions are in
// reconcile_positions.cpp, baselines in reconcile_baseline.cpp.
#include "journal/reconcile.hpp"

#include "journal/reconcile_detail.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace tandem::journal {
namespace detail {

std::string venue_name(tandem::venue v) { return std::string{to_string(v)}; }

const instrument* find_instrument(const reconcile_input& in, tandem::venue v,
                                  std::string_view symbol) {
  for (const auto& i : in.instruments)
    if (i.venue == v && i.symbol == symbol)
      return &i;
  return nullptr;
}

void reconcile_context::note(tandem::venue v, std::string symbol,
                             std::optional<client_order_id> id,
                             std::string action, std::string detail) {
  std::string line = venue_name(v);
  if (!symbol.empty())
    line += " " + symbol;
  if (id)
    line += " " + id->str();
  line += ": " + action;
  if (!detail.empty())
    line += " " + detail;
  report.notes.push_back(std::move(line));
  report.records.emplace_back(reconcile_note{
    v, std::move(symbol), id, std::move(action), std::move(detail)});
}

void reconcile_context::add_fill(const fill& f) {
  report.records.emplace_back(f);
  auto key = position_key{f.venue, f.symbol};
  auto it = positions.find(key);
  if (it == positions.end())
    it = positions.emplace(key, position{f.venue, f.symbol}).first;
  // A fill the position refuses (overflow) still goes to the journal, where
  // replay reports it; the position check then sees the difference.
  (void)it->second.apply(f);
}

} // namespace detail

namespace {

using detail::reconcile_context;
using detail::venue_name;

/// The status the venue's update puts the order in.
order_status venue_status_of(const venues::order_update& u) {
  bool part = u.cum_qty.is_positive();
  switch (u.event) {
    case order_event::partial_fill: return order_status::partially_filled;
    case order_event::fill: return order_status::filled;
    case order_event::canceled: return order_status::canceled;
    case order_event::expired: return order_status::expired;
    case order_event::rejected: return order_status::rejected;
    case order_event::replaced: return order_status::replaced;
    // accepted, and the request/refusal events of a live order.
    default:
      return part ? order_status::partially_filled : order_status::accepted;
  }
}

/// Where replay lands after `e` in `from` with `cum` filled, or nullopt
/// when the transition table refuses it (replay's own rule: a "restored"
/// accepted with something filled is partially_filled).
std::optional<order_status> landing(order_status from, order_event e,
                                    quantity cum) {
  auto next = transition(from, e);
  if (!next)
    return std::nullopt;
  if (*next == order_status::accepted && cum.is_positive())
    return order_status::partially_filled;
  return *next;
}

/// The event to journal so that replay moves `from` to `to`; nullopt when
/// no legal event does.
std::optional<order_event> event_for(order_status from, order_status to,
                                     quantity cum) {
  using e = order_event;
  // Live targets try the plain event first, then the "restored" rows: a
  // cancel or replace in flight at the crash that the venue never applied.
  static constexpr std::array live{e::partial_fill, e::accepted,
                                   e::cancel_rejected, e::replace_rejected};
  auto try_events
    = [&](std::span<const order_event> events) -> std::optional<order_event> {
    for (auto ev : events)
      if (landing(from, ev, cum) == to)
        return ev;
    return std::nullopt;
  };
  switch (to) {
    case order_status::accepted:
    case order_status::partially_filled: return try_events(live);
    case order_status::filled: return try_events(std::array{e::fill});
    case order_status::canceled: return try_events(std::array{e::canceled});
    case order_status::expired: return try_events(std::array{e::expired});
    case order_status::rejected: return try_events(std::array{e::rejected});
    case order_status::replaced: return try_events(std::array{e::replaced});
    default: return std::nullopt;
  }
}

/// What we know of an order's fills before this run: quantity and average.
struct known_fills {
  quantity qty;
  std::optional<price> avg_px;
};

/// Returns the fill for `cum - known.qty` (positive), priced so that the
/// order's average matches `avg_px`, or `fallback_px` without an average;
/// nullopt when there is no positive price to use.
std::optional<fill> synthetic_fill(const reconcile_input& in,
                                   const venues::order_update& u,
                                   tandem::side s, const known_fills& known,
                                   std::optional<price> fallback_px) {
  quantity diff = u.cum_qty - known.qty;
  std::optional<price> px;
  if (u.avg_px) {
    auto total = mul<money>(*u.avg_px, u.cum_qty, rounding::half_even);
    auto ours = mul<money>(known.avg_px.value_or(*u.avg_px), known.qty,
                           rounding::half_even);
    if (total && ours) {
      auto p = div<price>(*total - *ours, diff, rounding::half_even);
      if (p && p->is_positive())
        px = *p;
    }
    if (!px)
      px = u.avg_px; // Journal and venue averages disagree: use the venue's.
  } else {
    px = fallback_px;
  }
  if (!px || !px->is_positive())
    return std::nullopt;
  fill f;
  f.order_id = u.id;
  f.trade_id = "rc:" + u.id.str() + ":" + u.cum_qty.to_string();
  f.venue = u.venue;
  f.symbol = u.symbol;
  f.side = s;
  f.qty = diff;
  f.px = *px;
  f.ts = u.venue_ts.time_since_epoch().count() != 0 ? u.venue_ts : in.now;
  // The venue did not report this fee: estimate it at the taker rate.
  if (auto r = in.fee_rates.find(u.venue); r != in.fee_rates.end()) {
    auto notional = mul<money>(f.px, f.qty, rounding::half_even);
    if (notional) {
      auto fee = mul<money>(*notional, r->second, rounding::up);
      if (fee)
        f.fee = *fee;
    }
  }
  return f;
}

alerts::alert order_alert(const reconcile_input& in, alerts::severity sev,
                          std::string title, std::string summary,
                          const venues::order_update& u, std::string key) {
  alerts::alert a;
  a.severity = sev;
  a.kind = alerts::alert_kind::other;
  a.title = std::move(title);
  a.summary = std::move(summary);
  a.fields = {
    {"venue", venue_name(u.venue), true},
    {"symbol", u.symbol, true},
    {"client order id", u.id.empty() ? "(none)" : u.id.str(), true},
    {"venue order id", u.venue_order_id.empty() ? "(none)" : u.venue_order_id,
     true},
    {"side", std::string{to_string(u.side)}, true},
    {"qty", u.order_qty.to_string(), true},
    {"filled", u.cum_qty.to_string(), true},
    {"venue state", std::string{to_string(venue_status_of(u))}, true},
  };
  a.dedup_key = std::move(key);
  a.at = in.now;
  return a;
}

/// The order pass for one venue.
class order_pass {
 public:
  order_pass(reconcile_context& cx, const venue_snapshot& snap)
    : cx_(cx), in_(cx.in), snap_(snap) {}

  void run() {
    std::set<client_order_id> open_ids;
    for (const auto& u : snap_.open_orders) {
      if (!u.id.empty() && !open_ids.insert(u.id).second) {
        conflict(u, nullptr, "two open venue orders carry one client id");
        continue;
      }
      on_open(u);
    }
    for (const auto& id :
         orders_to_query(cx_.state, snap_.venue, snap_.open_orders)) {
      const auto& o = cx_.state.orders.at(id);
      if (const auto* q = find(snap_.queried, id)) {
        on_known(*q, o);
      } else if (std::find(snap_.unknown.begin(), snap_.unknown.end(), id)
                 != snap_.unknown.end()) {
        on_absent(id, o);
      } else {
        cx_.fail(venue_name(snap_.venue) + ": no answer for client order id "
                 + id.str() + " (" + std::string{to_string(o.status)}
                 + " in the journal, not among the open orders)");
      }
    }
  }

 private:
  static const venues::order_update*
  find(const std::vector<venues::order_update>& v, const client_order_id& id) {
    for (const auto& u : v)
      if (u.id == id)
        return &u;
    return nullptr;
  }

  void on_open(const venues::order_update& u) {
    if (!u.id.empty()) {
      auto it = cx_.state.orders.find(u.id);
      if (it != cx_.state.orders.end()) {
        if (it->second.venue != u.venue || it->second.symbol != u.symbol) {
          conflict(u, &it->second,
                   "the journal has this client id on "
                     + venue_name(it->second.venue) + " " + it->second.symbol);
          return;
        }
        on_known(u, it->second);
        return;
      }
    }
    if (!u.id.empty() && u.id.has_prefix(in_.prefix)) {
      on_unknown_ours(u);
      return;
    }
    // Someone else's order on the account: noted, never touched.
    cx_.report.actions.emplace_back(ignore_foreign{u});
    cx_.note(u.venue, u.symbol,
             u.id.empty() ? std::nullopt : std::optional{u.id},
             "FOREIGN_IGNORED",
             "venue_order_id=" + u.venue_order_id
               + " side=" + std::string{to_string(u.side)} + " qty="
               + u.order_qty.to_string() + " cum_qty=" + u.cum_qty.to_string());
  }

  /// A venue answer (open order or query) for an order the journal knows.
  void on_known(const venues::order_update& u, const recovered_order& o) {
    auto target = venue_status_of(u);
    bool live_journal = !is_terminal(o.status);
    std::optional<order_event> ev;
    if (target != o.status) {
      ev = event_for(o.status, target, u.cum_qty);
      if (!ev) {
        conflict(u, &o,
                 "journal says " + std::string{to_string(o.status)}
                   + ", venue says " + std::string{to_string(target)});
        return;
      }
    } else if (live_journal
               && (u.cum_qty != o.cum_qty
                   || (o.venue_order_id.empty()
                       && !u.venue_order_id.empty()))) {
      // Same live status, news in the quantity or the venue's id.
      ev = target == order_status::accepted ? order_event::accepted
                                            : order_event::partial_fill;
    }
    if (u.cum_qty < o.fills_qty) {
      conflict(u, &o,
               "the journal has fills of " + o.fills_qty.to_string()
                 + ", the venue reports only " + u.cum_qty.to_string());
      return;
    }
    std::optional<fill> f;
    if (u.cum_qty > o.fills_qty) {
      std::optional<price> fallback;
      if (o.intent)
        fallback = o.intent->request.limit_price;
      f = synthetic_fill(in_, u, o.side, known_fills{o.fills_qty, o.avg_px},
                         fallback);
      if (!f) {
        conflict(u, &o,
                 "filled " + (u.cum_qty - o.fills_qty).to_string()
                   + " beyond the journal with no price to book it at");
        return;
      }
    }
    if (!ev && !f) {
      ++cx_.report.matched;
      return;
    }
    adopt_order a{u, o.status, ev ? target : o.status, f ? f->qty : quantity{}};
    if (ev) {
      auto rec = u;
      rec.event = *ev;
      rec.side = o.side;
      rec.last_fill.reset(); // journaled as its own fill record below
      cx_.report.records.emplace_back(std::move(rec));
    }
    if (f)
      cx_.add_fill(*f);
    cx_.note(u.venue, u.symbol, u.id, "ADOPTED",
             "from=" + std::string{to_string(a.journal_status)}
               + " to=" + std::string{to_string(a.new_status)}
               + " cum_qty=" + u.cum_qty.to_string()
               + " journal_fills=" + o.fills_qty.to_string()
               + " new_fill_qty=" + a.new_fill_qty.to_string()
               + (f ? " fill_px=" + f->px.to_string() : std::string{}));
    cx_.report.actions.emplace_back(std::move(a));
  }

  void on_unknown_ours(const venues::order_update& u) {
    // Replay creates the order from this event (from pending_new).
    auto rec = u;
    rec.last_fill.reset();
    if (auto ev
        = event_for(order_status::pending_new, venue_status_of(u), u.cum_qty))
      rec.event = *ev;
    cx_.report.records.emplace_back(std::move(rec));
    std::string booked = "0";
    if (u.cum_qty.is_positive()) {
      auto f = synthetic_fill(in_, u, u.side, known_fills{}, std::nullopt);
      if (f) {
        booked = f->qty.to_string();
        cx_.add_fill(*f);
      } else {
        booked = "0 (no price: the position check decides)";
      }
    }
    cx_.report.actions.emplace_back(adopt_unknown_ours{u});
    cx_.note(u.venue, u.symbol, u.id, "UNKNOWN_OURS",
             "venue_order_id=" + u.venue_order_id
               + " side=" + std::string{to_string(u.side)} + " qty="
               + u.order_qty.to_string() + " cum_qty=" + u.cum_qty.to_string()
               + " booked_fill=" + booked);
    cx_.report.alerts.push_back(order_alert(
      in_, alerts::severity::warning,
      "Reconciliation adopted an order the journal did not know",
      "Found on " + venue_name(u.venue)
        + " with our client-id prefix but not in the journal (a second "
          "engine on the account, or a bug). Adopted as the venue reports "
          "it; its fills are booked.",
      u, "reconcile|unknown_ours|" + u.id.str()));
  }

  void on_absent(const client_order_id& id, const recovered_order& o) {
    venues::order_update rec;
    rec.venue = o.venue;
    rec.symbol = o.symbol;
    rec.id = id;
    rec.venue_order_id = o.venue_order_id;
    rec.side = o.side;
    rec.order_qty = o.order_qty;
    rec.cum_qty = o.cum_qty;
    rec.avg_px = o.avg_px;
    rec.reason = venues::venue_error::unknown_order;
    rec.venue_ts = in_.now;
    if (is_terminal(o.status)) {
      // Queried only for its missing fills; the venue purged it. Book them
      // from what the journal's own order events said.
      auto f = synthetic_fill(in_, rec, o.side,
                              known_fills{o.fills_qty, o.avg_px}, o.avg_px);
      if (!f) {
        cx_.fail(venue_name(o.venue) + ": client order id " + id.str()
                 + " is unknown to the venue and its missing fills have no "
                   "price");
        return;
      }
      cx_.add_fill(*f);
      adopt_order a{rec, o.status, o.status, f->qty};
      cx_.note(o.venue, o.symbol, id, "ADOPTED",
               "from=" + std::string{to_string(o.status)}
                 + " to=" + std::string{to_string(o.status)}
                 + " cum_qty=" + o.cum_qty.to_string() + " journal_fills="
                 + o.fills_qty.to_string() + " new_fill_qty="
                 + f->qty.to_string() + " source=journal (venue purged it)");
      cx_.report.actions.emplace_back(std::move(a));
      return;
    }
    // Never arrived (pending_new: the venue never saw it) or forgotten
    // (a live order the venue no longer knows: treated as canceled).
    bool never = o.status == order_status::pending_new;
    rec.event = never ? order_event::rejected : order_event::canceled;
    order_absent a{id, o.venue, o.symbol, o.status,
                   never ? order_status::rejected : order_status::canceled};
    cx_.report.records.emplace_back(rec);
    cx_.note(o.venue, o.symbol, id, "ABSENT",
             "from=" + std::string{to_string(o.status)}
               + " to=" + std::string{to_string(a.new_status)}
               + " journal_cum_qty=" + o.cum_qty.to_string());
    if (!never)
      cx_.report.alerts.push_back(order_alert(
        in_, alerts::severity::warning,
        "Reconciliation: a live order is unknown to the venue",
        "The journal had it " + std::string{to_string(o.status)} + " but "
          + venue_name(o.venue)
          + " does not know it; booked as canceled. Fills the journal "
            "missed show up in the position check.",
        rec, "reconcile|absent|" + id.str()));
    cx_.report.actions.emplace_back(std::move(a));
  }

  void conflict(const venues::order_update& u, const recovered_order* o,
                std::string what) {
    order_conflict c{u, o ? o->status : order_status::pending_new,
                     o ? o->fills_qty : quantity{}, what};
    cx_.note(u.venue, u.symbol,
             u.id.empty() ? std::nullopt : std::optional{u.id}, "CONFLICT",
             what);
    cx_.report.alerts.push_back(order_alert(
      in_, alerts::severity::error, "Reconciliation conflict on an order",
      what + ". Nothing was adopted for this order; an operator should look.",
      u, "reconcile|conflict|" + u.id.str()));
    cx_.report.actions.emplace_back(std::move(c));
  }

  reconcile_context& cx_;
  const reconcile_input& in_;
  const venue_snapshot& snap_;
};

const venue_snapshot* snapshot_of(const reconcile_input& in, tandem::venue v) {
  for (const auto& s : in.venues)
    if (s.venue == v)
      return &s;
  return nullptr;
}

} // namespace

std::vector<client_order_id>
orders_to_query(const recovered_state& state, tandem::venue v,
                std::span<const venues::order_update> open_orders) {
  std::set<client_order_id> open;
  for (const auto& u : open_orders)
    open.insert(u.id);
  std::vector<client_order_id> out;
  for (const auto& [id, o] : state.orders) {
    if (o.venue != v || open.contains(id))
      continue;
    bool fills_missing = o.cum_qty > o.fills_qty;
    if (!is_terminal(o.status) || fills_missing)
      out.push_back(id);
  }
  return out;
}

result<reconcile_report, reconcile_failure>
reconcile(const recovered_state& state, const reconcile_input& in) {
  if (in.prefix.empty())
    return failure{reconcile_failure{"no client-id prefix configured"}};
  reconcile_context cx{state, in, {}, state.positions, std::nullopt};
  if (state.halted)
    cx.report.notes.push_back("the journal says halted (" + state.halt_reason
                              + ", by " + state.halt_who
                              + "): stays halted until cleared");
  // Every venue the journal still has business with must have answered.
  std::set<tandem::venue> needed;
  for (const auto& [id, o] : state.orders)
    if (!is_terminal(o.status) || o.cum_qty > o.fills_qty)
      needed.insert(o.venue);
  for (const auto& [key, p] : state.positions)
    if (!p.is_flat())
      needed.insert(key.venue);
  for (auto v : needed)
    if (!snapshot_of(in, v))
      return failure{reconcile_failure{
        "no answers from " + venue_name(v)
        + ", where the journal has open orders or a position"}};
  for (const auto& snap : in.venues) {
    order_pass{cx, snap}.run();
    if (cx.failed)
      return failure{std::move(*cx.failed)};
  }
  // Positions only after every venue's orders: adopted fills count.
  for (const auto& snap : in.venues) {
    detail::reconcile_positions(cx, snap);
    if (cx.failed)
      return failure{std::move(*cx.failed)};
  }
  return std::move(cx.report);
}

std::string_view action_name(const reconcile_action& a) noexcept {
  struct {
    std::string_view operator()(const adopt_order&) { return "adopt"; }
    std::string_view operator()(const adopt_unknown_ours&) {
      return "adopt_unknown_ours";
    }
    std::string_view operator()(const ignore_foreign&) {
      return "ignore_foreign";
    }
    std::string_view operator()(const order_absent&) { return "order_absent"; }
    std::string_view operator()(const order_conflict&) {
      return "order_conflict";
    }
    std::string_view operator()(const position_mismatch&) {
      return "position_mismatch";
    }
  } name;
  return std::visit(name, a);
}

} // namespace tandem::journal
