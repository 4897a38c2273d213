// A value or an error code, without exceptions (simdjson/abseil style).
// core/ stays free of CAF, so it has its own small result type; actors wrap
// it into caf::expected at their boundary.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace tandem {

/// Tag to construct a failed result: `return failure(decimal_error::empty);`
template<class E>
struct failure {
  E code;
};
template<class E>
failure(E) -> failure<E>;

/// Holds either a `T` or an error code `E`.
template<class T, class E>
class [[nodiscard]] result {
 public:
  static_assert(!std::is_same_v<T, E>, "value and error types must differ");

  constexpr result(T value) : data_(std::in_place_index<0>, std::move(value)) {}
  constexpr result(failure<E> f) : data_(std::in_place_index<1>, f.code) {}

  constexpr bool has_value() const noexcept { return data_.index() == 0; }
  constexpr explicit operator bool() const noexcept { return has_value(); }

  /// Returns the value; calling this on an error is a programming error.
  constexpr T& value() & {
    assert(has_value());
    return std::get<0>(data_);
  }
  constexpr const T& value() const& {
    assert(has_value());
    return std::get<0>(data_);
  }
  constexpr T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(data_));
  }
  constexpr T value_or(T fallback) const {
    return has_value() ? std::get<0>(data_) : std::move(fallback);
  }

  /// Returns the error; calling this on a value is a programming error.
  constexpr E error() const {
    assert(!has_value());
    return std::get<1>(data_);
  }

  constexpr T& operator*() & { return value(); }
  constexpr const T& operator*() const& { return value(); }
  constexpr T* operator->() { return &value(); }
  constexpr const T* operator->() const { return &value(); }

 private:
  std::variant<T, E> data_;
};

} // namespace tandem
