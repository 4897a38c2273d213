// Running tandemctl's commands: one-shot, the event stream, and the
// interactive console. Each returns the process exit code
// (apps/tandemctl/exit_codes.hpp).
#pragma once

#include "apps/tandemctl/client.hpp"
#include "apps/tandemctl/commands.hpp"
#include "apps/tandemctl/options.hpp"

#include <cstdio>

namespace tandem::ctl {

/// Runs a json/text/local request; prints to `out` (answers) and `err`
/// (errors).
int run_command(ctl_client& c, const ctl_options& o, const ctl_request& r,
                std::FILE* out, std::FILE* err);

/// Streams events until --limit events arrived or SIGINT/SIGTERM.
int run_events(ctl_client& c, const ctl_options& o, const ctl_request& r);

/// The interactive console: a prompt with history and tab completion
/// (libedit) on a terminal, plain lines otherwise, with the live event
/// stream shown between commands. Ends at EOF, `quit` or SIGINT/SIGTERM.
int run_interactive(ctl_client& c, const ctl_options& o);

} // namespace tandem::ctl
