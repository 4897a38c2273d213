#include "apps/tandem/journal_export.hpp"

#include "journal/export.hpp"
#include "journal/store.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string_view>
#include <system_error>

namespace tandem::app {

namespace {

constexpr int exit_ok = 0;
constexpr int exit_runtime = 1;
constexpr int exit_refused = 2;

} // namespace

result<journal_export_options, std::string>
parse_journal_export_options(std::span<const char* const> args) {
  journal_export_options o;
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
    } else if (name == "--data-dir") {
      auto v = take();
      if (!v || v->empty())
        return failure{need("a directory")};
      o.data_dir = std::string(*v);
    } else if (name == "--format") {
      auto v = take();
      if (!v || !journal::export_format_from_string(*v))
        return failure{need("csv or jsonl")};
      o.format = std::string(*v);
    } else if (name == "--out") {
      auto v = take();
      if (!v || v->empty())
        return failure{need("a file path")};
      o.out = std::string(*v);
    } else {
      return failure{"unknown argument \"" + std::string(arg)
                     + "\" (see tandem journal export --help)"};
    }
  }
  if (o.help)
    return o;
  if (o.data_dir.empty())
    return failure{std::string{"--data-dir is required"}};
  if (o.format.empty())
    return failure{std::string{"--format is required (csv or jsonl)"}};
  return o;
}

std::string journal_export_usage() {
  return R"(usage: tandem journal export --data-dir DIR --format csv|jsonl [--out FILE]

Writes every record of the journal DIR/journal.db, in sequence order, for
accounting. Read-only: safe while the engine runs.

  --data-dir DIR   the engine's data directory
  --format FORMAT  csv (RFC 4180, header row, CRLF) or jsonl (one JSON
                   object per line)
  --out FILE       write to FILE (replaced only when the export is
                   complete); default: standard output
  --help           this text

Exit codes: 0 exported, 1 journal unreadable or output not writable,
2 bad arguments.
)";
}

int run_journal_export(std::span<const char* const> args, std::ostream& out,
                       std::ostream& err) {
  auto opts = parse_journal_export_options(args);
  if (!opts) {
    err << "tandem journal export: " << opts.error() << '\n';
    return exit_refused;
  }
  if (opts->help) {
    out << journal_export_usage();
    return exit_ok;
  }
  auto format = *journal::export_format_from_string(opts->format);
  auto file = journal::journal_file(opts->data_dir);
  auto s = journal::store::open(
    file,
    journal::store_options{.mode = journal::open_mode::reader,
                           .sync = journal::sync_mode::normal,
                           .busy_timeout = std::chrono::milliseconds{5000},
                           .checkpoint = journal::checkpoint_mode::background});
  if (!s) {
    err << "tandem journal export: " << journal::to_string(s.error()) << '\n';
    return exit_runtime;
  }
  if (opts->out.empty()) {
    auto n = journal::export_journal(*s, format, out, "stdout");
    if (!n) {
      err << "tandem journal export: " << journal::to_string(n.error()) << '\n';
      return exit_runtime;
    }
    err << "tandem journal export: " << *n << " records from " << file.string()
        << '\n';
    return exit_ok;
  }
  auto tmp = opts->out + ".tmp";
  std::ofstream f{tmp, std::ios::binary | std::ios::trunc};
  if (!f) {
    err << "tandem journal export: cannot write " << tmp << '\n';
    return exit_runtime;
  }
  auto n = journal::export_journal(*s, format, f, tmp);
  f.close();
  if (!n || !f) {
    std::remove(tmp.c_str());
    err << "tandem journal export: "
        << (n ? "cannot write " + tmp : journal::to_string(n.error())) << '\n';
    return exit_runtime;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, opts->out, ec);
  if (ec) {
    std::remove(tmp.c_str());
    err << "tandem journal export: cannot write " << opts->out << ": "
        << ec.message() << '\n';
    return exit_runtime;
  }
  err << "tandem journal export: " << *n << " records from " << file.string()
      << " to " << opts->out << '\n';
  return exit_ok;
}

} // namespace tandem::app
