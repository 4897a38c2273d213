// A secret value (API key, token, webhook URL) that never prints itself:
// streaming and fmt formatting both write `***`. Read it with expose() at the
// one place that needs it (signing, the HTTP header).
#pragma once

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <string_view>

namespace tandem {

/// Holds a credential; prints as `***`; wipes its bytes on destruction.
class secret {
 public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {}
  secret(const secret&) = default;
  secret(secret&&) noexcept = default;
  secret& operator=(const secret&) = default;
  secret& operator=(secret&&) noexcept = default;
  ~secret() { wipe(); }

  /// Returns the value. Never log it (the redactor would catch it anyway).
  std::string_view expose() const noexcept { return value_; }

  bool empty() const noexcept { return value_.empty(); }

  friend bool operator==(const secret&, const secret&) = default;

 private:
  void wipe() noexcept {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i)
      p[i] = '\0';
  }

  std::string value_;
};

/// Writes `***`.
inline std::ostream& operator<<(std::ostream& os, const secret&) {
  return os << "***";
}

} // namespace tandem

/// fmt/spdlog formatting of a secret writes `***`.
template<>
struct fmt::formatter<tandem::secret> : fmt::formatter<fmt::string_view> {
  template<class FormatContext>
  auto format(const tandem::secret&, FormatContext& ctx) const
    -> decltype(ctx.out()) {
    return fmt::formatter<fmt::string_view>::format("***", ctx);
  }
};
