#include "admin/auth.hpp"

#include <gtest/gtest.h>

namespace tandem::admin {
namespace {

authenticator make_auth() {
  auto a = authenticator::make(
    {secret{"op-token-0123456789"}, secret{"ro-token-0123456789"}});
  EXPECT_TRUE(a.has_value());
  return *a;
}

TEST(admin_auth, operator_and_readonly_tokens_map_to_their_roles) {
  auto a = make_auth();
  auto op = a.check("Bearer op-token-0123456789");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(*op, role::operator_);
  auto ro = a.check("Bearer ro-token-0123456789");
  ASSERT_TRUE(ro.has_value());
  EXPECT_EQ(*ro, role::read_only);
}

TEST(admin_auth, scheme_is_case_insensitive_and_spaces_are_trimmed) {
  auto a = make_auth();
  auto r = a.check("  bearer   op-token-0123456789 ");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, role::operator_);
}

TEST(admin_auth, refusals_say_why) {
  auto a = make_auth();
  EXPECT_EQ(a.check("").error(), auth_failure::missing);
  EXPECT_EQ(a.check("Basic b3A6dG9rZW4=").error(), auth_failure::not_bearer);
  EXPECT_EQ(a.check("Bearer").error(), auth_failure::not_bearer);
  EXPECT_EQ(a.check("Bearer ").error(), auth_failure::not_bearer);
  EXPECT_EQ(a.check("op-token-0123456789").error(), auth_failure::not_bearer);
  EXPECT_EQ(a.check("Bearer op-token-012345678").error(),
            auth_failure::unknown_token); // a prefix
  EXPECT_EQ(a.check("Bearer op-token-01234567890").error(),
            auth_failure::unknown_token); // an extension
  EXPECT_EQ(a.check("Bearer OP-TOKEN-0123456789").error(),
            auth_failure::unknown_token); // tokens are case-sensitive
}

TEST(admin_auth, a_missing_readonly_token_disables_that_role_only) {
  auto a = authenticator::make({secret{"op-token-0123456789"}, secret{}});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a->check("Bearer op-token-0123456789"), role::operator_);
  // The digest of "" must not match the unset read-only slot.
  EXPECT_FALSE(a->check("Bearer x").has_value());
}

TEST(admin_auth, no_token_or_shared_token_is_refused_at_start) {
  auto none = authenticator::make({});
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().find("no console token"), std::string::npos);
  auto same = authenticator::make(
    {secret{"same-token-123456"}, secret{"same-token-123456"}});
  ASSERT_FALSE(same.has_value());
  EXPECT_NE(same.error().find("same"), std::string::npos);
  // The message never carries the token.
  EXPECT_EQ(same.error().find("same-token-123456"), std::string::npos);
}

TEST(admin_auth, client_names_are_made_printable_and_short) {
  EXPECT_EQ(sanitize_client_name(""), "unknown");
  EXPECT_EQ(sanitize_client_name("  alice@ops1 "), "alice@ops1");
  EXPECT_EQ(sanitize_client_name("bob\nlevel=critical"), "bob?level=critical");
  EXPECT_EQ(sanitize_client_name(std::string(100, 'x')).size(),
            max_client_name);
}

TEST(admin_auth, roles_order_read_only_below_operator) {
  EXPECT_TRUE(allows(role::operator_, role::read_only));
  EXPECT_TRUE(allows(role::read_only, role::read_only));
  EXPECT_FALSE(allows(role::read_only, role::operator_));
  EXPECT_FALSE(allows(role::anonymous, role::read_only));
  EXPECT_EQ(to_string(role::operator_), "operator");
  EXPECT_EQ(to_string(auth_failure::unknown_token), "unknown_token");
}

} // namespace
} // namespace tandem::admin
