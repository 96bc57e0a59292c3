// `socialsoeg saved add|list|run|rm`: named searches kept with the index
// (saved/). `run --new` shows exactly the matching reports the previous run
// did not match; a saved screening (`add --screen`) runs the screening with
// its settings and "new" relative to its own previous run.
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
#include "core/redact.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "query/query_error.h"
#include "query/searcher.h"
#include "saved/saved_runner.h"
#include "saved/saved_store.h"

namespace socialsoeg::cli {
namespace {

struct SavedOptions {
  std::string db, name, query, description, purpose, user, as_of;
  bool screen = false, json = false, csv = false, only_new = false;
  size_t limit = 20;
  RuleFlags rule;
};

int run_add(const Installation& installation, const SavedOptions& o) {
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kSaved);
  saved::SavedSearch s;
  s.name = o.name;
  s.description = o.description;
  s.user = caller.name;
  s.scope = caller.scope.describe();
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const index::DatabaseDir dir(o.db);
  if (o.screen) {
    if (!o.query.empty()) throw UsageError("a saved screening takes no query (give the rule's flags instead)");
    s.kind = "screen";
    s.rule = screening::to_json(rule_from(o.rule, analyzer.concepts(), installation));
  } else {
    if (o.query.empty()) throw UsageError("give the query to save (or --screen for the screening)");
    s.query = o.query;
    // Refuse a query that would not run, with the same message a search gives.
    const auto places = index::Places::load(installation.municipalities());
    Xapian::Database db = dir.open_live_for_reading(&analyzer.identity());
    try {
      query::QueryBuilder(analyzer, places).build(o.query, db);
    } catch (const query::QueryError& e) {
      std::fprintf(stderr, "error: bad query at character %zu: %s\n%s\n", query::QueryError::column(o.query, e.position()),
                   redact_cpr(e.problem()).c_str(), redact_cpr(query::QueryError::caret_line(o.query, e.position())).c_str());
      if (!e.suggestion().empty()) std::fprintf(stderr, "%s\n", redact_cpr(e.suggestion()).c_str());
      return kExitUsage;
    }
  }
  saved::SavedStore(dir.path(), caller.name).add(s);
  auto event = caller.event("saved-add");
  event.query = s.query;
  event.details = {{"name", s.name}, {"kind", s.kind}};
  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);
  std::printf("saved %s '%s'\n", s.kind == "screen" ? "screening" : "search", s.name.c_str());
  return kExitOk;
}

int run_list(const Installation& installation, const SavedOptions& o) {
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kSaved);
  const index::DatabaseDir dir(o.db);
  const saved::SavedStore store(dir.path(), caller.name);
  nlohmann::json all = nlohmann::json::array();
  for (const auto& s : store.list()) {
    const auto state = store.state(s.name);
    nlohmann::json j = {{"name", s.name},       {"kind", s.kind},        {"query", s.query},
                        {"description", s.description}, {"created", s.created}, {"user", s.user},
                        {"runs", state.runs},    {"last_run", state.time}};
    if (!s.rule.is_null()) j["rule"] = s.rule;
    all.push_back(std::move(j));
  }
  if (o.json) {
    std::printf("%s\n", all.dump().c_str());
    return kExitOk;
  }
  if (all.empty()) std::printf("no saved searches\n");
  for (const auto& j : all) {
    std::printf("%-24s %-9s %s\n", j["name"].get<std::string>().c_str(), j["kind"].get<std::string>().c_str(),
                j["kind"] == "screen" ? "(the screening)" : j["query"].get<std::string>().c_str());
    if (!j["description"].get<std::string>().empty()) std::printf("%24s %s\n", "", j["description"].get<std::string>().c_str());
    std::printf("%24s runs: %llu%s%s\n", "", static_cast<unsigned long long>(j["runs"].get<uint64_t>()),
                j["last_run"].get<std::string>().empty() ? "" : ", last ",
                j["last_run"].get<std::string>().c_str());
  }
  return kExitOk;
}

int run_rm(const Installation& installation, const SavedOptions& o) {
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kSaved);
  const index::DatabaseDir dir(o.db);
  const saved::SavedStore store(dir.path(), caller.name);
  if (!store.find(o.name)) throw UsageError("there is no saved search '" + o.name + "' (saved list shows yours)");
  store.remove(o.name);
  auto event = caller.event("saved-rm");
  event.details = {{"name", o.name}};
  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);
  std::printf("removed '%s'\n", o.name.c_str());
  return kExitOk;
}

void print_hits(const saved::SavedRunResult& r, bool only_new) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string bold = tty ? "\033[1m" : "", plain = tty ? "\033[0m" : "";
  const std::string mark = tty ? bold : "[", unmark = tty ? plain : "]";
  std::printf("%s%s%s: %zu report%s match, %zu new since the last run%s; showing %zu%s\n", bold.c_str(),
              r.search.name.c_str(), plain.c_str(), r.matches, r.matches == 1 ? "" : "s", r.new_ids.size(),
              r.run == 1 ? " (the first run)" : "", r.hits.size(), only_new ? " new" : "");
  for (const auto& h : r.hits) {
    std::printf("\n  %s  %s%s%s  %s  %s\n", h.occurred.substr(0, 10).c_str(), bold.c_str(), h.id.c_str(), plain.c_str(),
                h.district.c_str(), h.title.c_str());
    if (!h.snippet.text.empty()) std::printf("    %s\n", query::highlight(h.snippet, mark, unmark).c_str());
  }
}

int run_run(const Installation& installation, const SavedOptions& o) {
  require_purpose(o.purpose, "saved run");
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kSaved, o.purpose);
  Date as_of = today_utc();
  if (!o.as_of.empty()) {
    const auto d = Date::parse_iso(o.as_of);
    if (!d) throw UsageError("--as-of: '" + o.as_of + "' is not a date (YYYY-MM-DD)");
    as_of = *d;
  }
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const auto places = index::Places::load(installation.municipalities());
  const index::DatabaseDir dir(o.db);
  const saved::SavedStore store(dir.path(), caller.name);
  const auto search = store.find(o.name);
  if (!search) throw UsageError("there is no saved search '" + o.name + "' (saved list shows yours)");
  Xapian::Database db = dir.open_live_for_reading(&analyzer.identity());
  std::optional<index::ResidentStore> residents;
  if (search->kind == "screen") residents.emplace(dir.residents_path());
  const auto previous = store.state(o.name);
  saved::SavedRunResult result;
  try {
    result = saved::SavedRunner(analyzer, places)
                 .run(*search, previous, db, residents ? &*residents : nullptr, o.only_new, o.limit, as_of, caller.scope);
  } catch (const query::QueryError& e) {
    throw UsageError("the saved query '" + search->query + "' no longer runs: " + e.what());
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "running " + o.name);
  }
  result.next.user = caller.name;

  std::vector<const screening::Flag*> shown;
  audit::AuditEvent event;
  if (result.screening) {
    for (const auto& f : result.screening->flags)
      if (!o.only_new || f.is_new) shown.push_back(&f);
    event = actions::screening_event(caller, "saved-run", o.purpose, *result.screening, shown, o.only_new, false);
  } else {
    event = caller.event("saved-run", o.purpose);
    event.query = search->query;
    for (const auto& h : result.hits) {
      event.ids.push_back(h.id);
      for (const auto& p : h.persons) event.persons.push_back(p.cpr);
    }
    if (o.json)  // the JSON lists every new id too
      for (const auto& id : result.new_ids)
        if (std::find(event.ids.begin(), event.ids.end(), id) == event.ids.end()) event.ids.push_back(id);
    event.details = {{"new_only", o.only_new}};
  }
  event.details["name"] = o.name;
  event.details["kind"] = search->kind;
  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);

  if (result.screening) {
    show_screening(*result.screening, shown, result.run, o.only_new,
                   o.json ? Format::kJson : o.csv ? Format::kCsv : Format::kReadable);
  } else if (o.json) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : result.hits) hits.push_back(query::to_json(h));
    std::printf("%s\n", nlohmann::json{{"name", o.name},
                                       {"query", search->query},
                                       {"run", result.run},
                                       {"matches", result.matches},
                                       {"new", result.new_ids},
                                       {"hits", std::move(hits)}}
                            .dump()
                            .c_str());
  } else {
    print_hits(result, o.only_new);
  }
  // Remembered only once shown: a run that dies before shows the same next time.
  std::fflush(stdout);
  store.record_run(o.name, result.next);
  return kExitOk;
}

}  // namespace

void register_saved(CLI::App& app, CommandAction& action) {
  auto* saved = app.add_subcommand("saved", "Saved searches kept with the index: add, list, run, rm");
  saved->require_subcommand(1);

  auto add = std::make_shared<SavedOptions>();
  auto* a = saved->add_subcommand("add", "Save a query (or, with --screen, the screening) under a name");
  add_db_option(a, add->db);
  a->add_option("name", add->name, "Name: letters a-z, digits, '-', '_'")->required();
  a->add_option("query", add->query, "The query (docs/search.md)");
  a->add_option("--description", add->description, "What it is for");
  add_user_option(a, add->user);
  a->add_flag("--screen", add->screen, "Save the screening with the rule of --config and the flags below");
  add_rule_flags(a, add->rule);
  a->callback([add, &action] { action = [add](const Installation& installation) { return run_add(installation, *add); }; });

  auto list = std::make_shared<SavedOptions>();
  auto* l = saved->add_subcommand("list", "List the saved searches");
  add_db_option(l, list->db);
  add_user_option(l, list->user);
  add_json_flag(l, list->json);
  l->callback([list, &action] { action = [list](const Installation& installation) { return run_list(installation, *list); }; });

  auto run = std::make_shared<SavedOptions>();
  auto* r = saved->add_subcommand("run", "Run a saved search; --new: only what the previous run did not match");
  add_db_option(r, run->db);
  r->add_option("name", run->name, "The saved search")->required();
  add_purpose_option(r, run->purpose);
  add_user_option(r, run->user);
  r->add_flag("--new", run->only_new, "Only reports (flags) new since the previous run of this search");
  r->add_option("--limit", run->limit, "Reports to show (default 20)")->check(CLI::Range(1, 100000));
  r->add_option("--as-of", run->as_of, "A saved screening: reports up to this date (default today)");
  add_json_flag(r, run->json);
  r->add_flag("--csv", run->csv, "A saved screening: print CSV");
  r->callback([run, &action] { action = [run](const Installation& installation) { return run_run(installation, *run); }; });

  auto rm = std::make_shared<SavedOptions>();
  auto* d = saved->add_subcommand("rm", "Remove a saved search and what its runs remembered");
  add_db_option(d, rm->db);
  d->add_option("name", rm->name, "The saved search")->required();
  add_user_option(d, rm->user);
  d->callback([rm, &action] { action = [rm](const Installation& installation) { return run_rm(installation, *rm); }; });
}

}  // namespace socialsoeg::cli
