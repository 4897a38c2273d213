#include "venues/common/auth_error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace tandem::venues;

namespace {

constexpr auth_error all_errors[] = {
  auth_error::missing_bearer,
  auth_error::malformed_token,
  auth_error::bad_base64,
  auth_error::malformed_json,
  auth_error::unsupported_algorithm,
  auth_error::signature_mismatch,
  auth_error::missing_claim,
  auth_error::unsupported_hash_algorithm,
  auth_error::missing_query_hash,
  auth_error::query_hash_mismatch,
  auth_error::malformed_body,
  auth_error::missing_signature,
  auth_error::malformed_signature,
  auth_error::misplaced_signature,
  auth_error::crypto_failure,
  auth_error::empty_secret,
};

} // namespace

TEST(venues_common_auth_error, numbers_are_pinned_in_the_600_range) {
  // Pinned numbers may be journaled; changing one is a breaking change.
  static_assert(static_cast<int>(auth_error::missing_bearer) == 600);
  static_assert(static_cast<int>(auth_error::signature_mismatch) == 605);
  static_assert(static_cast<int>(auth_error::query_hash_mismatch) == 609);
  static_assert(static_cast<int>(auth_error::empty_secret) == 615);
  int expected = 600;
  for (auto e : all_errors)
    EXPECT_EQ(static_cast<int>(e), expected++) << to_string(e);
}

TEST(venues_common_auth_error, every_value_has_a_distinct_name) {
  std::set<std::string> names;
  for (auto e : all_errors) {
    auto name = std::string(to_string(e));
    EXPECT_NE(name, "unknown_auth_error");
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(to_string(auth_error::signature_mismatch), "signature_mismatch");
}
