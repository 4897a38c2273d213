#include "admin/metric_catalog.hpp"

namespace tandem::admin::catalog {

namespace {

/// Unwraps a declaration; the first failure wins.
template<class Id>
bool take(result<Id, metric_error> r, Id& out, metric_error& err) {
  if (!r) {
    err = r.error();
    return false;
  }
  out = *r;
  return true;
}

} // namespace

result<engine_metrics, metric_error>
declare_engine_metrics(metrics_registry& reg) {
  engine_metrics m;
  metric_error err = metric_error::bad_name;
  std::vector<std::int64_t> bounds(tick_to_trade_bounds_ns.begin(),
                                   tick_to_trade_bounds_ns.end());
  bool ok
    = take(reg.add_counter(std::string(orders_total),
                           "Orders that reached a final state, by venue and "
                           "outcome.",
                           {"venue", "outcome"}),
           m.orders, err)
      && take(reg.add_counter(std::string(rejects_total),
                              "Orders the venue refused, by venue and reason.",
                              {"venue", "reason"}),
              m.rejects, err)
      && take(reg.add_gauge(std::string(rate_limit_headroom),
                            "Fraction of the limit group's documented budget "
                            "left in its current window (0..1).",
                            {"venue", "group"}),
              m.rate_limit_headroom, err)
      && take(reg.add_gauge(std::string(rate_limit_remaining),
                            "Units (weight or requests) left in the limit "
                            "group's current window.",
                            {"venue", "group"}),
              m.rate_limit_remaining, err)
      && take(reg.add_gauge(std::string(venue_rest_latency),
                            "REST round trip to the venue, seconds "
                            "(weighted mean, each answer weighing 1/8).",
                            {"venue"}),
              m.venue_rest_latency, err)
      && take(reg.add_histogram(std::string(tick_to_trade),
                                "Quote received to both legs written, "
                                "seconds.",
                                {}, std::move(bounds), 9),
              m.tick_to_trade, err)
      && take(reg.add_gauge(std::string(premium_bps),
                            "Kimchi premium now, basis points, for entry "
                            "(Upbit ask) and exit (Upbit bid).",
                            {"side"}),
              m.premium, err)
      && take(reg.add_gauge(std::string(position),
                            "Signed position, base units or contracts.",
                            {"venue", "symbol"}),
              m.position, err)
      && take(reg.add_gauge(std::string(pnl_krw),
                            "Profit and loss, KRW, by kind (realized, "
                            "unrealized, day_realized).",
                            {"kind"}),
              m.pnl, err)
      && take(reg.add_gauge(std::string(halted),
                            "1 while the emergency stop is set.", {}),
              m.halted, err)
      && take(reg.add_gauge(std::string(venue_connected),
                            "1 while the venue is connected.", {"venue"}),
              m.venue_connected, err)
      && take(reg.add_gauge(std::string(journal_lag),
                            "Age of the oldest journal entry not yet "
                            "durable, seconds.",
                            {}),
              m.journal_lag, err);
  if (!ok)
    return failure{err};
  return m;
}

result<gateway_metrics, metric_error>
declare_gateway_metrics(metrics_registry& reg) {
  gateway_metrics m;
  metric_error err = metric_error::bad_name;
  bool ok
    = take(reg.add_counter(std::string(admin_requests),
                           "Admin API requests by route and HTTP status.",
                           {"route", "code"}),
           m.requests, err)
      && take(reg.add_counter(std::string(admin_timeouts),
                              "Admin requests the engine did not answer in "
                              "time.",
                              {}),
              m.timeouts, err)
      && take(reg.add_gauge(std::string(admin_event_clients),
                            "Open event stream connections.", {}),
              m.event_clients, err)
      && take(reg.add_counter(std::string(admin_events),
                              "Events sent to the event stream, by type.",
                              {"type"}),
              m.events, err);
  if (!ok)
    return failure{err};
  return m;
}

} // namespace tandem::admin::catalog
