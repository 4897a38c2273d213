#include "sim/runtime/cluster_toml.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <vector>

namespace tandem::sim::runtime {

namespace {

using issues = std::vector<std::string>;

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

/// Reads one table, recording an issue per bad, missing or unknown key.
class reader {
 public:
  reader(const toml::table& t, std::string path, const std::string& file,
         issues& out)
    : t_(t), path_(std::move(path)), file_(file), out_(out) {}

  std::string path_of(std::string_view key) const {
    return path_.empty() ? std::string{key} : path_ + "." + std::string{key};
  }

  void report(std::string_view key, const std::string& msg) {
    const toml::node* n = t_.get(key);
    report_at(key, n ? n->source() : t_.source(), msg);
  }

  void report_at(std::string_view key, const toml::source_region& src,
                 const std::string& msg) {
    std::string where = file_;
    if (src.begin.line != 0)
      where += ":" + std::to_string(src.begin.line) + ":"
               + std::to_string(src.begin.column);
    out_.push_back(where + ": " + path_of(key) + ": " + msg);
  }

  template<class T>
  void integer(std::string_view key, T& out, std::int64_t min,
               std::int64_t max) {
    const auto* n = get(key);
    if (!n)
      return;
    auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < min || *v > max) {
      report(key, "expected an integer in [" + std::to_string(min) + ", "
                    + std::to_string(max) + "], got " + describe(*n, false));
      return;
    }
    out = static_cast<T>(*v);
  }

  void flag(std::string_view key, bool& out) {
    const auto* n = get(key);
    if (!n)
      return;
    if (!n->is_boolean()) {
      report(key, "expected true or false, got " + describe(*n, false));
      return;
    }
    out = *n->value<bool>();
  }

  /// Reads a string; `secret` keeps its value out of messages.
  bool text(std::string_view key, std::string& out, bool required,
            bool secret = false) {
    const auto* n = get(key);
    if (!n) {
      if (required)
        report(key, "missing (a string)");
      return false;
    }
    if (!n->is_string()) {
      report(key, "expected a string, got " + describe(*n, secret));
      return false;
    }
    out = *n->value<std::string>();
    if (required && out.empty()) {
      report(key, "must not be empty");
      return false;
    }
    return true;
  }

  template<class D>
  void decimal(std::string_view key, D& out, std::string_view example) {
    const auto* n = get(key);
    if (!n)
      return;
    decimal_node(key, *n, out, example);
  }

  template<class D>
  bool decimal_node(std::string_view key, const toml::node& n, D& out,
                    std::string_view example) {
    auto expected
      = "expected a decimal string like \"" + std::string{example} + "\", got ";
    if (!n.is_string()) {
      report(key, expected + describe(n, false));
      return false;
    }
    auto v = D::parse(*n.value<std::string>());
    if (!v || v->is_negative()) {
      report(key, expected + describe(n, false));
      return false;
    }
    out = *v;
    return true;
  }

  const toml::table* table(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return nullptr;
    if (!n->is_table()) {
      report(key, "expected a table, got " + describe(*n, false));
      return nullptr;
    }
    return n->as_table();
  }

  const toml::array* array(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return nullptr;
    if (!n->is_array()) {
      report(key, "expected an array of tables, got " + describe(*n, false));
      return nullptr;
    }
    return n->as_array();
  }

  /// Reports every key never read (a typo, or a key of another section).
  void finish() {
    for (const auto& [k, v] : t_) {
      std::string key{k.str()};
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        std::string expected;
        for (const auto& kn : known_)
          expected += (expected.empty() ? "" : ", ") + kn;
        report_at(key, k.source(),
                  "unknown key"
                    + (expected.empty()
                         ? std::string{}
                         : " (expected one of: " + expected + ")"));
      }
    }
  }

  /// Marks `key` as known without reading it.
  void known(std::string_view key) { known_.emplace_back(key); }

  const std::string& file() const { return file_; }
  issues& out() { return out_; }

 private:
  const toml::node* get(std::string_view key) {
    known_.emplace_back(key);
    return t_.get(key);
  }

  static std::string describe(const toml::node& n, bool secret) {
    std::string out{type_name(n)};
    if (secret)
      return out + " (value not shown)";
    if (auto s = n.value<std::string>(); s && n.is_string())
      return out + " \"" + (s->size() > 40 ? s->substr(0, 40) + "..." : *s)
             + '"';
    if (auto i = n.value<std::int64_t>(); i && n.is_integer())
      return out + " " + std::to_string(*i);
    if (auto f = n.value<double>(); f && n.is_floating_point()) {
      std::ostringstream os;
      os << *f;
      return out + " " + os.str();
    }
    return out;
  }

  const toml::table& t_;
  std::string path_;
  const std::string& file_;
  issues& out_;
  std::vector<std::string> known_;
};

/// Iterates the tables of an array of tables, reporting other elements.
template<class F>
void each_table(reader& parent, std::string_view key, const toml::array* arr,
                F&& fn) {
  if (!arr)
    return;
  std::size_t i = 0;
  for (const auto& el : *arr) {
    auto path = parent.path_of(key) + "[" + std::to_string(i++) + "]";
    if (!el.is_table()) {
      parent.report(key, "every element must be a table ([["
                           + parent.path_of(key) + "]])");
      continue;
    }
    reader r{*el.as_table(), path, parent.file(), parent.out()};
    fn(r);
    r.finish();
  }
}

std::string resolve(const std::string& config_file, const std::string& p) {
  std::filesystem::path path{p};
  if (path.is_absolute())
    return p;
  return (std::filesystem::path{config_file}.parent_path() / path).string();
}

void read_tls(reader& root, cluster_config& cfg) {
  const auto* t = root.table("tls");
  if (!t)
    return;
  reader r{*t, "tls", root.file(), root.out()};
  bool enabled = false;
  r.flag("enabled", enabled);
  tls_files files;
  bool have_cert = r.text("cert_file", files.cert_chain_file, enabled);
  bool have_key = r.text("key_file", files.private_key_file, enabled);
  if (enabled && have_cert && have_key) {
    files.cert_chain_file = resolve(root.file(), files.cert_chain_file);
    files.private_key_file = resolve(root.file(), files.private_key_file);
    cfg.tls = files;
  }
  r.finish();
}

void read_binance(reader& root, cluster_config& cfg) {
  const auto* t = root.table("binance");
  if (!t)
    return;
  reader r{*t, "binance", root.file(), root.out()};
  auto& v = cfg.binance;
  r.integer("rest_port", cfg.binance_ports.rest, 0, 65535);
  r.integer("ws_port", cfg.binance_ports.ws, 0, 65535);
  r.decimal("maker_fee", v.fees.maker, "0.0002");
  r.decimal("taker_fee", v.fees.taker, "0.0005");
  r.integer("recv_window_ms", v.default_recv_window_ms, 1, 60'000);
  std::int64_t minutes = v.listen_key_validity.count();
  r.integer("listen_key_minutes", minutes, 1, 24 * 60);
  v.listen_key_validity = std::chrono::minutes{minutes};
  std::int64_t pump = cfg.pump_interval.count();
  r.integer("pump_ms", pump, 1, 60'000);
  cfg.pump_interval = std::chrono::milliseconds{pump};
  std::set<std::string> keys;
  each_table(r, "accounts", r.array("accounts"), [&](reader& a) {
    sim::binance::account_config acc;
    a.text("api_key", acc.api_key, true, true);
    a.text("secret", acc.secret, true, true);
    a.decimal("usdt_balance", acc.usdt_balance, "10000");
    if (!acc.api_key.empty() && !keys.insert(acc.api_key).second)
      a.report("api_key", "the same API key is configured twice");
    v.accounts.push_back(std::move(acc));
  });
  r.finish();
}

void read_upbit(reader& root, cluster_config& cfg) {
  const auto* t = root.table("upbit");
  if (!t)
    return;
  reader r{*t, "upbit", root.file(), root.out()};
  auto& v = cfg.upbit;
  r.integer("rest_port", cfg.upbit_ports.rest, 0, 65535);
  r.integer("ws_port", cfg.upbit_ports.ws, 0, 65535);
  r.decimal("bid_fee", v.bid_fee, "0.0005");
  r.decimal("ask_fee", v.ask_fee, "0.0005");
  r.decimal("min_total_krw", v.min_total, "5000");
  r.integer("order_per_second", v.limits.order_per_second, 1, 1000);
  std::set<std::string> keys;
  each_table(r, "accounts", r.array("accounts"), [&](reader& a) {
    sim::upbit::account_config acc;
    a.text("access_key", acc.access_key, true, true);
    a.text("secret_key", acc.secret_key, true, true);
    if (!acc.access_key.empty() && !keys.insert(acc.access_key).second)
      a.report("access_key", "the same access key is configured twice");
    if (const auto* b = a.table("balances")) {
      reader br{*b, a.path_of("balances"), a.file(), a.out()};
      for (const auto& [k, node] : *b) {
        std::string currency{k.str()};
        br.known(currency);
        money amount;
        if (br.decimal_node(currency, node, amount, "10000000"))
          acc.balances.push_back({currency, amount});
      }
    }
    v.accounts.push_back(std::move(acc));
  });
  r.finish();
}

void read_market(reader& root, cluster_config& cfg) {
  const auto* t = root.table("market");
  if (!t)
    return;
  reader r{*t, "market", root.file(), root.out()};
  auto& m = cfg.market;
  r.flag("timer", cfg.market_timer);
  std::int64_t interval = cfg.market_interval.count();
  r.integer("interval_ms", interval, 1, 60'000);
  cfg.market_interval = std::chrono::milliseconds{interval};
  r.integer("seed", m.seed, 0, std::numeric_limits<std::int64_t>::max());
  std::int64_t step = m.step.count();
  r.integer("step_ms", step, 1, 60'000);
  m.step = std::chrono::milliseconds{step};
  r.integer("levels", m.levels, 1, 30);
  r.decimal("btc_usdt", m.btc_usdt, "100000");
  r.integer("btc_step_ticks", m.btc_step_ticks, 0, 1'000'000);
  r.decimal("btc_band", m.btc_band, "0.2");
  r.decimal("usdt_krw", m.usdt_krw, "1400");
  r.integer("usdt_step_ticks", m.usdt_step_ticks, 0, 1'000);
  r.decimal("usdt_band", m.usdt_band, "0.03");
  std::int64_t start_bps = 0;
  r.integer("premium_bps", start_bps, -9'000, 9'000);
  std::string script;
  r.text("premium_script", script, false);
  auto parsed = sim::market::premium_script::parse(
    script, sim::market::from_bps(start_bps));
  if (parsed)
    m.script = std::move(*parsed);
  else
    r.report("premium_script", parsed.error());
  r.finish();
}

} // namespace

result<cluster_config, std::string>
parse_cluster_config(std::string_view text, const std::string& name) {
  try {
    toml::table root;
    try {
      root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
      return failure{name + ":" + std::to_string(e.source().begin.line) + ":"
                     + std::to_string(e.source().begin.column)
                     + ": TOML syntax error: " + std::string{e.description()}};
    }
    cluster_config cfg;
    issues out;
    reader r{root, "", name, out};
    read_tls(r, cfg);
    read_binance(r, cfg);
    read_upbit(r, cfg);
    read_market(r, cfg);
    r.finish();
    if (!out.empty()) {
      std::string all;
      for (const auto& i : out)
        all += (all.empty() ? "" : "\n") + i;
      return failure{std::move(all)};
    }
    return cfg;
  } catch (const std::exception& e) {
    return failure{name + ": internal error: " + e.what()};
  }
}

result<cluster_config, std::string>
load_cluster_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return failure{path + ": cannot open config file: " + std::strerror(err)};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_cluster_config(text.str(), path);
}

} // namespace tandem::sim::runtime
