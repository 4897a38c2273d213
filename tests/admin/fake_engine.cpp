#include "tests/admin/fake_engine.hpp"

#include "admin/metric_catalog.hpp"

#include <caf/all.hpp>

#include <map>

namespace tandem::admin::test {

namespace {

struct fake_state {
  // Declared so the struct is no aggregate: CAF 0.17 constructs the state
  // from the actor pointer whenever it can, and in C++20 an aggregate can
  // be (the pointer would initialize the first member: halted = true).
  fake_state() = default;

  bool halted = false;
  std::string halt_reason;
  std::string halted_by;
  bool paused = false;
  bool stalled = false;
  std::map<std::string, param_number> params{
    {"kimchi.entry_bps", std::int64_t{200}},
    {"kimchi.exit_bps", std::int64_t{50}},
    {"kimchi.order_qty", quantity::must_parse("0.001")}};
  std::vector<order_row> orders;
  std::vector<position_row> positions;
  std::vector<venue_health> venues{{venue::upbit, true, 900, 0},
                                   {venue::binance, true, 1200, 0}};
  std::vector<caf::actor> subscribers;
  std::vector<journal_entry> journal;
  /// Requests held while stalled (never answered).
  std::vector<caf::response_promise> held;
  static inline const char* name = "fake_engine";
};

using fake_actor = caf::stateful_actor<fake_state>;

order_row order(std::string cid, tandem::side s) {
  order_row o;
  o.venue = s == side::buy ? venue::upbit : venue::binance;
  o.symbol = s == side::buy ? "KRW-BTC" : "BTCUSDT";
  o.id = *client_order_id::make(cid);
  o.side = s;
  o.px = price::must_parse(s == side::buy ? "145000000" : "97000");
  o.qty = quantity::must_parse("0.001");
  o.created_at = from_unix_ms(1'735'787'045'123);
  return o;
}

void publish(fake_actor* self, const caf::message& m) {
  for (auto& s : self->state.subscribers)
    self->send(s, m);
}

void status_changed(fake_actor* self, status_change c, std::string subject,
                    std::string detail, const requester& who) {
  publish(self, caf::make_message(status_change_event{
                  c, std::move(subject), std::move(detail), who.name,
                  from_unix_ms(1'735'787'045'123)}));
}

/// Records the request; returns true when the fake should answer now.
bool record(fake_actor* self, const requester& who, std::string command,
            std::string detail = {}) {
  self->state.journal.push_back({who.role, who.name, std::move(command),
                                 std::move(detail), who.request_id});
  if (self->state.stalled)
    self->state.held.push_back(self->make_response_promise());
  return !self->state.stalled;
}

command_reply done(std::string summary, std::int64_t affected = 0) {
  return command_done{std::move(summary), affected};
}

command_reply refused(refusal_code c, std::string field, std::string msg) {
  return failure{refusal{c, std::move(field), std::move(msg)}};
}

// With a stalled fake the reply below is dropped: the promise taken in
// record() keeps the request open, and it is never fulfilled.
caf::behavior fake_engine(fake_actor* self) {
  self->state.orders
    = {order("tdm-1-1", side::buy), order("tdm-1-2", side::sell)};
  self->state.positions
    = {{venue::upbit, "KRW-BTC", quantity::must_parse("0.001"),
        price::must_parse("145000000"), price::must_parse("145100000"), "KRW",
        money::zero(), money::must_parse("100")},
       {venue::binance, "BTCUSDT", quantity::must_parse("-0.001"),
        price::must_parse("97000"), price::must_parse("97010"), "USDT",
        money::zero(), money::must_parse("-0.01")}};
  return {
    [self](status_request& r) -> caf::result<status_view> {
      if (!record(self, r.who, "status"))
        return caf::delegated<status_view>{};
      auto& st = self->state;
      status_view v;
      v.instance = "fake";
      v.mode = "paper";
      v.halted = st.halted;
      v.halt_reason = st.halt_reason;
      v.halted_by = st.halted_by;
      v.venues = st.venues;
      v.strategies
        = {{"kimchi",
            st.paused ? strategy_state::paused : strategy_state::running, 1}};
      v.open_orders = static_cast<std::int64_t>(st.orders.size());
      return v;
    },
    [self](premium_request& r) -> caf::result<premium_view> {
      if (!record(self, r.who, "premium"))
        return caf::delegated<premium_view>{};
      premium_view v;
      v.available = true;
      v.entry_premium = rate::must_parse("0.0215");
      v.exit_premium = rate::must_parse("0.0198");
      v.entry_bps
        = std::get<std::int64_t>(self->state.params["kimchi.entry_bps"]);
      v.exit_bps
        = std::get<std::int64_t>(self->state.params["kimchi.exit_bps"]);
      v.upbit_ask_krw = price::must_parse("145000000");
      v.usdt_krw = price::must_parse("1391.5");
      return v;
    },
    [self](positions_request& r) -> caf::result<positions_view> {
      if (!record(self, r.who, "positions"))
        return caf::delegated<positions_view>{};
      return positions_view{self->state.positions};
    },
    [self](orders_request& r) -> caf::result<orders_view> {
      if (!record(self, r.who, "orders"))
        return caf::delegated<orders_view>{};
      return orders_view{self->state.orders};
    },
    [self](pairs_request& r) -> caf::result<pairs_view> {
      if (!record(self, r.who, "pairs"))
        return caf::delegated<pairs_view>{};
      pair_row p;
      p.pair_id = "pair-1";
      p.signal_id = "sig-1";
      p.phase = pair_phase::open;
      p.qty = quantity::must_parse("0.001");
      p.entry_premium = rate::must_parse("0.021");
      return pairs_view{{p}, {}};
    },
    [self](pnl_request& r) -> caf::result<pnl_view> {
      if (!record(self, r.who, "pnl"))
        return caf::delegated<pnl_view>{};
      pnl_view v;
      v.realized_krw = money::must_parse("12000");
      v.unrealized_krw = money::must_parse("-500.5");
      return v;
    },
    [self](metrics_request& r) -> caf::result<metrics_snapshot> {
      if (!record(self, r.who, "metrics"))
        return caf::delegated<metrics_snapshot>{};
      metrics_registry reg;
      auto m = *catalog::declare_engine_metrics(reg);
      reg.inc(m.orders, {"upbit", "filled"}, 3);
      reg.set(m.halted, metric_number::of(self->state.halted ? 1 : 0));
      reg.set(m.premium, {"entry"}, {21550, 2});
      reg.observe(m.tick_to_trade, {}, 180'000);
      return reg.snapshot();
    },
    [self](pause_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "pause", c.strategy))
        return caf::delegated<command_reply>{};
      if (c.strategy != "kimchi")
        return refused(refusal_code::not_found, "strategy",
                       "no strategy \"" + c.strategy + "\"");
      self->state.paused = true;
      status_changed(self, status_change::strategy_paused, c.strategy, "",
                     c.who);
      return done("kimchi paused");
    },
    [self](resume_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "resume", c.strategy))
        return caf::delegated<command_reply>{};
      if (self->state.halted)
        return refused(refusal_code::conflict, "",
                       "the engine is halted: clear the halt first");
      self->state.paused = false;
      status_changed(self, status_change::strategy_resumed, c.strategy, "",
                     c.who);
      return done("kimchi resumed");
    },
    [self](set_param_command& c) -> caf::result<set_param_reply> {
      const auto& p = c.param;
      if (!record(self, c.who, "set", p.name + "=" + to_text(p.value)))
        return caf::delegated<set_param_reply>{};
      auto& params = self->state.params;
      if (p.name == "kimchi.entry_bps"
          && std::get<std::int64_t>(p.value)
               <= std::get<std::int64_t>(params["kimchi.exit_bps"]))
        return set_param_reply{
          failure{refusal{refusal_code::invalid_value, p.name,
                          "kimchi.entry_bps must stay above kimchi.exit_bps ("
                            + to_text(params["kimchi.exit_bps"]) + ")"}}};
      auto old = params.count(p.name) ? to_text(params[p.name]) : "";
      params[p.name] = p.value;
      status_changed(self, status_change::param_changed, p.name,
                     old + " -> " + to_text(p.value), c.who);
      return set_param_reply{param_change{p.name, old, to_text(p.value)}};
    },
    [self](cancel_all_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "cancel-all"))
        return caf::delegated<command_reply>{};
      auto n = static_cast<std::int64_t>(self->state.orders.size());
      self->state.orders.clear();
      status_changed(self, status_change::orders_cancelled, "",
                     std::to_string(n), c.who);
      return done("cancelled " + std::to_string(n) + " orders", n);
    },
    [self](flatten_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "flatten"))
        return caf::delegated<command_reply>{};
      auto n = static_cast<std::int64_t>(self->state.positions.size());
      self->state.positions.clear();
      return done("flattened " + std::to_string(n) + " positions", n);
    },
    [self](halt_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "halt", c.reason))
        return caf::delegated<command_reply>{};
      auto& st = self->state;
      if (st.halted)
        return done("already halted");
      st.halted = true;
      st.halt_reason = c.reason;
      st.halted_by = c.who.name;
      auto n = static_cast<std::int64_t>(st.orders.size());
      st.orders.clear();
      status_changed(self, status_change::halted, "", c.reason, c.who);
      publish(self, caf::make_message(
                      alert_event{alert_severity::critical, "engine halted",
                                  c.reason, from_unix_ms(1'735'787'045'123)}));
      return done("halted; cancelled " + std::to_string(n) + " orders", n);
    },
    [self](clear_halt_command& c) -> caf::result<command_reply> {
      if (!record(self, c.who, "clear", c.reason))
        return caf::delegated<command_reply>{};
      if (!self->state.halted)
        return refused(refusal_code::conflict, "", "the engine is not halted");
      self->state.halted = false;
      status_changed(self, status_change::halt_cleared, "", c.reason, c.who);
      return done("halt cleared");
    },
    [self](actors::control_subscription& s) {
      self->state.subscribers.push_back(s.subscriber);
    },
    // -- steering (tests only) --
    [self](fake_publish& p) {
      std::visit([self](auto& e) { publish(self, caf::make_message(e)); },
                 p.event);
    },
    [self](fake_stall& s) { self->state.stalled = s.stalled; },
    [self](fake_venue& v) {
      for (auto& h : self->state.venues)
        if (h.venue == v.venue)
          h.connected = v.connected;
    },
    [self](fake_journal&) { return self->state.journal; },
    [self](fake_subscribers&) { return self->state.subscribers.size(); },
  };
}

} // namespace

caf::actor spawn_fake_engine(caf::actor_system& sys) {
  return sys.spawn(fake_engine);
}

} // namespace tandem::admin::test
