// Must NOT compile: there is no way to make money from a double.
#include "core/decimal.hpp"

int main() {
#ifdef TANDEM_CONTROL
  auto m = tandem::money::must_parse("0.1");
#else
  tandem::money m = 0.1;
#endif
  return static_cast<int>(m.raw());
}
