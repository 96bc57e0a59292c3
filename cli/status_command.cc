// `socialsoeg status`: what a database directory holds — for the operator
// after a load, and the first thing to look at when something seems off.
// Shows counts and load history, never personal data, so it needs no purpose.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "core/errors.h"
#include "index/database_dir.h"
#include "index/resident_store.h"
#include "index/schema.h"

namespace socialsoeg::cli {
namespace {

struct StatusOptions {
  std::string db, user;
  bool json = false;
};

int run_status(const Installation& installation, const StatusOptions& o) {
  authorize(installation, o.db, o.user, access::Action::kHealth);
  index::DatabaseDir dir(o.db);
  const auto generation = dir.live_generation();
  if (!generation) throw EnvironmentError(o.db + " holds no Socialsøg index (run socialsoeg index first)");
  const Xapian::Database db = dir.open_live_for_reading();
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const std::string built_with = db.get_metadata(std::string(schema::kMetaAnalyzer));
  const std::string last_batch = db.get_metadata(std::string(schema::kMetaLastBatch));
  nlohmann::json last_record;
  if (!last_batch.empty() && last_batch != "0")
    last_record = nlohmann::json::parse(db.get_metadata(schema::batch_key(std::stoull(last_batch))), nullptr, false);
  nlohmann::json status = {{"db", o.db},
                           {"generation", *generation},
                           {"documents", db.get_doccount()},
                           {"last_batch", last_batch.empty() ? 0 : std::stoull(last_batch)},
                           {"last_batch_record", last_record},
                           {"analyzer", built_with},
                           {"analyzer_matches", built_with == analyzer.identity()},
                           {"schema", db.get_metadata(std::string(schema::kMetaSchema))}};
  if (std::filesystem::exists(dir.residents_path()))
    status["registrations"] = index::ResidentStore(dir.residents_path()).size();
  if (std::filesystem::exists(dir.audit_log_path())) {
    const auto files = audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints);
    const auto keys = audit::AuditKeys::load_or_create(files.keys);
    const auto report = audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public);
    status["audit_log"] = report.problem ? "BROKEN: " + report.problem->message : std::string("intact");
    status["audit_records"] = report.records;
  }
  if (o.json) {
    std::printf("%s\n", status.dump().c_str());
  } else {
    std::printf("database     %s (generation %u)\n", o.db.c_str(), *generation);
    std::printf("documents    %u reports\n", db.get_doccount());
    std::printf("last batch   %s%s\n", status["last_batch"].dump().c_str(),
                last_record.is_object() ? ("  " + last_record.value("time", "") + "  " +
                                           std::to_string(last_record.value("records", 0)) + " records")
                                              .c_str()
                                        : "");
    std::printf("analyzer     %s%s\n", built_with.c_str(),
                status["analyzer_matches"] ? "" : "\n             DIFFERS from this program's: a re-index is needed (index --replace-all)");
    if (status.contains("registrations"))
      std::printf("residents    %llu registrations\n", static_cast<unsigned long long>(status["registrations"].get<uint64_t>()));
    if (status.contains("audit_log")) std::printf("audit log    %s\n", status["audit_log"].get<std::string>().c_str());
  }
  return status["analyzer_matches"] ? kExitOk : kExitEnvironment;
}

}  // namespace

void register_status(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "Show what a database directory holds (operator; no personal data)");
  add_db_option(cmd, o->db);
  add_json_flag(cmd, o->json);
  add_user_option(cmd, o->user);
  cmd->footer("Exit code 3 when the index was built by another analyzer and needs a re-index.\n"
              "Example:\n  socialsoeg status --db /srv/socialsoeg");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_status(installation, *o); }; });
}

}  // namespace socialsoeg::cli
