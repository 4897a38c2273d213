// The position pass of reconciliation: derivatives positions per symbol,
// spot base-asset balances against a baseline plus our fills. A difference
// beyond one lot halts with every number.
#include "journal/reconcile_detail.hpp"

#include <map>
#include <set>
#include <utility>

namespace tandem::journal::detail {
namespace {

quantity abs_qty(quantity q) {
  return checked_abs(q).value_or(quantity::max());
}

quantity diff_of(quantity a, quantity b) {
  auto d = checked_sub(a, b);
  return d ? abs_qty(*d) : quantity::max();
}

/// Balances are money at scale 8, as quantities are: one raw unit is one
/// 1e-8 of the asset either way.
static_assert(money::scale == quantity::scale);
quantity as_qty(money m) { return quantity::from_raw(m.raw()); }

quantity our_net(const reconcile_context& cx, tandem::venue v,
                 const std::string& symbol) {
  auto it = cx.positions.find(position_key{v, symbol});
  return it == cx.positions.end() ? quantity{} : it->second.net_qty();
}

void mismatch(reconcile_context& cx, position_mismatch m) {
  auto d = diff_of(m.ours, m.venue_qty);
  std::string numbers
    = venue_name(m.venue) + " " + m.symbol + " ours=" + m.ours.to_string()
      + " venue=" + m.venue_qty.to_string() + " diff=" + d.to_string()
      + " lot=" + m.lot.to_string();
  if (m.baseline)
    numbers += " baseline=" + m.baseline->to_string();
  auto& h = cx.report.halt;
  if (!h)
    h = halt_decision{"position_mismatch", numbers};
  else
    h->detail += "; " + numbers;

  alerts::alert a;
  a.severity = alerts::severity::critical;
  a.kind = alerts::alert_kind::other;
  a.title = "Position mismatch on " + venue_name(m.venue) + " " + m.symbol
            + ": halting";
  a.summary = "Reconciliation found the venue's "
              + std::string{m.baseline ? "balance" : "position"}
              + " differs from the journal's by more than one lot. The "
                "engine halts (emergency stop) until an operator clears it.";
  a.fields = {
    {"venue", venue_name(m.venue), true},
    {m.baseline ? "asset" : "symbol", m.symbol, true},
    {"ours", m.ours.to_string(), true},
    {"venue's", m.venue_qty.to_string(), true},
    {"difference", d.to_string(), true},
    {"lot", m.lot.to_string(), true},
  };
  if (m.baseline)
    a.fields.push_back({"baseline", m.baseline->to_string(), true});
  a.dedup_key
    = "reconcile|position_mismatch|" + venue_name(m.venue) + "|" + m.symbol;
  a.at = cx.in.now;
  cx.report.alerts.push_back(std::move(a));
  cx.note(m.venue, m.symbol, std::nullopt, "POSITION_MISMATCH", numbers);
  cx.report.actions.emplace_back(std::move(m));
}

void check_derivatives(reconcile_context& cx, const venue_snapshot& snap) {
  auto v = snap.venue;
  // Every symbol anyone holds or we trade, except spot ones.
  std::set<std::string> symbols;
  for (const auto& i : cx.in.instruments)
    if (i.venue == v && i.kind != instrument_kind::spot)
      symbols.insert(i.symbol);
  std::map<std::string, quantity> venue_qty;
  if (snap.positions)
    for (const auto& p : *snap.positions) {
      // Hedge mode reports a long and a short side: the net is the sum.
      auto& q = venue_qty[p.symbol];
      q = checked_add(q, p.qty).value_or(quantity::max());
      const auto* inst = find_instrument(cx.in, v, p.symbol);
      if (!inst || inst->kind != instrument_kind::spot)
        symbols.insert(p.symbol);
    }
  for (const auto& [key, p] : cx.positions) {
    if (key.venue != v || p.is_flat())
      continue;
    const auto* inst = find_instrument(cx.in, v, key.symbol);
    if (!inst) {
      cx.fail(venue_name(v) + " " + key.symbol + ": the journal holds "
              + p.net_qty().to_string()
              + " but no instrument is configured to check it against");
      return;
    }
    if (inst->kind != instrument_kind::spot)
      symbols.insert(key.symbol);
  }
  if (symbols.empty())
    return;
  if (!snap.positions) {
    cx.fail(venue_name(v) + ": no positions answer for a derivatives venue");
    return;
  }
  for (const auto& sym : symbols) {
    const auto* inst = find_instrument(cx.in, v, sym);
    // A position on a symbol we do not trade is someone else's: any size of
    // it is a difference (lot 0).
    quantity lot = inst ? inst->lot : quantity{};
    quantity ours = our_net(cx, v, sym);
    auto it = venue_qty.find(sym);
    quantity theirs = it == venue_qty.end() ? quantity{} : it->second;
    if (diff_of(ours, theirs) > lot) {
      mismatch(cx, position_mismatch{v, sym, ours, theirs, lot, std::nullopt});
    } else {
      cx.report.notes.push_back(
        venue_name(v) + " " + sym + ": position ours=" + ours.to_string()
        + " venue=" + theirs.to_string() + " within lot " + lot.to_string());
    }
  }
}

const spot_baseline* find_baseline(const reconcile_input& in, tandem::venue v,
                                   const std::string& asset) {
  for (const auto& b : in.baselines)
    if (b.venue == v && b.asset == asset)
      return &b;
  return nullptr;
}

void check_spot(reconcile_context& cx, const venue_snapshot& snap) {
  auto v = snap.venue;
  struct asset_view {
    quantity ours;
    /// The smallest lot among the asset's instruments: the strictest check.
    std::optional<quantity> lot;
  };
  std::map<std::string, asset_view> assets;
  for (const auto& i : cx.in.instruments) {
    if (i.venue != v || i.kind != instrument_kind::spot)
      continue;
    auto& a = assets[i.base];
    a.ours
      = checked_add(a.ours, our_net(cx, v, i.symbol)).value_or(quantity::max());
    a.lot = a.lot ? std::min(*a.lot, i.lot) : i.lot;
  }
  if (assets.empty())
    return;
  if (!snap.balances) {
    cx.fail(venue_name(v) + ": no balances answer for a spot venue");
    return;
  }
  for (auto& [asset, a] : assets) {
    quantity held;
    for (const auto& b : *snap.balances)
      if (b.asset == asset)
        held = checked_add(held, checked_add(as_qty(b.free), as_qty(b.locked))
                                   .value_or(quantity::max()))
                 .value_or(quantity::max());
    const auto* base = find_baseline(cx.in, v, asset);
    if (!base) {
      // First start (or a journal from before baselines): the inventory is
      // whatever the venue holds beyond our fills. Journaled, so every later
      // start checks against it.
      spot_baseline derived{
        v, asset, checked_sub(held, a.ours).value_or(quantity{}), false};
      auto n = baseline_note(derived, a.ours.is_zero()
                                        ? "derived at first start"
                                        : "derived with an open position");
      cx.report.records.emplace_back(n);
      cx.report.notes.push_back(venue_name(v) + " " + asset + ": SPOT_BASELINE "
                                + n.detail);
      if (!a.ours.is_zero()) {
        alerts::alert al;
        al.severity = alerts::severity::warning;
        al.kind = alerts::alert_kind::other;
        al.title = "Reconciliation could not verify the " + venue_name(v) + " "
                   + asset + " balance";
        al.summary = "No baseline inventory was journaled or configured "
                     "while the journal holds a position; the baseline was "
                     "derived from the balance, so a difference before this "
                     "start cannot be seen.";
        al.fields = {{"ours", a.ours.to_string(), true},
                     {"balance", held.to_string(), true},
                     {"baseline", derived.qty.to_string(), true}};
        al.dedup_key = "reconcile|baseline|" + venue_name(v) + "|" + asset;
        al.at = cx.in.now;
        cx.report.alerts.push_back(std::move(al));
      }
      continue;
    }
    if (!base->from_journal) {
      auto n = baseline_note(*base, "configured starting inventory");
      cx.report.records.emplace_back(n);
      cx.report.notes.push_back(venue_name(v) + " " + asset + ": SPOT_BASELINE "
                                + n.detail);
    }
    quantity expected
      = checked_add(base->qty, a.ours).value_or(quantity::max());
    quantity lot = a.lot.value_or(quantity{});
    if (diff_of(expected, held) > lot) {
      mismatch(cx, position_mismatch{v, asset, expected, held, lot, base->qty});
    } else {
      cx.report.notes.push_back(
        venue_name(v) + " " + asset + ": balance " + held.to_string()
        + " = baseline " + base->qty.to_string() + " + ours "
        + a.ours.to_string() + " within lot " + lot.to_string());
    }
  }
}

} // namespace

void reconcile_positions(reconcile_context& cx, const venue_snapshot& snap) {
  check_derivatives(cx, snap);
  if (!cx.failed)
    check_spot(cx, snap);
}

} // namespace tandem::journal::detail
