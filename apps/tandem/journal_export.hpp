// `tandem journal export --data-dir DIR --format csv|jsonl [--out FILE]`:
// the journal for accounting, as CSV (RFC 4180) or JSON lines
// (journal/export.hpp). Opens the journal read-only, so it may run while
// the engine trades; it never creates or migrates a journal.
#pragma once

#include "core/result.hpp"

#include <iosfwd>
#include <span>
#include <string>

namespace tandem::app {

/// What `tandem journal export` was asked to do.
struct journal_export_options {
  /// The engine's data directory; the journal is DIR/journal.db.
  std::string data_dir;
  /// "csv" or "jsonl".
  std::string format;
  /// Output file; empty: stdout.
  std::string out;
  bool help = false;
};

/// Parses the arguments after "journal export"; returns the options or a
/// message naming the bad argument. Accepts `--opt VALUE` and `--opt=VALUE`.
result<journal_export_options, std::string>
parse_journal_export_options(std::span<const char* const> args);

/// Returns the usage text of `tandem journal export`.
std::string journal_export_usage();

/// Runs `tandem journal export` with the arguments after "export". The
/// export goes to --out (written to FILE.tmp, renamed when complete, so a
/// failed export never leaves a truncated FILE) or to `out`; messages go to
/// `err`. Returns the exit code: 0 exported, 1 the journal could not be
/// read or the output not written, 2 bad arguments.
int run_journal_export(std::span<const char* const> args, std::ostream& out,
                       std::ostream& err);

} // namespace tandem::app
