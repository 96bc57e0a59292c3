// `socialsoeg search`: the query language of contract §4 over the reports
// (query/). Every search is tied to a user and a purpose and appended to the
// audit log before any result is shown.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "actions/audit_events.h"
#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/reports_source.h"
#include "core/errors.h"
#include "core/redact.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "query/query_error.h"
#include "query/query_fields.h"
#include "query/searcher.h"

namespace socialsoeg::cli {
namespace {

struct SearchCommandOptions {
  std::string db;
  std::vector<std::string> words;
  std::string purpose;
  std::string user;
  std::string sort = "relevance";
  size_t limit = 10;
  size_t offset = 0;
  bool json = false;
  bool include_negated = false;
  bool explain = false;
  std::string shards;  // --shards FILE: every district database it lists, as one
};

std::string joined(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
  return q;
}

// The problem, where it is, and what to do; CPR numbers masked, since this
// goes to stderr and from there often into someone's log.
int report_bad_query(const query::QueryError& e, const std::string& q, bool json) {
  const size_t column = query::QueryError::column(q, e.position());
  std::fprintf(stderr, "error: bad query at character %zu: %s\n%s\n", column, redact_cpr(e.problem()).c_str(),
               redact_cpr(query::QueryError::caret_line(q, e.position())).c_str());
  if (!e.suggestion().empty()) std::fprintf(stderr, "%s\n", redact_cpr(e.suggestion()).c_str());
  if (json) {
    const nlohmann::json error = {{"error",
                                   {{"problem", e.problem()},
                                    {"suggestion", e.suggestion()},
                                    {"position", e.position()},
                                    {"column", column}}}};
    std::printf("%s\n", error.dump().c_str());
  }
  return kExitUsage;
}

void print_readable(const query::SearchResult& r) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string bold = tty ? "\033[1m" : "", plain = tty ? "\033[0m" : "";
  const std::string dim = tty ? "\033[2m" : "";
  // What matched: bold on a terminal, [brackets] on a pipe.
  const std::string mark = tty ? bold : "[", unmark = tty ? plain : "]";
  const size_t shown_to = r.offset + r.hits.size();
  std::printf("%s%s%u report%s%s, sorted by %s", bold.c_str(), r.total_exact ? "" : "more than ", r.total,
              r.total == 1 && r.total_exact ? "" : "s", plain.c_str(), r.sort == query::SortOrder::kDate ? "date, newest first" : "relevance");
  if (!r.hits.empty()) std::printf("; showing %zu-%zu", r.offset + 1, shown_to);
  std::printf("\n");
  size_t rank = r.offset;
  for (const auto& h : r.hits) {
    std::string occurred = h.occurred;
    if (occurred.size() > 10) occurred[10] = ' ';
    std::printf("\n%zu. %s%s%s  %s  %s  %s", ++rank, bold.c_str(), h.id.c_str(), plain.c_str(), occurred.c_str(),
                h.source.c_str(), h.district.c_str());
    if (!h.case_number.empty()) std::printf("  sag %s", h.case_number.c_str());
    if (r.sort == query::SortOrder::kRelevance) std::printf("  %s(%.2f)%s", dim.c_str(), h.score, plain.c_str());
    std::printf("\n");
    if (!h.title.empty()) {
      query::Snippet title{h.title, h.title_matches};
      std::printf("   %s\n", query::highlight(title, mark, unmark).c_str());
    }
    if (!h.snippet.text.empty()) std::printf("   %s\n", query::highlight(h.snippet, mark, unmark).c_str());
    std::string concepts;
    for (const auto& c : h.concepts)
      concepts += (concepts.empty() ? "" : ", ") + c.concept_id + (c.affirmed ? "" : " (negated)");
    if (!concepts.empty()) std::printf("   %sconcepts: %s%s\n", dim.c_str(), concepts.c_str(), plain.c_str());
    std::string persons;
    for (const auto& p : h.persons)
      persons += (persons.empty() ? "" : "; ") + p.name + " " + p.cpr.substr(0, 6) + "-" + p.cpr.substr(6) + " (" + p.role + ")";
    if (!persons.empty()) std::printf("   %spersons: %s%s\n", dim.c_str(), persons.c_str(), plain.c_str());
  }
}

int run_search(const Installation& installation, const SearchCommandOptions& o) {
  const std::string q = joined(o.words);
  require_purpose(o.purpose, "search");
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kSearch, o.purpose);
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const auto places = index::Places::load(installation.municipalities());
  const index::DatabaseDir dir(o.db);
  ReportsSource source = open_reports(dir, o.shards, analyzer.identity(), places);
  Xapian::Database& db = source.db;

  query::SearchOptions options;
  options.limit = o.limit;
  options.offset = o.offset;
  options.sort = o.sort == "date" ? query::SortOrder::kDate : query::SortOrder::kRelevance;
  options.include_negated = o.include_negated;
  options.scope = caller.scope;
  query::SearchResult result;
  const query::Searcher searcher(analyzer, places);
  try {
    if (o.explain) {
      query::BuildOptions b;
      b.include_negated = o.include_negated;
      std::printf("query: %s\n", query::QueryBuilder(analyzer, places, b).build(q, db).query.get_description().c_str());
    }
    result = searcher.search(db, q, options);
  } catch (const query::QueryError& e) {
    auto event = caller.event("search", o.purpose);
    event.query = q;
    event.outcome = "error";
    event.details = {{"error", e.problem()}};
    audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);
    return report_bad_query(e, q, o.json);
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "searching " + o.db);
  }

  // The record comes first: a search that cannot be audited shows nothing.
  auto event = actions::search_event(caller, o.purpose, q, result);
  event.details["include_negated"] = o.include_negated;
  if (source.national) event.details["districts"] = districts_json(source);
  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);
  if (o.json) {
    auto j = query::to_json(result);
    if (source.national) j["districts"] = districts_json(source);
    std::printf("%s\n", j.dump().c_str());
  } else {
    print_missing(source);
    print_readable(result);
  }
  return kExitOk;
}

}  // namespace

void register_search(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<SearchCommandOptions>();
  auto* cmd = app.add_subcommand("search", "Search the reports (docs/contract.md §4 query language)");
  add_db_option(cmd, o->db);
  cmd->add_option("query", o->words, "The query; several arguments are joined with spaces")->required();
  add_purpose_option(cmd, o->purpose);
  add_user_option(cmd, o->user);
  cmd->add_option("--limit", o->limit, "Reports to show (default 10)")->check(CLI::Range(1, 10'000));
  cmd->add_option("--offset", o->offset, "Skip this many reports first (paging)")->check(CLI::Range(0, 1'000'000));
  cmd->add_option("--sort", o->sort, "relevance (BM25, default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_flag("--include-negated", o->include_negated, "concept: also finds negated mentions (\"ikke beruset\")");
  add_json_flag(cmd, o->json);
  add_shards_option(cmd, o->shards);
  cmd->add_flag("--explain", o->explain, "Print the Xapian query before the results");
  cmd->footer(
      "Query language (docs/search.md): words, \"phrases\", AND OR NOT (OG ELLER IKKE), (parentheses),\n"
      "prefix*, and field:value filters:\n" +
      query::field_help() +
      "Examples:\n"
      "  socialsoeg search --db /srv/socialsoeg --purpose 'sag 0100-12345' 'spritkørsel district:fyn date:2024'\n"
      "  socialsoeg search --db /srv/socialsoeg --purpose 'opslag' --json 'concept:vold role:sigtet cpr:010190-1234'");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_search(installation, *o); }; });
}

}  // namespace socialsoeg::cli
