// `socialsoeg audit verify|search` (auditor; docs/access.md): is the log
// whole, and who looked up whom, when and why. Both are themselves audited.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit_search.h"
#include "audit/audit_verify.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "core/errors.h"

namespace socialsoeg::cli {
namespace {

struct AuditOptions {
  std::string db, user, checkpoints, public_key;
  audit::AuditFilter filter;
  size_t limit = 100;
  bool json = false;
};

int run_verify(const Installation& installation, const AuditOptions& o) {
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kAudit);
  audit::AuditLog log(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints));
  const auto files = log.files();
  const auto checkpoints = o.checkpoints.empty() ? files.checkpoints : std::filesystem::path(o.checkpoints);
  const auto public_key =
      o.public_key.empty() ? log.keys().sign_public : audit::read_public_key(o.public_key);
  const auto report = audit::verify_log(files.log, log.keys(), checkpoints, public_key);
  auto event = caller.event("audit-verify");
  event.outcome = "allowed";
  event.details = {{"records", report.records}, {"intact", !report.problem}};
  if (report.problem) event.details["problem"] = report.problem->message;
  log.append(event);  // after the walk: the walk sees the log as it was

  const nlohmann::json j = audit::to_json(report);
  if (o.json) {
    std::printf("%s\n", j.dump().c_str());
  } else if (report.problem) {
    std::printf("audit log BROKEN (%s): %s\n", report.problem->kind.c_str(), report.problem->message.c_str());
  } else {
    std::printf("audit log intact: %llu records, %llu checkpoints (the last for record %llu)%s%s\n",
                static_cast<unsigned long long>(report.records), static_cast<unsigned long long>(report.checkpoints),
                static_cast<unsigned long long>(report.last_checkpoint), report.warning.empty() ? "" : "; ",
                report.warning.c_str());
  }
  return report.problem ? kExitData : kExitOk;
}

int run_search(const Installation& installation, const AuditOptions& o) {
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kAudit);
  audit::AuditLog log(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints));
  const auto records = audit::search_log(log.files().log, log.keys(), o.filter);
  auto event = caller.event("audit-search");
  if (!o.filter.person.empty()) event.persons.push_back(o.filter.person);
  event.details = {{"by", o.filter.user}, {"purpose", o.filter.purpose}, {"action", o.filter.action},
                   {"from", o.filter.from}, {"to", o.filter.to}, {"found", records.size()}};
  log.append(event);

  const size_t first = records.size() > o.limit ? records.size() - o.limit : 0;  // the newest
  if (o.json) {
    nlohmann::json all = nlohmann::json::array();
    for (size_t i = first; i < records.size(); ++i) all.push_back(records[i]);
    std::printf("%s\n", nlohmann::json{{"found", records.size()}, {"records", all}}.dump().c_str());
    return kExitOk;
  }
  std::printf("%zu record%s%s\n", records.size(), records.size() == 1 ? "" : "s",
              first > 0 ? (", the newest " + std::to_string(o.limit) + " shown").c_str() : "");
  for (size_t i = first; i < records.size(); ++i) {
    const auto& r = records[i];
    std::string ids;
    for (const auto& id : r.value("ids", nlohmann::json::array())) ids += (ids.empty() ? "" : " ") + id.get<std::string>();
    std::printf("%6llu  %s  %-12s %-14s %-8s %s  purpose: %s\n", static_cast<unsigned long long>(r.value("seq", 0ULL)),
                r.value("time", "").c_str(), r.value("user", "").c_str(), r.value("action", "").c_str(),
                r.value("outcome", "").c_str(), r.value("query", "").c_str(), r.value("purpose", "").c_str());
    if (!ids.empty()) std::printf("        ids: %s\n", ids.c_str());
  }
  return kExitOk;
}

}  // namespace

void register_audit(CLI::App& app, CommandAction& action) {
  auto* cmd = app.add_subcommand("audit", "Verify and search the audit log (auditor; docs/access.md)");
  cmd->require_subcommand(1);
  auto v = std::make_shared<AuditOptions>();
  auto* verify = cmd->add_subcommand("verify", "Check that no record was edited, deleted, inserted, reordered or cut off");
  add_db_option(verify, v->db);
  add_user_option(verify, v->user);
  verify->add_option("--checkpoints", v->checkpoints, "The signed checkpoints (default: DIR/audit.checkpoints; a copy kept elsewhere is better)");
  verify->add_option("--public-key", v->public_key, "The checkpoint public key (default: DIR/access/audit-sign.pub)");
  add_json_flag(verify, v->json);
  verify->callback([v, &action] { action = [v](const Installation& installation) { return run_verify(installation, *v); }; });

  auto s = std::make_shared<AuditOptions>();
  auto* search = cmd->add_subcommand("search", "Records by user, person, purpose, action, outcome or time");
  add_db_option(search, s->db);
  add_user_option(search, s->user);
  search->add_option("--by", s->filter.user, "Records of this user");
  search->add_option("--person", s->filter.person, "Records that looked up or showed this CPR number");
  search->add_option("--purpose", s->filter.purpose, "Records whose purpose contains this text");
  search->add_option("--action", s->filter.action, "search, family, screen, saved-run, index, login, …");
  search->add_option("--outcome", s->filter.outcome, "allowed, denied or error")->check(CLI::IsMember({"allowed", "denied", "error"}));
  search->add_option("--from", s->filter.from, "From this date or time (UTC, ISO 8601)");
  search->add_option("--to", s->filter.to, "Up to this date or time (inclusive)");
  search->add_option("--limit", s->limit, "Show at most this many, the newest (default 100)");
  add_json_flag(search, s->json);
  search->callback([s, &action] { action = [s](const Installation& installation) { return run_search(installation, *s); }; });
  cmd->footer(
      "Examples:\n"
      "  socialsoeg audit verify --db /srv/socialsoeg --checkpoints /mnt/offsite/audit.checkpoints\n"
      "  socialsoeg audit search --db /srv/socialsoeg --person 010190-1234 --from 2026-01-01");
}

}  // namespace socialsoeg::cli
