#include "core/client_order_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using namespace tandem;

TEST(core_client_order_id, accepts_venue_safe_ids) {
  auto id = client_order_id::make("tdm-mhx3k2a1-1z");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->view(), "tdm-mhx3k2a1-1z");
  EXPECT_TRUE(client_order_id::make(std::string(32, 'a')));
  EXPECT_TRUE(client_order_id::make("A_b-9"));
}

TEST(core_client_order_id, refuses_empty_long_and_unsafe_ids) {
  for (std::string s :
       {std::string{}, std::string(33, 'a'), std::string{"a b"},
        std::string{"a.b"}, std::string{"a/b"}, std::string{"a:b"},
        std::string{"ä"}, std::string{"a\nb"}}) {
    auto r = client_order_id::make(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error(), validation_error::bad_client_order_id);
  }
}

TEST(core_client_order_id, generator_ids_are_unique_and_fit_every_venue) {
  // Binance's newClientOrderId rule; ours is a strict subset of it.
  const std::regex binance{R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)"};
  auto gen = client_order_id_generator::make("tdm", 1'763'712'000'000ULL);
  ASSERT_TRUE(gen);
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    auto id = gen->next();
    EXPECT_TRUE(std::regex_match(id.str(), binance)) << id;
    EXPECT_TRUE(id.has_prefix("tdm")) << id;
    EXPECT_TRUE(seen.insert(id.str()).second) << "repeated " << id;
  }
  EXPECT_EQ(gen->next_seq(), 10001u);
}

TEST(core_client_order_id, sessions_differ_so_ids_never_repeat_across_runs) {
  auto a = client_order_id_generator::make("tdm", 1000);
  auto b = client_order_id_generator::make("tdm", 1001);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->next(), b->next());
}

TEST(core_client_order_id, worst_case_length_stays_within_32) {
  auto gen = client_order_id_generator::make("abcdefgh", ~0ULL,
                                             101'559'956'668'415ULL);
  ASSERT_TRUE(gen); // 36^9 - 1: the largest 9-digit base36 sequence
  EXPECT_EQ(gen->next().view().size(), 32u);
}

TEST(core_client_order_id, prefix_rules) {
  EXPECT_FALSE(client_order_id_generator::make("", 1));
  EXPECT_FALSE(client_order_id_generator::make("toolongpx", 1));
  EXPECT_FALSE(client_order_id_generator::make("TDM", 1));
  EXPECT_FALSE(client_order_id_generator::make("t-m", 1));
  auto id = *client_order_id::make("tdmx-1-1");
  EXPECT_FALSE(id.has_prefix("tdm"));
  EXPECT_TRUE(id.has_prefix("tdmx"));
}
