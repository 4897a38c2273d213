#include "sim/binance/json_out.hpp"

#include "venues/common/json_string.hpp"

namespace tandem::sim::binance {

std::string fixed_places(std::int64_t raw, int scale, int places) {
  detail::i128 v = raw;
  if (places < scale)
    v = detail::div_round(v, detail::pow10_128(scale - places),
                          rounding::half_even);
  else
    v *= detail::pow10_128(places - scale);
  const bool negative = v < 0;
  if (negative)
    v = -v;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + int(v % 10)));
    v /= 10;
  } while (v > 0);
  if (places > 0) {
    while (digits.size() <= static_cast<std::size_t>(places))
      digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - places, '.');
  }
  return negative ? "-" + digits : digits;
}

void json_object::key(std::string_view k) {
  if (out_.size() > 1)
    out_ += ',';
  venues::append_json_string(out_, k);
  out_ += ':';
}

json_object& json_object::str(std::string_view k, std::string_view value) {
  key(k);
  venues::append_json_string(out_, value);
  return *this;
}

json_object& json_object::num(std::string_view k, std::int64_t value) {
  key(k);
  out_ += std::to_string(value);
  return *this;
}

json_object& json_object::boolean(std::string_view k, bool value) {
  key(k);
  out_ += value ? "true" : "false";
  return *this;
}

json_object& json_object::raw(std::string_view k, std::string_view json) {
  key(k);
  out_ += json;
  return *this;
}

std::string json_object::done() {
  out_ += '}';
  return std::move(out_);
}

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += ',';
    out += items[i];
  }
  out += ']';
  return out;
}

} // namespace tandem::sim::binance
