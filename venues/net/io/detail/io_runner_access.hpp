// Private bridge from io_runner to the Asio context inside it. Only the
// client .cpp files include this; public headers stay free of Asio.
#pragma once

#include "venues/net/io/io_runner.hpp"

#include <boost/asio/io_context.hpp>

namespace tandem::net::detail {

struct io_runner_access {
  /// Returns the context the runner thread runs.
  static boost::asio::io_context& context(io_runner& r) noexcept;
};

} // namespace tandem::net::detail
