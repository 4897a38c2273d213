#include "apps/tandem/options.hpp"

#include <charconv>
#include <string_view>

namespace tandem::app {

namespace {

template<class T>
bool parse_number(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

} // namespace

result<options, std::string> parse_options(std::span<const char* const> args) {
  options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != arg.npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    auto take = [&]() -> std::optional<std::string_view> {
      if (value)
        return value;
      if (i + 1 < args.size())
        return std::string_view(args[++i]);
      return std::nullopt;
    };
    auto need = [&](std::string_view what) {
      return std::string(name) + " needs " + std::string(what);
    };
    if (name == "--help" || name == "-h") {
      o.help = true;
    } else if (name == "--check-config") {
      o.check_config = true;
    } else if (name == "--external-sims") {
      o.external_sims = true;
    } else if (name == "--config") {
      auto v = take();
      if (!v || v->empty())
        return failure{need("a file path")};
      o.config = std::string(*v);
    } else if (name == "--summary") {
      auto v = take();
      if (!v || v->empty())
        return failure{need("a file path")};
      o.summary = std::string(*v);
    } else if (name == "--duration") {
      auto v = take();
      std::int64_t s = 0;
      if (!v || !parse_number(*v, s) || s <= 0)
        return failure{need("a whole number of seconds > 0")};
      o.duration_s = s;
    } else if (name == "--sim-config") {
      auto v = take();
      if (!v || v->empty())
        return failure{need("a file path")};
      o.sim_config = std::string(*v);
    } else if (name == "--seed") {
      auto v = take();
      std::uint64_t n = 0;
      if (!v || !parse_number(*v, n))
        return failure{need("an unsigned integer")};
      o.seed = n;
    } else {
      return failure{"unknown argument \"" + std::string(arg)
                     + "\" (see --help)"};
    }
  }
  return o;
}

std::string usage() {
  return R"(usage: tandem [options]

Runs the Tandem trading engine with a config file.

  --config FILE     config to load (default: config/paper.toml)
  --check-config    validate the config and exit: 0 valid, 2 refused
  --duration SECS   stop after SECS seconds
  --seed N          seed for the simulators (paper mode)
  --sim-config FILE simulator config in paper mode (default: sim.toml
                    next to the config file)
  --external-sims   paper mode against simulators that are already
                    running at the config's URLs (e.g. tandem-sim): none
                    is started and the journal is kept; keys still come
                    from the simulator config
  --summary FILE    write a JSON run summary to FILE
  --help            show this text

Exit codes: 0 ok, 1 runtime failure, 2 bad arguments or refused config.
)";
}

} // namespace tandem::app
