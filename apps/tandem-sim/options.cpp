#include "apps/tandem-sim/options.hpp"

#include <charconv>
#include <string_view>

namespace tandem::sim_app {

result<options, std::string> parse_options(std::span<const char* const> args) {
  options out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != arg.npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (name != "--config" && name != "--ports-file" && name != "--seed")
      return failure{"unknown argument '" + std::string{arg} + "'"};
    if (!value) {
      if (i + 1 >= args.size())
        return failure{std::string{name} + " needs a value"};
      value = args[++i];
    }
    if (value->empty())
      return failure{std::string{name} + " needs a value"};
    if (name == "--config") {
      out.config = std::string{*value};
    } else if (name == "--ports-file") {
      out.ports_file = std::string{*value};
    } else {
      std::uint64_t seed = 0;
      auto [end, ec]
        = std::from_chars(value->data(), value->data() + value->size(), seed);
      if (ec != std::errc{} || end != value->data() + value->size()
          || seed > static_cast<std::uint64_t>(INT64_MAX))
        return failure{"--seed needs a non-negative integer, got '"
                       + std::string{*value} + "'"};
      out.seed = seed;
    }
  }
  if (!out.help && out.config.empty())
    return failure{std::string{"--config FILE is required"}};
  return out;
}

std::string usage() {
  return "usage: tandem-sim --config FILE [--ports-file FILE.json] "
         "[--seed N]\n"
         "\n"
         "Runs the simulated Upbit and Binance USD-M venues on 127.0.0.1 "
         "until\nSIGINT or SIGTERM. FILE is a cluster config (see "
         "config/sim.toml).\n"
         "  --ports-file FILE.json  write the base URLs listened on as JSON\n"
         "                         (written whole: temp file + rename)\n"
         "  --seed N                seed of the market's price process\n"
         "Exit codes: 0 stopped by a signal, 1 could not start, 2 bad "
         "arguments or config.\n";
}

} // namespace tandem::sim_app
