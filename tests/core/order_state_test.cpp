#include "core/order_state.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

using namespace tandem;

namespace {

// The specification, written independently of core/order_state.hpp: every
// legal (state, event) -> state. Everything else must be refused.
// clang-format off
const std::map<std::pair<std::string, std::string>, std::string> legal = {
  {{"pending_new", "accepted"}, "accepted"},
  {{"pending_new", "rejected"}, "rejected"},
  {{"pending_new", "partial_fill"}, "partially_filled"},
  {{"pending_new", "fill"}, "filled"},
  {{"pending_new", "cancel_requested"}, "pending_cancel"},
  {{"pending_new", "canceled"}, "canceled"},
  {{"pending_new", "expired"}, "expired"},
  {{"accepted", "accepted"}, "accepted"},
  {{"accepted", "partial_fill"}, "partially_filled"},
  {{"accepted", "fill"}, "filled"},
  {{"accepted", "cancel_requested"}, "pending_cancel"},
  {{"accepted", "canceled"}, "canceled"},
  {{"accepted", "replace_requested"}, "pending_replace"},
  {{"accepted", "expired"}, "expired"},
  {{"partially_filled", "accepted"}, "partially_filled"},
  {{"partially_filled", "partial_fill"}, "partially_filled"},
  {{"partially_filled", "fill"}, "filled"},
  {{"partially_filled", "cancel_requested"}, "pending_cancel"},
  {{"partially_filled", "canceled"}, "canceled"},
  {{"partially_filled", "replace_requested"}, "pending_replace"},
  {{"partially_filled", "expired"}, "expired"},
  {{"pending_cancel", "accepted"}, "pending_cancel"},
  {{"pending_cancel", "partial_fill"}, "pending_cancel"},
  {{"pending_cancel", "fill"}, "filled"},
  {{"pending_cancel", "cancel_requested"}, "pending_cancel"},
  {{"pending_cancel", "cancel_rejected"}, "accepted"},
  {{"pending_cancel", "canceled"}, "canceled"},
  {{"pending_cancel", "expired"}, "expired"},
  {{"pending_replace", "accepted"}, "pending_replace"},
  {{"pending_replace", "partial_fill"}, "pending_replace"},
  {{"pending_replace", "fill"}, "filled"},
  {{"pending_replace", "cancel_requested"}, "pending_cancel"},
  {{"pending_replace", "replace_rejected"}, "accepted"},
  {{"pending_replace", "replaced"}, "replaced"},
  {{"pending_replace", "canceled"}, "canceled"},
  {{"pending_replace", "expired"}, "expired"},
  {{"filled", "accepted"}, "filled"},
  {{"canceled", "accepted"}, "canceled"},
  {{"expired", "accepted"}, "expired"},
};
// clang-format on

} // namespace

TEST(core_order_state, every_pair_matches_the_specification) {
  int legal_seen = 0;
  int refused = 0;
  for (std::size_t si = 1; si <= order_status_count; ++si) {
    for (std::size_t ei = 1; ei <= order_event_count; ++ei) {
      auto s = static_cast<order_status>(si);
      auto e = static_cast<order_event>(ei);
      auto key
        = std::make_pair(std::string{to_string(s)}, std::string{to_string(e)});
      auto r = transition(s, e);
      auto it = legal.find(key);
      if (it == legal.end()) {
        ASSERT_FALSE(r) << key.first << " + " << key.second << " -> "
                        << to_string(*r) << " should be refused";
        EXPECT_EQ(r.error(), order_error::invalid_transition);
        ++refused;
      } else {
        ASSERT_TRUE(r) << key.first << " + " << key.second;
        EXPECT_EQ(to_string(*r), it->second)
          << key.first << " + " << key.second;
        ++legal_seen;
      }
    }
  }
  EXPECT_EQ(legal_seen, static_cast<int>(legal.size()));
  EXPECT_EQ(legal_seen + refused, 110);
  EXPECT_EQ(order_transitions.size(), legal.size());
}

TEST(core_order_state, terminal_states_take_no_fill_or_cancel) {
  for (auto s :
       {order_status::filled, order_status::canceled, order_status::rejected,
        order_status::expired, order_status::replaced}) {
    EXPECT_TRUE(is_terminal(s));
    for (auto e : {order_event::partial_fill, order_event::fill,
                   order_event::cancel_requested, order_event::canceled,
                   order_event::replace_requested, order_event::rejected})
      EXPECT_FALSE(transition(s, e)) << to_string(s) << " " << to_string(e);
  }
}

TEST(core_order_state, out_of_range_values_are_refused) {
  EXPECT_FALSE(transition(static_cast<order_status>(0), order_event::fill));
  EXPECT_FALSE(
    transition(order_status::accepted, static_cast<order_event>(99)));
}

TEST(core_order_state, the_table_is_usable_at_compile_time) {
  static_assert(*transition(order_status::accepted, order_event::fill)
                == order_status::filled);
  static_assert(!transition(order_status::filled, order_event::fill));
  SUCCEED();
}
