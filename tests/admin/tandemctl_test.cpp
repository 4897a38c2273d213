// tandemctl end to end: the real binary against the gateway and the fake
// engine on loopback. Exit codes, --json output, human output, the token
// sources, the event stream and the interactive console (plain stdin and a
// pseudo-terminal, where libedit runs).
#include "tests/admin/gateway_fixture.hpp"
#include "tests/admin/prometheus_text_parser.hpp"
#include "tests/admin/subprocess.hpp"

#include <cstdio>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TANDEMCTL_PATH
#  error "TANDEMCTL_PATH must name the tandemctl binary"
#endif

namespace tandem::admin::test {
namespace {

struct run_result {
  int code = -1;
  std::string out;
  std::string err;
};

class tandemctl_test : public gateway_fixture {
 protected:
  void SetUp() override {
    gateway_fixture::SetUp();
    start_gateway();
    char tmpl[] = "/tmp/tandemctl-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    gateway_fixture::TearDown();
    std::remove((dir_ + "/history").c_str());
    std::remove((dir_ + "/token").c_str());
    ::rmdir(dir_.c_str());
  }

  std::vector<std::string> env(std::string_view token = operator_token) {
    std::vector<std::string> e{"USER=tester", "HOME=" + dir_,
                               "TANDEMCTL_HISTORY=" + dir_ + "/history",
                               "TERM=vt100"};
    if (!token.empty())
      e.push_back("TANDEM_TOKEN=" + std::string(token));
    return e;
  }

  std::vector<std::string> argv(std::vector<std::string> args,
                                bool with_url = true) {
    std::vector<std::string> a{TANDEMCTL_PATH};
    if (with_url) {
      a.emplace_back("--url");
      a.push_back(gw_->base_url(false));
    }
    for (auto& x : args)
      a.push_back(std::move(x));
    return a;
  }

  run_result run(std::vector<std::string> args,
                 std::string_view token = operator_token) {
    subprocess p(argv(std::move(args)), env(token));
    p.close_stdin();
    run_result r;
    r.code = p.wait_exit();
    r.out = p.out();
    r.err = p.err();
    return r;
  }

  std::string dir_;
};

TEST_F(tandemctl_test, status_prints_a_human_summary) {
  auto r = run({"status"}, readonly_token);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("instance"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fake"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("halted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("venues:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("binance"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(tandemctl_test, json_prints_the_gateway_json) {
  auto r = run({"--json", "orders"}, readonly_token);
  ASSERT_EQ(r.code, 0) << r.err;
  json_body j(r.out);
  EXPECT_EQ(j.str("/orders/0/id"), "tdm-1-1");
  // Global options may follow the command too.
  auto p = run({"positions", "--json"}, readonly_token);
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(json_body(p.out).size("/positions"), 2u);
}

TEST_F(tandemctl_test, every_query_command_succeeds) {
  for (auto cmd : {"premium", "positions", "orders", "pairs", "pnl"}) {
    auto r = run({cmd}, readonly_token);
    EXPECT_EQ(r.code, 0) << cmd << ": " << r.err;
    EXPECT_FALSE(r.out.empty()) << cmd;
  }
}

TEST_F(tandemctl_test, set_shows_old_and_new_and_the_engine_learns_who) {
  auto r = run({"set", "kimchi.entry_bps", "180"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "kimchi.entry_bps: 200 -> 180\n");
  auto j = journal();
  ASSERT_FALSE(j.empty());
  EXPECT_EQ(j.back().command, "set");
  EXPECT_EQ(j.back().detail, "kimchi.entry_bps=180");
  EXPECT_EQ(j.back().role, role::operator_);
  EXPECT_EQ(j.back().client.substr(0, 7), "tester@");
}

TEST_F(tandemctl_test, halt_clear_and_their_refusals) {
  auto h = run({"halt", "--reason", "end to end drill"});
  ASSERT_EQ(h.code, 0) << h.err;
  EXPECT_NE(h.out.find("halt: halted"), std::string::npos) << h.out;
  auto s = run({"status", "--json"}, readonly_token);
  json_body j(s.out);
  EXPECT_TRUE(j.flag("/halted"));
  EXPECT_EQ(j.str("/halt/reason"), "end to end drill");
  auto c = run({"clear", "--reason=venue back"});
  EXPECT_EQ(c.code, 0) << c.err;
  auto again = run({"clear", "--reason", "again"});
  EXPECT_EQ(again.code, 4); // 409: not halted
  EXPECT_NE(again.err.find("not halted"), std::string::npos) << again.err;
}

TEST_F(tandemctl_test, pause_resume_cancel_all_flatten) {
  EXPECT_EQ(run({"pause"}).code, 0);
  EXPECT_EQ(run({"resume", "kimchi"}).code, 0);
  auto c = run({"cancel-all"});
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("cancelled 2 orders"), std::string::npos) << c.out;
  EXPECT_EQ(run({"flatten"}).code, 0);
  EXPECT_EQ(run({"pause", "nope"}).code, 4); // 404 from the engine
}

TEST_F(tandemctl_test, exit_codes_scripts_rely_on) {
  // 2: usage.
  EXPECT_EQ(run({"frobnicate"}).code, 2);
  EXPECT_EQ(run({"halt"}).code, 2);
  EXPECT_EQ(run({"set", "kimchi.entry_bps"}).code, 2);
  EXPECT_EQ(run({"--token", "x", "status"}).code, 2);
  auto none = run({"status"}, "");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("TANDEM_TOKEN"), std::string::npos) << none.err;
  // 3: token refused, or lacking the role.
  EXPECT_EQ(run({"status"}, "wrong-token-000000000").code, 3);
  auto ro = run({"halt", "--reason", "x"}, readonly_token);
  EXPECT_EQ(ro.code, 3);
  EXPECT_NE(ro.err.find("403"), std::string::npos) << ro.err;
  // 4: refused by validation, naming the field.
  auto bad = run({"set", "kimchi.entry_bps", "99999"});
  EXPECT_EQ(bad.code, 4);
  EXPECT_NE(bad.err.find("field: kimchi.entry_bps"), std::string::npos)
    << bad.err;
  auto bad_json = run({"--json", "set", "kimchi.nope", "1"});
  EXPECT_EQ(bad_json.code, 4);
  EXPECT_EQ(json_body(bad_json.out).str("/field"), "name");
  // 5: unreachable.
  subprocess p({TANDEMCTL_PATH, "--url", "http://127.0.0.1:1", "status"},
               env());
  p.close_stdin();
  EXPECT_EQ(p.wait_exit(), 5) << p.err();
  EXPECT_TRUE(journal().size() == 0) << "no refused command reached it";
}

TEST_F(tandemctl_test, a_silent_engine_exits_5) {
  gw_.reset();
  client_.reset();
  start_gateway(std::chrono::milliseconds{200});
  steer(fake_stall{true});
  auto r = run({"status"});
  EXPECT_EQ(r.code, 5);
  EXPECT_NE(r.err.find("504"), std::string::npos) << r.err;
}

TEST_F(tandemctl_test, token_file_must_be_private) {
  auto path = dir_ + "/token";
  {
    std::ofstream f(path);
    f << operator_token << "\n";
  }
  ::chmod(path.c_str(), 0644);
  subprocess loose(argv({"--token-file", path, "status"}), env(""));
  loose.close_stdin();
  EXPECT_EQ(loose.wait_exit(), 2);
  EXPECT_NE(loose.err().find("chmod 600"), std::string::npos) << loose.err();
  ::chmod(path.c_str(), 0600);
  // The file wins over the environment.
  subprocess ok(argv({"--token-file", path, "status"}),
                env("wrong-token-000000000"));
  ok.close_stdin();
  EXPECT_EQ(ok.wait_exit(), 0) << ok.err();
}

TEST_F(tandemctl_test, metrics_print_prometheus_text) {
  auto r = run({"metrics"}, readonly_token);
  ASSERT_EQ(r.code, 0) << r.err;
  auto parsed = parse_prometheus_text(r.out);
  EXPECT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_NE(parsed.find("tandem_orders_total"), nullptr);
}

TEST_F(tandemctl_test, params_lists_the_settable_parameters_offline) {
  subprocess p({TANDEMCTL_PATH, "params"}, {}); // no token, no gateway
  p.close_stdin();
  EXPECT_EQ(p.wait_exit(), 0);
  EXPECT_NE(p.out().find("kimchi.entry_bps"), std::string::npos);
  EXPECT_NE(p.out().find("[-10000, 10000]"), std::string::npos);
}

TEST_F(tandemctl_test, events_stream_until_the_limit) {
  subprocess p(argv({"events", "--limit", "2", "--json"}), env(readonly_token));
  p.close_stdin();
  ASSERT_TRUE(p.wait_for([](const std::string&, const std::string& err) {
    return err.find("events: connected") != std::string::npos;
  }))
    << p.err();
  steer(fake_publish{alert_event{alert_severity::warning, "one", "", {}}});
  steer(fake_publish{alert_event{alert_severity::info, "two", "", {}}});
  EXPECT_EQ(p.wait_exit(), 0) << p.err();
  auto nl = p.out().find('\n');
  ASSERT_NE(nl, std::string::npos) << p.out();
  EXPECT_EQ(json_body(p.out().substr(0, nl)).str("/title"), "one");
  EXPECT_EQ(json_body(p.out().substr(nl + 1)).str("/title"), "two");
}

TEST_F(tandemctl_test, events_with_a_bad_token_exit_3) {
  auto r = run({"events"}, "wrong-token-000000000");
  EXPECT_EQ(r.code, 3);
}

TEST_F(tandemctl_test, interactive_reads_commands_from_a_pipe) {
  subprocess p(argv({}), env());
  p.write("status\nset kimchi.entry_bps 170\nbogus\nquit\n");
  p.close_stdin();
  EXPECT_EQ(p.wait_exit(), 0) << p.err();
  EXPECT_NE(p.out().find("instance"), std::string::npos) << p.out();
  EXPECT_NE(p.out().find("kimchi.entry_bps: 200 -> 170"), std::string::npos)
    << p.out();
  EXPECT_NE(p.out().find("unknown command \"bogus\""), std::string::npos)
    << p.out();
}

TEST_F(tandemctl_test, interactive_terminal_completes_and_shows_events) {
  subprocess p(argv({}), env(), /*pty=*/true);
  auto seen = [&p](std::string_view s) {
    return p.wait_for([s](const std::string& out, const std::string&) {
      return out.find(s) != std::string::npos;
    });
  };
  ASSERT_TRUE(seen("* events: connected")) << p.out();
  // Waits for the n-th prompt: type only when libedit reads keys again.
  auto prompt = [&p](std::size_t n) {
    return p.wait_for([n](const std::string& out, const std::string&) {
      std::size_t count = 0;
      for (auto at = out.find("tandem> "); at != std::string::npos;
           at = out.find("tandem> ", at + 1))
        ++count;
      return count >= n;
    });
  };
  ASSERT_TRUE(prompt(1)) << p.out();
  // Tab completes the command name, and a parameter name after `set`
  // (libedit draws the rest of the word: "tus", "it_bps"); running the
  // completed line proves what it became.
  p.write("sta\t");
  ASSERT_TRUE(seen("tus")) << p.out();
  p.write("\r");
  ASSERT_TRUE(seen("venues:")) << p.out();
  ASSERT_TRUE(prompt(3)) << p.out(); // after the events line and status
  p.write("set kimchi.ex\t");
  ASSERT_TRUE(seen("it_bps")) << p.out();
  p.write("40\r");
  ASSERT_TRUE(seen("kimchi.exit_bps: 50 -> 40")) << p.out();
  // An event arrives while the prompt waits: printed above it.
  steer(fake_publish{
    alert_event{alert_severity::critical, "venue down", "binance", {}}});
  ASSERT_TRUE(seen("alert")) << p.out();
  ASSERT_TRUE(seen("title=\"venue down\"")) << p.out();
  p.write("quit\r");
  EXPECT_EQ(p.wait_exit(), 0) << p.out();
  // History is kept, readable by its owner only.
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/history").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  std::ifstream h(dir_ + "/history");
  std::string text((std::istreambuf_iterator<char>(h)),
                   std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("status"), std::string::npos) << text;
}

} // namespace
} // namespace tandem::admin::test
