#include "config/validate.hpp"

#include "config/instruments.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace tandem::config {

namespace {

/// Collects issues for one config file.
class checker {
 public:
  checker(const engine_config& cfg, config_issues& out)
    : file_(cfg.source), out_(out) {}

  void fail(config_error code, std::string key, std::string message) {
    out_.push_back({code, file_, std::move(key), std::move(message)});
  }

 private:
  const std::string& file_;
  config_issues& out_;
};

struct url_parts {
  std::string_view scheme;
  std::string_view host;
};

/// Splits "scheme://host[:port][/path]"; host empty if malformed.
url_parts split_url(std::string_view url) noexcept {
  url_parts p;
  auto sep = url.find("://");
  if (sep == std::string_view::npos)
    return p;
  p.scheme = url.substr(0, sep);
  auto rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (!rest.empty() && rest.front() == '[') { // IPv6 literal
    auto close = rest.find(']');
    p.host = close == std::string_view::npos ? std::string_view{}
                                             : rest.substr(0, close + 1);
  } else {
    p.host = rest.substr(0, rest.find(':'));
  }
  return p;
}

void check_url(checker& c, engine_mode mode, const std::string& key,
               const std::string& url, bool websocket) {
  if (url.empty()) {
    c.fail(config_error::missing_key, key,
           "missing required key for an enabled venue (expected a URL like "
             + std::string(websocket ? "\"wss://host/path\""
                                     : "\"https://host/path\"")
             + ")");
    return;
  }
  auto p = split_url(url);
  std::string_view secure = websocket ? "wss" : "https";
  std::string_view plain = websocket ? "ws" : "http";
  if (p.host.empty() || (p.scheme != secure && p.scheme != plain)) {
    c.fail(config_error::out_of_range, key,
           "expected a " + std::string(secure) + ":// or " + std::string(plain)
             + ":// URL, got \"" + url + '"');
    return;
  }
  if (mode == engine_mode::paper && !is_loopback_host(p.host))
    c.fail(config_error::inconsistent, key,
           "paper mode talks only to the simulators on loopback: expected "
           "host 127.0.0.1, localhost or [::1], got \""
             + std::string(p.host) + "\" (set engine.mode = \"live\" to reach "
             + "a real venue)");
  if (mode == engine_mode::live && p.scheme != secure)
    c.fail(config_error::inconsistent, key,
           "live mode needs TLS: expected " + std::string(secure)
             + "://, got \"" + url + '"');
}

void check_fee(checker& c, const std::string& key, rate fee) {
  // A fraction: 0.0005 is 0.05%. Anything outside [-0.1%, 1%] is almost
  // certainly a percentage typed as a fraction.
  if (fee < rate::must_parse("-0.001") || fee > rate::must_parse("0.01"))
    c.fail(config_error::out_of_range, key,
           "expected a fee rate as a fraction in [-0.001, 0.01] (0.0005 = "
           "0.05%), got \""
             + fee.to_string() + '"');
}

void check_engine(checker& c, const engine_section& e) {
  const auto& p = e.cid_prefix;
  bool ok = !p.empty() && p.size() <= 8
            && std::all_of(p.begin(), p.end(), [](char ch) {
                 return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
               });
  if (!ok)
    c.fail(config_error::out_of_range, "engine.cid_prefix",
           "expected 1 to 8 characters of [a-z0-9], got \"" + p + "\" ("
             + std::to_string(p.size()) + " characters)");
  if (e.instance.empty())
    c.fail(config_error::out_of_range, "engine.instance",
           "expected a non-empty name");
  if (e.data_dir.empty())
    c.fail(config_error::out_of_range, "engine.data_dir",
           "expected a directory path");
}

void check_venues(checker& c, const engine_config& cfg) {
  auto mode = cfg.engine.mode;
  for (auto name : venues_section::names) {
    const auto& v = *cfg.venues.find(name);
    if (!v.enabled)
      continue;
    std::string base = "venues." + std::string(name) + '.';
    check_url(c, mode, base + "rest_url", v.rest_url, false);
    check_url(c, mode, base + "ws_url", v.ws_url, true);
    if (name == "upbit")
      check_url(c, mode, base + "ws_private_url", v.ws_private_url, true);
    if (name == "binance")
      check_url(c, mode, base + "ws_user_url", v.ws_user_url, true);
    check_fee(c, base + "maker_fee", v.maker_fee);
    check_fee(c, base + "taker_fee", v.taker_fee);
  }
}

void check_instruments(checker& c, const engine_config& cfg) {
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t k = 0; k < cfg.instruments.size(); ++k) {
    const auto& i = cfg.instruments[k];
    std::string base = "instruments[" + std::to_string(k) + "].";
    const auto* v = cfg.venues.find(i.venue);
    if (!v) {
      std::string names;
      for (auto n : venues_section::names)
        names += (names.empty() ? "\"" : ", \"") + std::string(n) + '"';
      c.fail(config_error::bad_enum, base + "venue",
             "expected one of " + names + ", got \"" + i.venue + '"');
    } else if (!v->enabled) {
      c.fail(config_error::inconsistent, base + "venue",
             "venue \"" + i.venue + "\" is not enabled (set venues." + i.venue
               + ".enabled = true or remove this instrument)");
    }
    if (!seen.emplace(i.venue, i.symbol).second)
      c.fail(config_error::inconsistent, base + "symbol",
             "instrument \"" + i.symbol + "\" on \"" + i.venue
               + "\" is listed twice");
    if (i.tick_table == tick_source::fixed && !i.tick.is_positive())
      c.fail(config_error::out_of_range, base + "tick",
             "expected a positive tick, got \"" + i.tick.to_string() + '"');
    if (i.tick_table == tick_source::upbit_krw
        && (i.venue != "upbit" || i.quote != "KRW"))
      c.fail(config_error::inconsistent, base + "tick",
             "\"upbit_krw\" is Upbit's KRW table: expected venue \"upbit\" "
             "and quote \"KRW\", got venue \""
               + i.venue + "\" and quote \"" + i.quote + '"');
    if (!i.lot.is_positive())
      c.fail(config_error::out_of_range, base + "lot",
             "expected a positive lot step, got \"" + i.lot.to_string() + '"');
    if (i.min_qty.is_negative())
      c.fail(config_error::out_of_range, base + "min_qty",
             "expected zero or more, got \"" + i.min_qty.to_string() + '"');
    if (i.min_notional.is_negative())
      c.fail(config_error::out_of_range, base + "min_notional",
             "expected zero or more, got \"" + i.min_notional.to_string()
               + '"');
    // The core rules that span fields (min_qty on the lot grid, ...).
    if (i.lot.is_positive() && !i.min_qty.is_negative())
      if (auto inst = to_instrument(i))
        if (auto bad = check_instrument(*inst))
          c.fail(config_error::inconsistent, base + "min_qty", bad->message());
  }
}

const instrument_config* find_instrument(const engine_config& cfg,
                                         std::string_view venue,
                                         std::string_view symbol) {
  for (const auto& i : cfg.instruments)
    if (i.venue == venue && i.symbol == symbol)
      return &i;
  return nullptr;
}

void check_kimchi(checker& c, const engine_config& cfg) {
  const auto& k = cfg.strategy.kimchi;
  if (k.entry_bps <= k.exit_bps)
    c.fail(config_error::inconsistent, "strategy.kimchi.entry_bps",
           "expected entry_bps > exit_bps (a pair must close below the "
           "premium that opened it), got entry_bps = "
             + std::to_string(k.entry_bps)
             + " and exit_bps = " + std::to_string(k.exit_bps));
  if (!k.order_qty.is_positive())
    c.fail(config_error::out_of_range, "strategy.kimchi.order_qty",
           "expected a positive BTC quantity, got \"" + k.order_qty.to_string()
             + '"');
  if (!k.enabled)
    return;
  struct leg {
    std::string_view key, venue;
    const std::string& symbol;
  };
  for (const leg& l : {leg{"upbit_symbol", "upbit", k.upbit_symbol},
                       leg{"usdt_krw_symbol", "upbit", k.usdt_krw_symbol},
                       leg{"binance_symbol", "binance", k.binance_symbol}})
    if (!find_instrument(cfg, l.venue, l.symbol))
      c.fail(config_error::inconsistent,
             "strategy.kimchi." + std::string(l.key),
             "the enabled strategy needs instrument \"" + l.symbol + "\" on \""
               + std::string(l.venue) + "\", but [[instruments]] has none");
}

void check_risk(checker& c, const risk_config& r) {
  if (!r.capital_krw.is_positive())
    c.fail(config_error::out_of_range, "risk.capital_krw",
           "expected a positive KRW amount, got \"" + r.capital_krw.to_string()
             + '"');
  if (!r.max_order_notional_krw.is_positive()
      || r.max_order_notional_krw > r.capital_krw)
    c.fail(config_error::out_of_range, "risk.max_order_notional_krw",
           "expected a positive KRW amount no larger than capital_krw ("
             + r.capital_krw.to_string() + "), got \""
             + r.max_order_notional_krw.to_string() + '"');
}

void check_supervision(checker& c, const supervision_config& s) {
  if (s.restart_max_ms < s.restart_base_ms)
    c.fail(config_error::inconsistent, "supervision.restart_max_ms",
           "expected at least restart_base_ms ("
             + std::to_string(s.restart_base_ms) + "), got "
             + std::to_string(s.restart_max_ms));
}

void check_console(checker& c, const console_config& k) {
  if (!is_loopback_host(k.bind) && !k.tls)
    c.fail(config_error::inconsistent, "console.bind",
           "binding \"" + k.bind
             + "\" exposes the console beyond this machine: expected "
               "tls = true, or bind = \"127.0.0.1\"");
  if (!k.tls)
    return;
  // The files themselves (present, key owner-only) are checked where the
  // secrets are read (config/tls_files.cpp): this part stays pure.
  if (k.cert_file.empty())
    c.fail(config_error::inconsistent, "console.cert_file",
           "console.tls = true needs cert_file (a PEM certificate chain)");
  if (k.key_file.empty())
    c.fail(config_error::inconsistent, "console.key_file",
           "console.tls = true needs key_file (a PEM private key, mode "
           "0600)");
}

} // namespace

bool is_loopback_host(std::string_view host) noexcept {
  if (host == "localhost" || host == "::1" || host == "[::1]")
    return true;
  // 127.0.0.0/8 as a dotted literal; "127.example.com" is not loopback.
  return host.starts_with("127.")
         && std::all_of(host.begin(), host.end(), [](char c) {
              return c == '.' || (c >= '0' && c <= '9');
            });
}

void validate(const engine_config& cfg, config_issues& out) {
  checker c(cfg, out);
  check_engine(c, cfg.engine);
  check_venues(c, cfg);
  check_instruments(c, cfg);
  check_kimchi(c, cfg);
  check_risk(c, cfg.risk);
  check_supervision(c, cfg.supervision);
  check_console(c, cfg.console);
}

} // namespace tandem::config
