// The interactive console. libedit's readline interface runs in callback
// mode so that one poll() waits for keystrokes and for events at once:
// events are queued by the I/O thread and printed by this thread above the
// prompt, which libedit then redraws with the line being typed.
#include "admin/params.hpp"
#include "apps/tandemctl/exit_codes.hpp"
#include "apps/tandemctl/render.hpp"
#include "apps/tandemctl/run.hpp"
#include "apps/tandemctl/wakeup.hpp"

#include <editline/readline.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tandem::ctl {

namespace {

constexpr const char* prompt = "tandem> ";

/// What the console's callbacks (plain C functions) reach.
struct console {
  ctl_client* client = nullptr;
  const ctl_options* opts = nullptr;
  bool tty = false;
  bool quit = false;
  std::mutex mtx;
  std::deque<std::string> pending; // event lines, from the I/O thread
};

console* the_console = nullptr;

void print(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

/// Runs one typed line.
void execute(console& con, std::string_view line) {
  auto words = split_words(line);
  if (!words) {
    print("error: " + words.error() + "\n");
    return;
  }
  if (words->empty())
    return;
  const auto& cmd = (*words)[0];
  if (cmd == "quit" || cmd == "exit") {
    con.quit = true;
    return;
  }
  if (cmd == "help") {
    print(usage_text());
    return;
  }
  if (cmd == "events") {
    print("events are shown here as they arrive\n");
    return;
  }
  auto r = build_request(*words);
  if (!r) {
    print("error: " + r.error() + "\n");
    return;
  }
  (void)run_command(*con.client, *con.opts, *r, stdout, stdout);
}

/// Prints queued event lines; on a terminal, above the prompt.
void flush_events(console& con) {
  std::deque<std::string> lines;
  {
    std::lock_guard guard{con.mtx};
    lines.swap(con.pending);
  }
  if (lines.empty())
    return;
  if (con.tty)
    print("\r\x1b[K"); // erase the prompt line; redrawn below
  for (const auto& l : lines)
    print(l);
  if (con.tty)
    rl_forced_update_display();
}

// -- libedit callbacks
// ---------------------------------------------------------

void on_line(char* line) {
  auto& con = *the_console;
  if (!line) { // EOF (Ctrl-D)
    con.quit = true;
    print("\n");
    return;
  }
  std::string text(line);
  std::free(line);
  if (text.find_first_not_of(" \t") != std::string::npos)
    add_history(text.c_str());
  execute(con, text);
  // libedit leaves callback mode after a line (the next read would block
  // for a whole line); installing again restores it and shows the prompt.
  if (!con.quit)
    rl_callback_handler_install(prompt, on_line);
}

/// Candidates for the word at the cursor, from the words before it.
std::vector<std::string> candidates() {
  std::string before(rl_line_buffer ? rl_line_buffer : "");
  before.resize(
    std::min<std::size_t>(before.size(), static_cast<std::size_t>(rl_point)));
  auto words = split_words(before).value_or({});
  bool new_word = before.empty() || before.back() == ' ';
  std::size_t index = words.size() - (new_word || words.empty() ? 0 : 1);
  std::vector<std::string> out;
  if (index == 0) {
    for (auto n : command_names())
      out.emplace_back(n);
    for (auto n : {"help", "quit", "exit"})
      out.emplace_back(n);
    return out;
  }
  const auto& cmd = words[0];
  if (cmd == "set" && index == 1)
    for (const auto& p : admin::param_table())
      out.emplace_back(p.name);
  if ((cmd == "halt" || cmd == "clear") && index == 1)
    out.emplace_back("--reason");
  if ((cmd == "pause" || cmd == "resume") && index == 1)
    out.emplace_back("kimchi");
  if (cmd == "events" && index == 1)
    out.emplace_back("--limit");
  return out;
}

char* generate(const char* text, int state) {
  static std::vector<std::string> list;
  static std::size_t next = 0;
  if (state == 0) {
    list = candidates();
    next = 0;
  }
  std::string_view prefix(text);
  while (next < list.size()) {
    const auto& c = list[next++];
    if (std::string_view(c).starts_with(prefix))
      return ::strdup(c.c_str());
  }
  return nullptr;
}

char** complete(const char* text, int, int) {
  rl_attempted_completion_over = 1; // no file-name completion
  return rl_completion_matches(text, generate);
}

std::string history_path() {
  if (const char* p = std::getenv("TANDEMCTL_HISTORY"); p && *p)
    return p;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.tandemctl_history";
  return {};
}

/// Reads what stdin has (non-terminal mode) and runs each complete line.
bool read_lines(console& con, std::string& buffer) {
  char chunk[4096];
  auto n = ::read(STDIN_FILENO, chunk, sizeof chunk);
  if (n <= 0) {
    if (!buffer.empty())
      execute(con, buffer);
    return false;
  }
  buffer.append(chunk, static_cast<std::size_t>(n));
  std::size_t nl;
  while (!con.quit && (nl = buffer.find('\n')) != std::string::npos) {
    auto line = buffer.substr(0, nl);
    buffer.erase(0, nl + 1);
    execute(con, line);
  }
  return true;
}

} // namespace

int run_interactive(ctl_client& c, const ctl_options& o) {
  auto& wake = wakeup::instance();
  console con;
  con.client = &c;
  con.opts = &o;
  con.tty = ::isatty(STDIN_FILENO) != 0;
  the_console = &con;

  net::ws_client::handlers h;
  auto queue = [&con, &wake](std::string line) {
    {
      std::lock_guard guard{con.mtx};
      con.pending.push_back(std::move(line));
    }
    wake.notify();
  };
  h.on_connected = [queue] {
    queue("* events: connected\n");
  };
  h.on_disconnected = [queue](net::net_error e) {
    queue("* events: disconnected (" + std::string(net::to_string(e))
          + "), reconnecting\n");
  };
  h.on_message = [queue, json = o.json](std::string_view frame, bool) {
    queue(json ? std::string(frame) + "\n" : render_event(frame));
  };
  auto ws = c.open_events(std::move(h));
  if (!ws) {
    std::fprintf(stderr, "tandemctl: %s\n", ws.error().c_str());
    return exit_unreachable;
  }

  auto hist = history_path();
  if (con.tty) {
    using_history();
    stifle_history(1000);
    if (!hist.empty())
      read_history(hist.c_str());
    rl_readline_name = "tandemctl";
    rl_attempted_completion_function = complete;
    rl_callback_handler_install(prompt, on_line);
  }
  std::string buffer;
  while (!con.quit && !wake.stopped()) {
    pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {wake.fd(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0 && errno != EINTR)
      break;
    if (p[1].revents & POLLIN) {
      wake.drain();
      flush_events(con);
    }
    if (p[0].revents & (POLLIN | POLLHUP)) {
      if (con.tty)
        rl_callback_read_char();
      else if (!read_lines(con, buffer))
        break;
    }
  }
  if (con.tty) {
    rl_callback_handler_remove();
    if (!hist.empty()) {
      auto old = ::umask(077); // history may hold reasons: owner only
      write_history(hist.c_str());
      ::umask(old);
    }
  }
  (*ws)->shutdown();
  flush_events(con);
  the_console = nullptr;
  return exit_ok;
}

} // namespace tandem::ctl
