#include "venues/common/json_string.hpp"

#include <gtest/gtest.h>

using namespace tandem::venues;

TEST(venues_common_json_string, quotes_and_escapes) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01");
  EXPECT_EQ(out, R"("a\"b\\c\nd\u0001")");
}

TEST(venues_common_json_string, copies_utf8_as_is) {
  std::string out;
  append_json_string(out, "\xea\xb0\x80");
  EXPECT_EQ(out, "\"\xea\xb0\x80\"");
}
