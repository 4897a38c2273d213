// tandemctl's human output: the gateway's JSON as aligned key/value lines
// and tables, command outcomes as one line, errors with their field. The
// layout follows the JSON (admin/README.md), so a new field shows up
// without changes here.
#pragma once

#include <string>
#include <string_view>

namespace tandem::ctl {

/// Returns `json` (a reply to `command`) as human text, or nullopt-like
/// empty string with `ok` false when it is not the JSON expected.
struct rendered {
  bool ok = false;
  std::string text;
};

/// Renders a 2xx reply.
rendered render_reply(std::string_view command, std::string_view json);

/// Renders an error reply: "error: <message> (field: <field>)", or the
/// status and the raw body when it is not the API's error JSON.
std::string render_error(unsigned status, std::string_view body);

/// Renders one event frame as one line: "<at> <type> key=value ...".
std::string render_event(std::string_view frame);

} // namespace tandem::ctl
