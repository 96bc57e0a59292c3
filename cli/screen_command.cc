// `socialsoeg screen`: the weekly screening (docs/contract.md §6). Every run is
// audited (user, purpose, the flags shown) and remembered with the index, so
// `--new` can show only the flags with a report indexed since the previous run.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "actions/audit_events.h"
#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/screening_support.h"
#include "core/errors.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "query/hit.h"
#include "screening/run_log.h"
#include "screening/screener.h"

namespace socialsoeg::cli {
namespace {

struct ScreenCommandOptions {
  std::string db, as_of, purpose, user, report_dir;
  bool json = false, csv = false, only_new = false;
  RuleFlags rule;
};

int run_screen(const Installation& installation, const ScreenCommandOptions& o) {
  require_purpose(o.purpose, "screen");
  if (o.json && o.csv) throw UsageError("give --json or --csv, not both");
  Date as_of = today_utc();
  if (!o.as_of.empty()) {
    const auto d = Date::parse_iso(o.as_of);
    if (!d) throw UsageError("--as-of: '" + o.as_of + "' is not a date (YYYY-MM-DD)");
    as_of = *d;
  }
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kScreen, o.purpose);
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const auto rule = rule_from(o.rule, analyzer.concepts(), installation);

  const index::DatabaseDir dir(o.db);
  Xapian::Database reports = dir.open_live_for_reading(&analyzer.identity());
  const index::ResidentStore residents(dir.residents_path());
  const screening::RunLog runs(dir.path());
  const auto previous = runs.last(caller.scope.describe());
  screening::ScreeningResult result;
  try {
    result = screening::Screener(reports, residents, rule, caller.scope).run(as_of, previous ? previous->last_batch : 0, o.only_new);
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "screening " + o.db);
  }
  std::vector<const screening::Flag*> shown;
  size_t new_flags = 0;
  for (const auto& f : result.flags) {
    new_flags += f.is_new;
    if (!o.only_new || f.is_new) shown.push_back(&f);
  }

  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints))
      .append(actions::screening_event(caller, "screen", o.purpose, result, shown, o.only_new, !o.report_dir.empty()));
  screening::RunRecord record;
  record.user = caller.name;
  record.scope = caller.scope.describe();
  record.as_of = as_of.iso();
  record.last_batch = result.last_batch;
  record.flags = result.flags.size();
  record.new_flags = new_flags;
  const uint64_t number = runs.append(record);

  show_screening(result, shown, number, o.only_new, o.json ? Format::kJson : o.csv ? Format::kCsv : Format::kReadable);
  if (!o.report_dir.empty()) {
    const auto places = index::Places::load(installation.municipalities());
    const size_t n = write_drafts(o.report_dir, result, shown, reports, residents, places, analyzer.concepts());
    std::fprintf(stderr, "wrote %zu draft socialrapport%s (Markdown and HTML) to %s\n", n, n == 1 ? "" : "er",
                 o.report_dir.c_str());
  }
  if (!o.json && !o.csv) {
    if (previous)
      std::printf("\nrun %llu; previous run %llu (%s) saw the index up to batch %llu\n",
                  static_cast<unsigned long long>(number), static_cast<unsigned long long>(previous->number),
                  previous->time.c_str(), static_cast<unsigned long long>(previous->last_batch));
  }
  return kExitOk;
}

}  // namespace

void register_screen(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<ScreenCommandOptions>();
  auto* cmd = app.add_subcommand("screen", "The weekly screening: households where an adult acts again and again (docs/contract.md §6)");
  add_db_option(cmd, o->db);
  cmd->add_option("--as-of", o->as_of, "Reports up to this date (YYYY-MM-DD; default today)");
  add_purpose_option(cmd, o->purpose);
  add_user_option(cmd, o->user);
  cmd->add_flag("--new", o->only_new, "Only flags with a report indexed after the previous run");
  add_json_flag(cmd, o->json);
  cmd->add_flag("--csv", o->csv, "Print CSV (one flag per line)");
  add_rule_flags(cmd, o->rule);
  cmd->add_option("--report", o->report_dir, "Write a draft socialrapport per flag shown (Markdown and HTML) here");
  cmd->footer(
      "Examples:\n"
      "  socialsoeg screen --db /srv/socialsoeg --purpose 'ugentlig screening uge 48'\n"
      "  socialsoeg screen --db /srv/socialsoeg --purpose 'uge 49' --new --csv > uge49.csv");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_screen(installation, *o); }; });
}

}  // namespace socialsoeg::cli
