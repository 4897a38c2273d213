#include "venues/binance/detail/json_reader.hpp"

#include <charconv>

namespace tandem::venues::binance::detail {

result<simdjson::dom::element, venue_error>
parse_document(simdjson::dom::parser& parser, std::string_view bytes) {
  simdjson::dom::element doc;
  // realloc_if_needed = true: simdjson copies into its padded buffer, so
  // the caller's bytes need no SIMDJSON_PADDING.
  if (parser.parse(bytes.data(), bytes.size(), true).get(doc)
      != simdjson::SUCCESS)
    return failure{venue_error::malformed_response};
  return doc;
}

result<simdjson::dom::object, venue_error> as_object(simdjson::dom::element e) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS)
    return failure{venue_error::malformed_response};
  return obj;
}

simdjson::simdjson_result<simdjson::dom::element>
object_reader::get(const field& f) {
  return obj_.at_key(f.key);
}

bool object_reader::has(const field& f) const noexcept {
  simdjson::dom::element e;
  if (obj_.at_key(f.key).get(e) != simdjson::SUCCESS)
    return false;
  return !e.is_null();
}

std::string_view object_reader::string(const field& f) {
  std::string_view s;
  if (ok_ && get(f).get_string().get(s) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return ok_ ? s : std::string_view{};
}

std::optional<std::string_view> object_reader::optional_string(const field& f) {
  if (!has(f))
    return std::nullopt;
  auto s = string(f);
  if (!ok_)
    return std::nullopt;
  return s;
}

std::int64_t object_reader::int64(const field& f) {
  std::int64_t v = 0;
  if (ok_ && get(f).get_int64().get(v) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return ok_ ? v : 0;
}

std::uint64_t object_reader::uint64(const field& f) {
  std::uint64_t v = 0;
  if (ok_ && get(f).get_uint64().get(v) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return ok_ ? v : 0;
}

std::int64_t object_reader::int64_or_string(const field& f) {
  if (!ok_)
    return 0;
  simdjson::dom::element e;
  if (get(f).get(e) != simdjson::SUCCESS) {
    fail(venue_error::malformed_response);
    return 0;
  }
  std::int64_t v = 0;
  if (e.get_int64().get(v) == simdjson::SUCCESS)
    return v;
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS || s.empty()) {
    fail(venue_error::malformed_response);
    return 0;
  }
  // Digits only (an optional '-'), all of them consumed: "12x" is malformed.
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    fail(venue_error::malformed_response);
    return 0;
  }
  return v;
}

bool object_reader::boolean(const field& f) {
  bool v = false;
  if (ok_ && get(f).get_bool().get(v) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return ok_ && v;
}

simdjson::dom::object object_reader::object(const field& f) {
  simdjson::dom::object v;
  if (ok_ && get(f).get_object().get(v) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return v;
}

simdjson::dom::array object_reader::array(const field& f) {
  simdjson::dom::array v;
  if (ok_ && get(f).get_array().get(v) != simdjson::SUCCESS)
    fail(venue_error::malformed_response);
  return v;
}

} // namespace tandem::venues::binance::detail
