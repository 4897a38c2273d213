#include "sim/upbit/sim_order.hpp"

namespace tandem::sim::upbit {

std::string_view to_wire(order_kind k) noexcept {
  switch (k) {
    case order_kind::limit: return "limit";
    case order_kind::price: return "price";
    case order_kind::market: return "market";
    case order_kind::best: return "best";
  }
  return "limit";
}

std::string_view to_wire(order_status s) noexcept {
  switch (s) {
    case order_status::wait: return "wait";
    case order_status::done: return "done";
    case order_status::cancel: return "cancel";
  }
  return "wait";
}

std::string_view to_wire(order_tif t) noexcept {
  switch (t) {
    case order_tif::ioc: return "ioc";
    case order_tif::fok: return "fok";
    case order_tif::post_only: return "post_only";
  }
  return "ioc";
}

} // namespace tandem::sim::upbit
