#include "journal/errors.hpp"

namespace tandem::journal {

std::string_view to_string(journal_error e) noexcept {
  switch (e) {
    case journal_error::cannot_open: return "cannot_open";
    case journal_error::read_only: return "read_only";
    case journal_error::not_a_database: return "not_a_database";
    case journal_error::not_a_journal: return "not_a_journal";
    case journal_error::locked: return "locked";
    case journal_error::in_use: return "in_use";
    case journal_error::newer_schema: return "newer_schema";
    case journal_error::migration_failed: return "migration_failed";
    case journal_error::corrupt: return "corrupt";
    case journal_error::bad_record: return "bad_record";
    case journal_error::disk_full: return "disk_full";
    case journal_error::io_error: return "io_error";
    case journal_error::not_found: return "not_found";
    case journal_error::internal: return "internal";
  }
  return "unknown";
}

std::string to_string(const store_error& e) {
  std::string out = "journal ";
  out += e.path;
  out += ": ";
  out += to_string(e.code);
  if (!e.detail.empty()) {
    out += ": ";
    out += e.detail;
  }
  return out;
}

} // namespace tandem::journal
