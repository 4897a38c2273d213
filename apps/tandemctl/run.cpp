#include "apps/tandemctl/run.hpp"

#include "apps/tandemctl/exit_codes.hpp"
#include "apps/tandemctl/render.hpp"
#include "apps/tandemctl/wakeup.hpp"

#include <mutex>
#include <poll.h>

namespace tandem::ctl {

namespace {

void put(std::FILE* f, const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), f);
  std::fflush(f);
}

} // namespace

int run_command(ctl_client& c, const ctl_options& o, const ctl_request& r,
                std::FILE* out, std::FILE* err) {
  if (r.kind == request_kind::local) {
    put(out, params_text());
    return exit_ok;
  }
  auto a = c.send(r);
  if (!a) {
    put(err, "tandemctl: " + a.error() + "\n");
    return exit_unreachable;
  }
  int code = exit_code_for(a->status);
  if (code != exit_ok) {
    if (o.json)
      put(out, a->body.ends_with('\n') ? a->body : a->body + "\n");
    put(err,
        "tandemctl: " + r.command + ": " + render_error(a->status, a->body));
    return code;
  }
  if (o.json || r.kind == request_kind::text) {
    put(out, a->body.ends_with('\n') ? a->body : a->body + "\n");
    return exit_ok;
  }
  auto text = render_reply(r.command, a->body);
  if (!text.ok) {
    put(err, "tandemctl: " + r.command
               + ": unexpected answer: " + a->body.substr(0, 200) + "\n");
    return exit_unexpected;
  }
  put(out, text.text);
  return exit_ok;
}

int run_events(ctl_client& c, const ctl_options& o, const ctl_request& r) {
  auto& wake = wakeup::instance();
  // A plain GET of the stream's path checks the token without the engine:
  // 426 (upgrade required) means the token is good.
  ctl_request probe = r;
  auto a = c.send(probe);
  if (!a) {
    put(stderr, "tandemctl: " + a.error() + "\n");
    return exit_unreachable;
  }
  if (a->status != 426) {
    put(stderr, "tandemctl: events: " + render_error(a->status, a->body));
    int code = exit_code_for(a->status);
    return code == exit_ok ? exit_unexpected : code;
  }
  std::mutex mtx;
  std::uint64_t seen = 0;
  bool done = false;
  net::ws_client::handlers h;
  h.on_connected = [] {
    put(stderr, "events: connected\n");
  };
  h.on_disconnected = [](net::net_error e) {
    put(stderr, "events: disconnected (" + std::string(net::to_string(e))
                  + "), reconnecting\n");
  };
  h.on_message = [&](std::string_view frame, bool) {
    std::lock_guard guard{mtx};
    if (done)
      return;
    put(stdout, o.json ? std::string(frame) + "\n" : render_event(frame));
    if (r.limit != 0 && ++seen >= r.limit) {
      done = true;
      wake.notify();
    }
  };
  auto ws = c.open_events(std::move(h));
  if (!ws) {
    put(stderr, "tandemctl: " + ws.error() + "\n");
    return exit_unreachable;
  }
  for (;;) {
    pollfd p{wake.fd(), POLLIN, 0};
    ::poll(&p, 1, -1);
    wake.drain();
    std::lock_guard guard{mtx};
    if (done || wake.stopped())
      break;
  }
  (*ws)->shutdown();
  return exit_ok;
}

} // namespace tandem::ctl
