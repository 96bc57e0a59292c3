// `socialsoeg screen`: the weekly screening (design.md §6). Every run is
// audited (user, purpose, the flags shown) and remembered with the index, so
// `--new` can show only the flags with a report indexed since the previous run.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "cli/commands.h"
#include "core/errors.h"
#include "indexer/database_dir.h"
#include "indexer/resident_store.h"
#include "query/hit.h"
#include "screening/run_log.h"
#include "screening/screener.h"

namespace socialsoeg::cli {
namespace {

struct ScreenCommandOptions {
  std::string db, as_of, purpose, user, config;
  bool json = false, csv = false, only_new = false;
  std::vector<std::pair<std::string, std::string>> overrides;  // setting -> value, from flags
  std::string window_days, min_reports, roles, concepts, adult_age, child_age;
};

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::vector<std::string> displayed(const std::vector<std::string>& cprs) {
  std::vector<std::string> out;
  for (const auto& c : cprs) out.push_back(query::display_cpr(c));
  return out;
}

nlohmann::json to_json(const screening::ScreeningResult& r, const std::vector<const screening::Flag*>& shown,
                       uint64_t run_number) {
  nlohmann::json flags = nlohmann::json::array();
  for (const auto* f : shown) {
    nlohmann::json ids = nlohmann::json::array(), details = nlohmann::json::array();
    for (const auto& rep : f->reports) {
      ids.push_back(rep.id);
      details.push_back({{"id", rep.id},
                         {"occurred", rep.occurred.iso()},
                         {"roles", rep.roles},
                         {"concepts", rep.concepts},
                         {"new", rep.batch > r.previous_batch}});
    }
    flags.push_back({{"cpr", query::display_cpr(f->cpr)},
                     {"address_id", f->address_id},
                     {"children", displayed(f->children)},
                     {"reports", std::move(ids)},
                     {"concepts", f->concepts},
                     {"pattern_date", f->pattern_date.iso()},
                     {"new", f->is_new},
                     {"report_details", std::move(details)}});
  }
  return {{"as_of", r.as_of.iso()},
          {"rule", screening::to_json(r.rule)},
          {"run", run_number},
          {"previous_batch", r.previous_batch},
          {"last_batch", r.last_batch},
          {"flags", std::move(flags)}};
}

// RFC 4180: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void print_csv(const std::vector<const screening::Flag*>& shown) {
  std::printf("cpr,address_id,pattern_date,children,reports,concepts,new\n");
  for (const auto* f : shown) {
    std::vector<std::string> ids;
    for (const auto& rep : f->reports) ids.push_back(rep.id);
    const std::vector<std::string> concepts(f->concepts.begin(), f->concepts.end());
    std::printf("%s,%s,%s,%s,%s,%s,%s\n", query::display_cpr(f->cpr).c_str(), csv_field(f->address_id).c_str(),
                f->pattern_date.iso().c_str(), csv_field(joined(displayed(f->children), " ")).c_str(),
                csv_field(joined(ids, " ")).c_str(), csv_field(joined(concepts, " ")).c_str(), f->is_new ? "yes" : "no");
  }
}

void print_readable(const screening::ScreeningResult& r, const std::vector<const screening::Flag*>& shown,
                    bool only_new) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string bold = tty ? "\033[1m" : "", plain = tty ? "\033[0m" : "";
  std::printf("%s%zu flag%s%s as of %s%s (rule: %d+ reports within %d days, acting as %s)\n", bold.c_str(), shown.size(),
              shown.size() == 1 ? "" : "s", only_new ? " with new reports" : "", r.as_of.iso().c_str(), plain.c_str(),
              r.rule.min_reports, r.rule.window_days,
              joined(std::vector<std::string>(r.rule.acting_roles.begin(), r.rule.acting_roles.end()), "/").c_str());
  for (const auto* f : shown) {
    const std::vector<std::string> concepts(f->concepts.begin(), f->concepts.end());
    std::printf("\n%s%s%s at %s%s  children: %s\n  %s\n", bold.c_str(), query::display_cpr(f->cpr).c_str(), plain.c_str(),
                f->address_id.c_str(), f->is_new ? "  [new]" : "", joined(displayed(f->children), ", ").c_str(),
                joined(concepts, ", ").c_str());
    for (const auto& rep : f->reports)
      std::printf("    %s  %-28s %-12s %s%s\n", rep.occurred.iso().c_str(), rep.id.c_str(), joined(rep.roles, "/").c_str(),
                  joined(rep.concepts, ", ").c_str(), rep.batch > r.previous_batch && r.previous_batch ? "  [new]" : "");
  }
}

int run_screen(const ScreenCommandOptions& o) {
  if (o.purpose.find_first_not_of(" \t") == std::string::npos)
    throw UsageError("screen shows personal data: give --purpose with a case number or the reason for the run");
  if (o.json && o.csv) throw UsageError("give --json or --csv, not both");
  Date as_of = today_utc();
  if (!o.as_of.empty()) {
    const auto d = Date::parse_iso(o.as_of);
    if (!d) throw UsageError("--as-of: '" + o.as_of + "' is not a date (YYYY-MM-DD)");
    as_of = *d;
  }
  const analysis::Analyzer analyzer;
  const auto& concepts = analyzer.concepts();
  const std::filesystem::path config =
      o.config.empty() ? screening::ScreeningRule::default_file() : std::filesystem::path(o.config);
  auto rule = screening::ScreeningRule::load(config, concepts);
  const std::pair<const char*, const std::string*> flags[] = {
      {"window_days", &o.window_days}, {"min_reports", &o.min_reports}, {"acting_roles", &o.roles},
      {"concepts", &o.concepts},       {"adult_age", &o.adult_age},     {"child_age", &o.child_age}};
  for (const auto& [key, value] : flags) {
    if (value->empty()) continue;
    std::string v = *value;
    std::replace(v.begin(), v.end(), ',', ' ');
    try {
      rule.set(key, v, concepts, std::string("--") + key + ": ");
    } catch (const DataError& e) {
      throw UsageError(e.what());
    }
  }

  const indexer::DatabaseDir dir(o.db);
  Xapian::Database reports = dir.open_live_for_reading(&analyzer.identity());
  const indexer::ResidentStore residents(dir.residents_path());
  const screening::RunLog runs(dir.path());
  const auto previous = runs.last();
  screening::ScreeningResult result;
  try {
    result = screening::Screener(reports, residents, rule).run(as_of, previous ? previous->last_batch : 0);
  } catch (const Xapian::Error& e) {
    indexer::rethrow_xapian(e, "screening " + o.db);
  }
  std::vector<const screening::Flag*> shown;
  size_t new_flags = 0;
  for (const auto& f : result.flags) {
    new_flags += f.is_new;
    if (!o.only_new || f.is_new) shown.push_back(&f);
  }

  const std::string user = o.user.empty() ? audit::login_name() : o.user;
  nlohmann::json subjects = nlohmann::json::array();
  for (const auto* f : shown) subjects.push_back({{"cpr", f->cpr}, {"address_id", f->address_id}});
  nlohmann::json entry = {{"action", "screen"},
                          {"db", std::filesystem::absolute(o.db).string()},
                          {"purpose", o.purpose},
                          {"as_of", as_of.iso()},
                          {"new_only", o.only_new},
                          {"rule", screening::to_json(rule)},
                          {"flags", std::move(subjects)}};
  audit::AuditLog(dir.audit_log_path()).append(user, std::move(entry));
  screening::RunRecord record;
  record.user = user;
  record.as_of = as_of.iso();
  record.last_batch = result.last_batch;
  record.flags = result.flags.size();
  record.new_flags = new_flags;
  const uint64_t number = runs.append(record);

  if (o.json) {
    std::printf("%s\n", to_json(result, shown, number).dump().c_str());
  } else if (o.csv) {
    print_csv(shown);
  } else {
    print_readable(result, shown, o.only_new);
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
  auto* cmd = app.add_subcommand("screen", "The weekly screening: households where an adult acts again and again (design.md §6)");
  cmd->add_option("--db", o->db, "Database directory")->required();
  cmd->add_option("--as-of", o->as_of, "Reports up to this date (YYYY-MM-DD; default today)");
  cmd->add_option("--purpose", o->purpose, "Case number or reason for the run (required; audit log)");
  cmd->add_option("--user", o->user, "Who runs it (audit log; default: login name)");
  cmd->add_flag("--new", o->only_new, "Only flags with a report indexed after the previous run");
  cmd->add_flag("--json", o->json, "Print JSON (design.md §7)");
  cmd->add_flag("--csv", o->csv, "Print CSV (one flag per line)");
  cmd->add_option("--config", o->config, "Screening settings (default: config/screening.conf)");
  cmd->add_option("--window-days", o->window_days, "Override window_days");
  cmd->add_option("--min-reports", o->min_reports, "Override min_reports");
  cmd->add_option("--roles", o->roles, "Override acting_roles (e.g. 'sigtet,involveret')");
  cmd->add_option("--concepts", o->concepts, "Override concepts ('risk' or ids, e.g. 'vold,partnervold')");
  cmd->add_option("--adult-age", o->adult_age, "Override adult_age");
  cmd->add_option("--child-age", o->child_age, "Override child_age");
  cmd->footer(
      "Examples:\n"
      "  socialsoeg screen --db /srv/socialsoeg --purpose 'ugentlig screening uge 48'\n"
      "  socialsoeg screen --db /srv/socialsoeg --purpose 'uge 49' --new --csv > uge49.csv");
  cmd->callback([o, &action] { action = [o] { return run_screen(*o); }; });
}

}  // namespace socialsoeg::cli
