#include "arbitrage/signal.hpp"

namespace tandem::arbitrage {

namespace {

void append_base36(std::string& out, std::uint64_t v) {
  char tmp[16];
  std::size_t n = 0;
  do {
    auto d = static_cast<int>(v % 36);
    tmp[n++] = static_cast<char>(d < 10 ? '0' + d : 'a' + (d - 10));
    v /= 36;
  } while (v != 0);
  while (n > 0)
    out.push_back(tmp[--n]);
}

} // namespace

std::string_view to_string(signal_cause c) noexcept {
  switch (c) {
    case signal_cause::entry_threshold: return "entry_threshold";
    case signal_cause::exit_threshold: return "exit_threshold";
    case signal_cause::max_holding: return "max_holding";
  }
  return "unknown";
}

result<signal_id_generator, validation_error>
signal_id_generator::make(std::string_view prefix, std::uint64_t session,
                          std::uint64_t first_seq) noexcept {
  if (prefix.empty() || prefix.size() > 8)
    return failure{validation_error::bad_client_order_id};
  for (char c : prefix)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return failure{validation_error::bad_client_order_id};
  signal_id_generator g;
  g.stem_.assign(prefix);
  g.stem_ += '-';
  append_base36(g.stem_, session);
  g.stem_ += "-s";
  g.seq_ = first_seq;
  return g;
}

std::string signal_id_generator::next() {
  std::string id = stem_;
  append_base36(id, seq_++);
  return id;
}

} // namespace tandem::arbitrage
