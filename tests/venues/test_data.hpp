// Reads recorded payloads from tests/data/ for the venue codec tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace tandem::venues::test_data {

/// Returns the bytes of tests/data/<relative>, without a final newline (the
/// fixtures are one line; the newline is an editor's, not the venue's).
inline std::string read_data(std::string_view relative) {
  std::ifstream in(std::string(TANDEM_TEST_DATA_DIR) + "/"
                     + std::string(relative),
                   std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
    s.pop_back();
  return s;
}

} // namespace tandem::venues::test_data
