// The execute-webhook body: parsed back with simdjson, so what Discord
// would read is what the alert said, escaped and cut to Discord's limits.
#include "alerts/discord_payload.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

using namespace tandem;
using namespace tandem::alerts;

namespace {

struct parsed {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::element embed;

  explicit parsed(const std::string& json) {
    auto err = parser.parse(json).get(root);
    EXPECT_EQ(err, simdjson::SUCCESS) << json;
    if (!err) {
      EXPECT_EQ(root["embeds"].at(0).get(embed), simdjson::SUCCESS) << json;
    }
  }

  std::string str(simdjson::dom::element e) {
    std::string_view s;
    EXPECT_EQ(e.get(s), simdjson::SUCCESS);
    return std::string{s};
  }
  std::string content() { return str(root["content"]); }
  std::string title() { return str(embed["title"]); }
  std::string description() { return str(embed["description"]); }
  std::string footer() { return str(embed["footer"]["text"]); }
  simdjson::dom::array fields() {
    simdjson::dom::array a;
    EXPECT_EQ(embed["fields"].get(a), simdjson::SUCCESS);
    return a;
  }
  std::string field_name(std::size_t i) { return str(fields().at(i)["name"]); }
  std::string field_value(std::size_t i) {
    return str(fields().at(i)["value"]);
  }
  /// Title + description + field names and values + footer.
  std::size_t embed_total() {
    std::size_t n = 0;
    std::string_view s;
    if (!embed["title"].get(s))
      n += discord_length(s);
    if (!embed["description"].get(s))
      n += discord_length(s);
    simdjson::dom::array a;
    if (!embed["fields"].get(a))
      for (auto f : a)
        n += discord_length(str(f["name"])) + discord_length(str(f["value"]));
    return n + discord_length(footer());
  }
};

alert sample() {
  alert a;
  a.severity = severity::error;
  a.kind = alert_kind::one_leg_failure;
  a.title = "Binance leg rejected";
  a.summary = "Upbit leg filled; unwinding.";
  a.fields = {{"pair", "p-42", true}, {"action", "sell 0.01 KRW-BTC", false}};
  a.at = from_unix_ms(1'735'787'045'123); // 2025-01-02T03:04:05.123Z
  return a;
}

const std::string ellipsis = "\xE2\x80\xA6";

} // namespace

TEST(alerts_payload, content_and_embed_carry_the_alert) {
  parsed p{build_discord_payload(sample())};
  EXPECT_EQ(p.content(), "[ERROR] Binance leg rejected");
  EXPECT_EQ(p.title(), "Binance leg rejected");
  EXPECT_EQ(p.description(), "Upbit leg filled; unwinding.");
  int64_t colour = 0;
  ASSERT_EQ(p.embed["color"].get(colour), simdjson::SUCCESS);
  EXPECT_EQ(colour, severity_colour(severity::error));
  EXPECT_EQ(p.str(p.embed["timestamp"]), "2025-01-02T03:04:05.123Z");
  ASSERT_EQ(p.fields().size(), 2u);
  EXPECT_EQ(p.field_name(0), "pair");
  EXPECT_EQ(p.field_value(0), "p-42");
  bool inl = false;
  ASSERT_EQ(p.fields().at(0)["inline"].get(inl), simdjson::SUCCESS);
  EXPECT_TRUE(inl);
  ASSERT_EQ(p.fields().at(1)["inline"].get(inl), simdjson::SUCCESS);
  EXPECT_FALSE(inl);
  EXPECT_EQ(p.field_value(1), "sell 0.01 KRW-BTC");
  EXPECT_EQ(p.footer(), "tandem | one_leg_failure | error");
}

TEST(alerts_payload, mentions_are_disabled) {
  auto a = sample();
  a.title = "@everyone look";
  parsed p{build_discord_payload(a)};
  simdjson::dom::array parse;
  ASSERT_EQ(p.root["allowed_mentions"]["parse"].get(parse), simdjson::SUCCESS);
  EXPECT_EQ(parse.size(), 0u);
}

TEST(alerts_payload, severity_colours_differ_and_critical_is_red) {
  EXPECT_EQ(severity_colour(severity::critical), 0xE74C3Cu);
  EXPECT_NE(severity_colour(severity::info),
            severity_colour(severity::warning));
  EXPECT_NE(severity_colour(severity::warning),
            severity_colour(severity::error));
  EXPECT_NE(severity_colour(severity::error),
            severity_colour(severity::critical));
  auto a = sample();
  a.severity = severity::critical;
  parsed p{build_discord_payload(a)};
  EXPECT_EQ(p.content().rfind("[CRITICAL] ", 0), 0u) << p.content();
}

TEST(alerts_payload, quotes_backslashes_newlines_and_controls_round_trip) {
  auto a = sample();
  a.title = "say \"no\" \\ twice";
  a.summary = "line1\nline2\r\n\ttab \x01 bell\x07 end\b\f";
  a.fields = {{"q\"k", "v\\\"\n", true}};
  auto json = build_discord_payload(a);
  EXPECT_NE(json.find("\\u0001"), std::string::npos) << json;
  parsed p{json};
  EXPECT_EQ(p.title(), a.title);
  EXPECT_EQ(p.description(), a.summary);
  EXPECT_EQ(p.field_name(0), "q\"k");
  EXPECT_EQ(p.field_value(0), "v\\\"\n");
}

TEST(alerts_payload, unicode_passes_through_unchanged) {
  auto a = sample();
  a.title
    = "업비트 주문 거부 \xF0\x9F\x9A\x80";     // Korean and a rocket (U+1F680)
  a.summary = "Prix: 95 000 000 \xE2\x82\xA9"; // won sign
  parsed p{build_discord_payload(a)};
  EXPECT_EQ(p.title(), a.title);
  EXPECT_EQ(p.description(), a.summary);
}

TEST(alerts_payload, invalid_utf8_becomes_replacement_characters) {
  auto a = sample();
  a.title
    = std::string{"bad \xFF\xC0\x80 end \xE2\x82"}; // stray, overlong, cut
  auto json = build_discord_payload(a);
  parsed p{json}; // simdjson validates UTF-8: this parse is the check
  EXPECT_EQ(p.title(), "bad \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end "
                       "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(alerts_payload, title_and_fields_are_cut_to_discord_limits) {
  auto a = sample();
  a.title = std::string(300, 't');
  a.fields = {{std::string(400, 'n'), std::string(2000, 'v'), true}};
  parsed p{build_discord_payload(a)};
  EXPECT_EQ(p.title(), std::string(255, 't') + ellipsis);
  EXPECT_EQ(discord_length(p.title()), discord_limits::title);
  EXPECT_EQ(p.field_name(0), std::string(255, 'n') + ellipsis);
  EXPECT_EQ(p.field_value(0), std::string(1023, 'v') + ellipsis);
}

TEST(alerts_payload, description_and_content_are_cut_to_discord_limits) {
  auto a = sample();
  a.title = std::string(5000, 'x');
  a.summary = std::string(5000, 'd');
  a.fields.clear();
  parsed p{build_discord_payload(a)};
  EXPECT_EQ(discord_length(p.description()), discord_limits::description);
  EXPECT_EQ(p.description().substr(p.description().size() - 3), ellipsis);
  EXPECT_EQ(discord_length(p.content()), discord_limits::content);
}

TEST(alerts_payload, cutting_never_splits_a_surrogate_pair_character) {
  auto a = sample();
  std::string rockets;
  for (int i = 0; i < 200; ++i)
    rockets += "\xF0\x9F\x9A\x80"; // two UTF-16 units each
  a.title = rockets;
  parsed p{build_discord_payload(a)};
  // 127 rockets (254 units) + the ellipsis fit in 256; a 128th would not.
  std::string want;
  for (int i = 0; i < 127; ++i)
    want += "\xF0\x9F\x9A\x80";
  EXPECT_EQ(p.title(), want + ellipsis);
  EXPECT_LE(discord_length(p.title()), discord_limits::title);
}

TEST(alerts_payload, more_than_25_fields_keep_25_and_say_so) {
  auto a = sample();
  a.fields.clear();
  for (int i = 0; i < 30; ++i)
    a.fields.push_back({"f" + std::to_string(i), "v", true});
  parsed p{build_discord_payload(a)};
  ASSERT_EQ(p.fields().size(), discord_limits::fields);
  EXPECT_EQ(p.field_name(24), "f24");
  EXPECT_NE(p.footer().find("5 fields omitted"), std::string::npos)
    << p.footer();
}

TEST(alerts_payload, whole_embed_stays_within_6000_characters) {
  auto a = sample();
  a.title = std::string(400, 't');
  a.summary = std::string(5000, 's');
  a.fields.clear();
  for (int i = 0; i < 25; ++i)
    a.fields.push_back({std::string(300, 'n'), std::string(1500, 'v'), false});
  parsed p{build_discord_payload(a)};
  EXPECT_LE(p.embed_total(), discord_limits::embed_total);
  // The summary keeps room, and the fields that did not fit are named.
  EXPECT_GE(discord_length(p.description()), 1000u);
  EXPECT_GE(p.fields().size(), 1u);
  EXPECT_LT(p.fields().size(), 25u);
  EXPECT_NE(p.footer().find("fields omitted"), std::string::npos);
}

TEST(alerts_payload, empty_field_values_become_a_dash) {
  auto a = sample();
  a.fields = {{"", "  ", true}};
  parsed p{build_discord_payload(a)};
  EXPECT_EQ(p.field_name(0), "-");
  EXPECT_EQ(p.field_value(0), "-");
}

TEST(alerts_payload, repeats_and_drops_are_mentioned_in_the_content) {
  parsed p{build_discord_payload(sample(), {7, 3})};
  EXPECT_EQ(p.content(), "[ERROR] Binance leg rejected (repeated 7 times) "
                         "[3 earlier alerts dropped]");
  parsed one{build_discord_payload(sample(), {1, 1})};
  EXPECT_EQ(one.content(), "[ERROR] Binance leg rejected (repeated 1 time) "
                           "[1 earlier alert dropped]");
}

TEST(alerts_payload, no_timestamp_when_unset_no_title_when_empty) {
  auto a = sample();
  a.at = {};
  a.title.clear();
  parsed p{build_discord_payload(a)};
  simdjson::dom::element e;
  EXPECT_EQ(p.embed["timestamp"].get(e), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(p.embed["title"].get(e), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(p.content(), "[ERROR] one_leg_failure");
}

TEST(alerts_payload, discord_length_counts_utf16_units) {
  EXPECT_EQ(discord_length("abc"), 3u);
  EXPECT_EQ(discord_length("업비트"), 3u);
  EXPECT_EQ(discord_length("\xF0\x9F\x9A\x80"), 2u);
  EXPECT_EQ(discord_length("\xFF"), 1u);
  EXPECT_EQ(fit_text("abcdef", 4), "abc" + ellipsis);
  EXPECT_EQ(fit_text("abcd", 4), "abcd");
  EXPECT_EQ(fit_text("abcd", 0), "");
}

TEST(alerts_payload, iso8601_utc_has_milliseconds) {
  EXPECT_EQ(iso8601_utc(from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(from_unix_ms(951'782'400'999)),
            "2000-02-29T00:00:00.999Z");
}
