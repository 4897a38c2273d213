#include "sim/binance/faults.hpp"

namespace tandem::sim::binance {

void faults::reject_next_orders(std::int64_t n, int code, std::string msg,
                                int status) {
  rejects_left_ = n;
  reject_ = sim_error{status, code, std::move(msg)};
}

void faults::unknown_error_next(std::int64_t n, unknown_outcome mode) {
  unknown_left_ = n;
  unknown_mode_ = mode;
}

std::optional<sim_error> faults::take_order_rejection() {
  if (rejects_left_ <= 0)
    return std::nullopt;
  --rejects_left_;
  return reject_;
}

std::optional<unknown_outcome> faults::take_unknown_error() {
  if (unknown_left_ <= 0)
    return std::nullopt;
  --unknown_left_;
  return unknown_mode_;
}

bool faults::take_expire_listen_keys() {
  auto was = expire_keys_;
  expire_keys_ = false;
  return was;
}

sim_error unknown_error() {
  return {503, -1000,
          "Unknown error, please check your request or try again later."};
}

} // namespace tandem::sim::binance
