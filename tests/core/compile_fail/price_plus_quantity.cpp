// Must NOT compile: a price and a quantity are different types. The test
// compiles this file twice: once as is (must fail) and once with
// TANDEM_CONTROL defined (must succeed), so a failure for any other reason
// (a typo, a missing include) is caught.
#include "core/decimal.hpp"

int main() {
  auto p = tandem::price::from_raw(1);
  auto q = tandem::quantity::from_raw(1);
#ifdef TANDEM_CONTROL
  auto r = p + tandem::price::from_raw(q.raw());
#else
  auto r = p + q;
#endif
  return static_cast<int>(r.raw());
}
