// The payload codec: every kind encodes to JSON and decodes back to the
// same values; decimals keep every digit; bad payloads are refused with the
// field named.
#include "journal/codec.hpp"

#include "tests/journal/fixtures.hpp"

#include <gtest/gtest.h>

using namespace tandem;
using namespace tandem::journal;
using namespace tandem::journal::testing;

TEST(journal_codec, every_kind_round_trips) {
  payload_decoder dec;
  for (const auto& r : every_kind()) {
    std::string json;
    encode_payload(r.body, json);
    auto back = dec.decode(kind_of(r.body), json);
    ASSERT_TRUE(back) << json << ": " << back.error();
    expect_same(r, record{0, r.ts, *back});
  }
}

TEST(journal_codec, fill_json_is_compact_with_decimal_strings) {
  auto f = make_fill("tdm-a1-1", "t-9", venue::upbit, "KRW-BTC", side::buy,
                     "0.00012000", "143250000", "-25.5");
  std::string json;
  encode_payload(f, json);
  EXPECT_EQ(json, R"({"cid":"tdm-a1-1","trade_id":"t-9","venue":"upbit",)"
                  R"("symbol":"KRW-BTC","side":"buy","qty":"0.00012",)"
                  R"("px":"143250000","fee":"-25.5","liquidity":"taker",)"
                  R"("ts_ns":1736000000500000000})");
}

TEST(journal_codec, decimals_encode_like_to_string) {
  for (auto raw : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1},
                   std::int64_t{100'000'000}, std::int64_t{-150'000'000},
                   std::int64_t{123'456'789'012}, INT64_MAX, INT64_MIN}) {
    auto q = quantity::from_raw(raw);
    auto f = make_fill("tdm-a1-1", "t", venue::upbit, "KRW-BTC", side::buy, "1",
                       "1");
    f.qty = q;
    std::string json;
    encode_payload(f, json);
    EXPECT_NE(json.find("\"qty\":\"" + q.to_string() + "\""), std::string::npos)
      << json;
  }
}

TEST(journal_codec, appends_to_the_buffer_it_is_given) {
  std::string out = "prefix:";
  encode_payload(signal_processed{"s-1"}, out);
  EXPECT_EQ(out, R"(prefix:{"signal_id":"s-1"})");
}

TEST(journal_codec, refuses_bad_payloads_naming_the_field) {
  payload_decoder dec;
  struct bad_case {
    record_kind kind;
    const char* json;
    const char* needle;
  };
  const bad_case cases[] = {
    {record_kind::signal_processed, "{}", "field signal_id: missing"},
    {record_kind::signal_processed, R"({"signal_id":5})", "signal_id"},
    {record_kind::signal_processed, "[1]", "not a JSON object"},
    {record_kind::signal_processed, "", "JSON"},
    // A number where the codec writes a decimal string: never via double.
    {record_kind::fill,
     R"({"cid":"a","trade_id":"t","venue":"upbit","symbol":"S","side":"buy",)"
     R"("qty":0.5,"px":"1","fee":"0","liquidity":"maker","ts_ns":1})",
     "field qty"},
    // More decimals than the scale holds: refused, not rounded.
    {record_kind::fill,
     R"({"cid":"a","trade_id":"t","venue":"upbit","symbol":"S","side":"buy",)"
     R"("qty":"0.000000001","px":"1","fee":"0","liquidity":"maker",)"
     R"("ts_ns":1})",
     "field qty: not an exact decimal"},
    {record_kind::fill,
     R"({"cid":"a","trade_id":"t","venue":"mtgox","symbol":"S","side":"buy",)"
     R"("qty":"1","px":"1","fee":"0","liquidity":"maker","ts_ns":1})",
     "field venue: unknown value"},
    {record_kind::pair_decision,
     R"({"pair_id":"p","state":"dancing","text":""})", "field state"},
    {record_kind::risk_veto,
     R"({"cid":"has space","pair_id":"","signal_id":"","code":"X",)"
     R"("detail":""})",
     "field cid: not a valid client order id"},
  };
  for (const auto& c : cases) {
    auto r = dec.decode(c.kind, c.json);
    ASSERT_FALSE(r) << c.json;
    EXPECT_NE(r.error().find(c.needle), std::string::npos)
      << c.json << " -> " << r.error();
  }
}

TEST(journal_codec, order_id_and_pair_id_columns) {
  auto all = every_kind();
  EXPECT_EQ(order_id_of(all[0].body), cid("tdm-a1-1"));
  EXPECT_EQ(pair_id_of(all[0].body), "pair-1");
  EXPECT_EQ(order_id_of(all[3].body), std::nullopt);    // signal_processed
  EXPECT_EQ(pair_id_of(all[4].body), "pair-1");         // pair_decision
  EXPECT_EQ(order_id_of(all[5].body), cid("tdm-a1-2")); // risk_veto
  EXPECT_EQ(order_id_of(all[13].body), std::nullopt);   // veto without order
  EXPECT_EQ(pair_id_of(all[13].body), "");
}
