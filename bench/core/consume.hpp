// Helpers shared by the core benchmarks.
#pragma once

#include "core/result.hpp"

#include <benchmark/benchmark.h>

namespace tandem::bench {

/// Keeps a result observable the way a caller uses it: test it, then read
/// the value or the error code. Passing the result (a std::variant) itself
/// to DoNotOptimize would force it through memory, and GCC then reloads it
/// wider than it stored it: a store-forwarding stall of ~10 cycles that no
/// real caller pays and that would swamp a ~1 ns table lookup.
template<class T, class E>
inline void consume(const result<T, E>& r) {
  if (r) {
    T v = *r;
    benchmark::DoNotOptimize(v);
  } else {
    E e = r.error();
    benchmark::DoNotOptimize(e);
  }
}

} // namespace tandem::bench
