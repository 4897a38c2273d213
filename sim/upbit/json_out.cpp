#include "sim/upbit/json_out.hpp"

#include "venues/common/json_string.hpp"

namespace tandem::sim::upbit {

void json_out::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_member_.empty()) {
    if (has_member_.back())
      out_.push_back(',');
    has_member_.back() = true;
  }
}

void json_out::begin_object() {
  before_value();
  out_.push_back('{');
  has_member_.push_back(false);
}

void json_out::end_object() {
  has_member_.pop_back();
  out_.push_back('}');
}

void json_out::begin_array() {
  before_value();
  out_.push_back('[');
  has_member_.push_back(false);
}

void json_out::end_array() {
  has_member_.pop_back();
  out_.push_back(']');
}

void json_out::key(std::string_view k) {
  before_value();
  venues::append_json_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
}

void json_out::string(std::string_view s) {
  before_value();
  venues::append_json_string(out_, s);
}

void json_out::raw(std::string_view text) {
  before_value();
  out_ += text;
}

void json_out::null() { raw("null"); }

void json_out::boolean(bool b) { raw(b ? "true" : "false"); }

void json_out::integer(std::int64_t n) { raw(std::to_string(n)); }

void json_out::field_or_null(std::string_view k, std::string_view s) {
  key(k);
  if (s.empty())
    null();
  else
    string(s);
}

std::string json_out::take() {
  has_member_.clear();
  after_key_ = false;
  std::string s = std::move(out_);
  out_.clear();
  return s;
}

} // namespace tandem::sim::upbit
