// tandemctl: the admin console. One-shot subcommands print human tables
// (or --json) and exit with a code scripts rely on; without a subcommand
// it is an interactive console with the live event stream.
#include "apps/tandemctl/client.hpp"
#include "apps/tandemctl/exit_codes.hpp"
#include "apps/tandemctl/options.hpp"
#include "apps/tandemctl/run.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace tandem::ctl;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto opts = parse_options(args, std::getenv("TANDEM_URL"));
  if (!opts) {
    std::fprintf(stderr, "tandemctl: %s\n%s", opts.error().c_str(),
                 usage_text().c_str());
    return exit_usage;
  }
  if (opts->help) {
    std::fputs(usage_text().c_str(), stdout);
    return exit_ok;
  }
  std::optional<ctl_request> request;
  if (!opts->words.empty()) {
    auto r = build_request(opts->words);
    if (!r) {
      std::fprintf(stderr, "tandemctl: %s\n", r.error().c_str());
      return exit_usage;
    }
    request = std::move(*r);
    if (request->kind == request_kind::local) { // needs no gateway
      std::fputs(params_text().c_str(), stdout);
      return exit_ok;
    }
  }
  auto token = load_token(*opts, std::getenv("TANDEM_TOKEN"));
  if (!token) {
    std::fprintf(stderr, "tandemctl: %s\n", token.error().c_str());
    return exit_usage;
  }
  auto client = ctl_client::make(*opts, std::move(*token));
  if (!client) {
    std::fprintf(stderr, "tandemctl: %s\n", client.error().c_str());
    return exit_usage;
  }
  if (!request)
    return run_interactive(**client, *opts);
  if (request->kind == request_kind::events)
    return run_events(**client, *opts, *request);
  return run_command(**client, *opts, *request, stdout, stderr);
}
