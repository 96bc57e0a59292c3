// `socialsoeg index` and `socialsoeg residents`: load reports and residents
// extracts into the database directory (contract §2, §7). Bad records are
// reported per line and kept in a rejects file; good ones are loaded all the
// same; exit code 2 tells a script that something was rejected.
#include <spdlog/spdlog.h>
#include <sys/statvfs.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/progress_bar.h"
#include "core/errors.h"
#include "core/redact.h"
#include "index/batch_records.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "indexer/report_loader.h"
#include "indexer/resident_loader.h"

namespace socialsoeg::cli {
namespace {

// Less free space than this after a failed load: the disk is full (Xapian's
// own message says only that a block could not be written).
constexpr uint64_t kNearlyFull = 1024 * 1024;

struct LoadCommandOptions {
  std::string db;
  std::vector<std::string> inputs;
  std::string rejects;
  std::string user;
  bool replace_all = false;
  bool json = false;
  unsigned threads = 0;
  size_t batch_size = 1'000;
};

void add_common(CLI::App* cmd, LoadCommandOptions& o) {
  add_db_option(cmd, o.db);
  cmd->add_option("inputs", o.inputs, "JSON Lines files; - reads standard input")->required();
  cmd->add_option("--rejects", o.rejects, "Write rejected lines here (default: INPUT.rejects beside each input)");
  cmd->add_option("--batch-size", o.batch_size, "Records per committed batch")->check(CLI::Range(1, 10'000'000));
  add_user_option(cmd, o.user);
  add_json_flag(cmd, o.json);
}

// The loader's notes (progress, resumptions, rejected records) go to the program's log on stderr.
void log_to_stderr(indexer::LoadNote level, const std::string& message) {
  switch (level) {
    case indexer::LoadNote::kInfo: spdlog::info("{}", message); break;
    case indexer::LoadNote::kWarning: spdlog::warn("{}", message); break;
    case indexer::LoadNote::kError: spdlog::error("{}", message); break;
  }
}

std::optional<std::filesystem::path> rejects_path(const LoadCommandOptions& o) {
  if (o.rejects.empty()) return std::nullopt;
  return std::filesystem::path(o.rejects);
}

std::string rejects_note(const std::vector<std::filesystem::path>& files) {
  std::string note;
  for (const auto& f : files) note += (note.empty() ? " (lines in " : ", ") + f.string();
  return note.empty() ? note : note + ")";
}

int run_index(const Installation& installation, const LoadCommandOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const auto places = index::Places::load(installation.municipalities());
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kLoad);
  index::DatabaseDir dir(o.db);
  dir.lock_for_writing();
  audit::AuditLog audit(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints));
  const auto load_event = [&](const std::string& outcome, nlohmann::json details) {
    auto e = caller.event("index");
    e.outcome = outcome;
    details["db"] = std::filesystem::absolute(o.db).string();
    details["inputs"] = o.inputs;
    details["replace_all"] = o.replace_all;
    e.details = std::move(details);
    return e;
  };

  indexer::LoadOptions load;
  load.log = log_to_stderr;
  load.inputs = o.inputs;
  load.rejects = rejects_path(o);
  load.threads = o.threads;
  load.batch_size = o.batch_size;
  indexer::LoadStats stats;
  uint64_t total_bytes = 0;
  for (const auto& in : indexer::describe_inputs(o.inputs)) total_bytes += in.size;
  try {
    ProgressBar bar(stderr_is_terminal(), [&] {
      if (!o.replace_all) return ProgressBar::Reading{stats.processed() + stats.resumed, stats.scan.bytes, total_bytes};
      // A replace-all reads the inputs twice: to check and order them, then to index them.
      const uint64_t planned = stats.planned_bytes;
      return ProgressBar::Reading{stats.processed() + stats.resumed, stats.scan.bytes + stats.indexed_bytes,
                                  total_bytes ? total_bytes + (planned ? planned : total_bytes) : 0};
    });
    if (o.replace_all)
      indexer::rebuild_reports(dir, analyzer, places, load, stats);
    else
      indexer::index_reports(dir, analyzer, places, load, stats);
  } catch (const std::exception& e) {
    // What the failed load left committed: a daily load keeps its committed
    // batches (the same command resumes after them), a rebuild keeps nothing.
    nlohmann::json details = {{"error", e.what()}, {"batches_committed", stats.batches.load()}};
    if (!o.replace_all) {
      try {
        details["last_batch"] = index::last_batch(dir.open_live_for_reading());
      } catch (const std::exception&) {
        // no database to read: nothing was committed
      }
    }
    // Xapian says "Error writing block"; the operator needs to hear why.
    struct statvfs fs {};
    if (::statvfs(o.db.c_str(), &fs) == 0 && static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize < kNearlyFull) {
      details["disk_full"] = true;
      spdlog::error("the disk holding {} is full ({} KB free): make room, then run the same command again; "
                    "it resumes where it stopped",
                    o.db, static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize / 1024);
    }
    try {
      audit.append(load_event("error", std::move(details)));
    } catch (const std::exception& audit_error) {
      // The load's own error is what the operator must see first.
      spdlog::critical("the failed load could not be recorded in the audit log: {}", redact_cpr(audit_error.what()));
    }
    throw;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const nlohmann::json summary = {{"added", stats.added.load()},
                                  {"replaced", stats.replaced.load()},
                                  {"unchanged", stats.unchanged.load()},
                                  {"repeated", stats.repeated.load()},
                                  {"resumed", stats.resumed.load()},
                                  {"rejected", stats.scan.rejected.load()},
                                  {"batches", stats.batches.load()},
                                  {"documents", stats.documents.load()},
                                  {"seconds", seconds}};
  audit.append(load_event("allowed", {{"summary", summary}}));
  if (o.json) {
    std::printf("%s\n", summary.dump().c_str());
  } else {
    const uint64_t indexed = stats.added + stats.replaced;
    std::printf(
        "indexed %llu (%llu new, %llu replaced), %llu unchanged, %llu repeated in the input, %llu rejected%s; "
        "%llu documents; %.1f s\n",
        static_cast<unsigned long long>(indexed), static_cast<unsigned long long>(stats.added.load()),
        static_cast<unsigned long long>(stats.replaced.load()), static_cast<unsigned long long>(stats.unchanged.load()),
        static_cast<unsigned long long>(stats.repeated.load()),
        static_cast<unsigned long long>(stats.scan.rejected.load()), rejects_note(stats.rejects_files).c_str(),
        static_cast<unsigned long long>(stats.documents.load()), seconds);
    if (stats.resumed > 0)
      std::printf("resumed: %llu records were already committed by an interrupted run\n",
                  static_cast<unsigned long long>(stats.resumed.load()));
  }
  return stats.scan.rejected > 0 ? kExitData : kExitOk;
}

int run_residents(const Installation& installation, const LoadCommandOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kLoad);
  index::DatabaseDir dir(o.db);
  std::error_code ec;
  std::filesystem::create_directories(dir.path(), ec);
  if (ec) throw EnvironmentError("cannot create " + o.db + ": " + ec.message());
  audit::AuditLog audit(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints));
  const auto load_event = [&](const std::string& outcome, nlohmann::json details) {
    auto e = caller.event("residents");
    e.outcome = outcome;
    details["db"] = std::filesystem::absolute(o.db).string();
    details["inputs"] = o.inputs;
    e.details = std::move(details);
    return e;
  };
  indexer::ResidentLoadStats stats;
  uint64_t total_bytes = 0;
  for (const auto& in : indexer::describe_inputs(o.inputs)) total_bytes += in.size;
  try {
    ProgressBar bar(stderr_is_terminal(),
                    [&] { return ProgressBar::Reading{stats.stored, stats.scan.bytes, total_bytes}; });
    indexer::load_residents(dir.residents_path(), o.inputs, rejects_path(o), o.batch_size, stats, log_to_stderr);
  } catch (const std::exception& e) {
    audit.append(load_event("error", {{"error", e.what()}}));
    throw;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const nlohmann::json summary = {{"load", stats.load},
                                  {"stored", stats.stored.load()},
                                  {"persons_replaced", stats.persons_replaced.load()},
                                  {"rejected", stats.scan.rejected.load()},
                                  {"registrations", stats.registrations},
                                  {"seconds", seconds}};
  audit.append(load_event("allowed", {{"summary", summary}}));
  if (o.json) {
    std::printf("%s\n", summary.dump().c_str());
  } else {
    std::printf("load %llu: stored %llu registrations, replaced the earlier rows of %llu persons, %llu rejected%s; "
                "%llu registrations; %.1f s\n",
                static_cast<unsigned long long>(stats.load), static_cast<unsigned long long>(stats.stored.load()),
                static_cast<unsigned long long>(stats.persons_replaced.load()),
                static_cast<unsigned long long>(stats.scan.rejected.load()), rejects_note(stats.rejects_files).c_str(),
                static_cast<unsigned long long>(stats.registrations), seconds);
  }
  return stats.scan.rejected > 0 ? kExitData : kExitOk;
}

}  // namespace

void register_index(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<LoadCommandOptions>();
  auto* cmd = app.add_subcommand("index", "Index reports (JSON Lines) into the database (created when missing)");
  add_common(cmd, *o);
  cmd->add_flag("--replace-all", o->replace_all,
                "Rebuild from a complete export; switched in atomically when done, resumable if interrupted");
  cmd->add_option("--threads", o->threads, "Analysis threads (default: one per core)")->check(CLI::Range(1, 256));
  cmd->footer(
      "Examples:\n"
      "  socialsoeg index --db /srv/socialsoeg reports-2024-03-01.jsonl\n"
      "  socialsoeg index --db /srv/socialsoeg --replace-all export/*.jsonl\n"
      "  export-tool | socialsoeg index --db /srv/socialsoeg --rejects today.rejects -\n"
      "Rejected lines: reported as file:line: field: reason, kept in INPUT.rejects; exit code 2.");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_index(installation, *o); }; });
}

void register_residents(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<LoadCommandOptions>();
  auto* cmd = app.add_subcommand("residents", "Load a residents extract (JSON Lines) into the database (created when missing)");
  add_common(cmd, *o);
  cmd->footer(
      "A newer extract replaces the rows of every person it names.\n"
      "Example:\n"
      "  socialsoeg residents --db /srv/socialsoeg cpr-extract-2024-03.jsonl");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_residents(installation, *o); }; });
}

}  // namespace socialsoeg::cli
