// Spot baselines in the journal: written as reconcile_note "SPOT_BASELINE"
// (symbol = the asset, detail "asset=BTC qty=0.5 source=..."), read back by
// the last note per (venue, asset).
#include "journal/reconcile.hpp"

#include <utility>

namespace tandem::journal {
namespace {

constexpr std::string_view baseline_action = "SPOT_BASELINE";

/// Returns the value of `key=` in a space-separated key=value detail.
std::optional<std::string_view> value_of(std::string_view detail,
                                         std::string_view key) {
  std::size_t pos = 0;
  while (pos < detail.size()) {
    auto end = detail.find(' ', pos);
    if (end == std::string_view::npos)
      end = detail.size();
    auto token = detail.substr(pos, end - pos);
    if (token.size() > key.size() && token.substr(0, key.size()) == key
        && token[key.size()] == '=')
      return token.substr(key.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

} // namespace

reconcile_note baseline_note(const spot_baseline& b, std::string_view why) {
  reconcile_note n;
  n.venue = b.venue;
  n.symbol = b.asset;
  n.action = std::string{baseline_action};
  n.detail = "asset=" + b.asset + " qty=" + b.qty.to_string() + " source=";
  // One token: spaces would end the value.
  for (char c : why)
    n.detail += c == ' ' ? '_' : c;
  return n;
}

std::optional<spot_baseline> parse_baseline_note(const reconcile_note& n) {
  if (n.action != baseline_action)
    return std::nullopt;
  auto asset = value_of(n.detail, "asset");
  auto qty = value_of(n.detail, "qty");
  if (!asset || asset->empty() || !qty)
    return std::nullopt;
  auto q = quantity::parse(*qty);
  if (!q)
    return std::nullopt;
  return spot_baseline{n.venue, std::string{*asset}, *q, true};
}

void baseline_collector::apply(const record& r) {
  const auto* n = std::get_if<reconcile_note>(&r.body);
  if (!n)
    return;
  if (auto b = parse_baseline_note(*n))
    last_[{b->venue, b->asset}] = b->qty;
}

std::vector<spot_baseline> baseline_collector::baselines() const {
  std::vector<spot_baseline> out;
  for (const auto& [key, qty] : last_)
    out.push_back(spot_baseline{key.first, key.second, qty, true});
  return out;
}

std::vector<spot_baseline> spot_baselines(std::span<const record> records) {
  baseline_collector c;
  for (const auto& r : records)
    c.apply(r);
  return c.baselines();
}

} // namespace tandem::journal
