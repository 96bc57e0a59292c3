// `socialsoeg serve`: the officer web service and its Danish phone page
// (docs/service.md). Same library calls, users, roles, scopes and audit log
// as the CLI.
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "audit/audit_log.h"
#include "core/errors.h"
#include "core/redact.h"
#include "index/database_dir.h"
#include "server/http_server.h"
#include "server/service.h"
#include "server/service_state.h"

namespace socialsoeg::cli {
namespace {

struct ServeOptions {
  std::string db, config, listen;
};

int run_serve(const Installation& installation, const ServeOptions& o) {
  server::ServerConfig config = o.config.empty() ? server::ServerConfig() : server::ServerConfig::load(o.config);
  if (!o.listen.empty()) {
    const auto colon = o.listen.rfind(':');
    if (colon == std::string::npos) throw UsageError("--listen: give ADDRESS:PORT, e.g. 127.0.0.1:8080");
    config.address = o.listen.substr(0, colon);
    try {
      const int port = std::stoi(o.listen.substr(colon + 1));
      if (port < 0 || port > 65535) throw std::out_of_range("port");
      config.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
      throw UsageError("--listen: '" + o.listen.substr(colon + 1) + "' is not a port");
    }
  }
  const index::DatabaseDir dir(o.db);
  if (!dir.live_generation()) throw EnvironmentError("there is no index in " + o.db + ": index reports first");
  server::Service service(o.db, installation, config);
  server::HttpServer http(config, [&service](const server::HttpRequest& r) { return service.handle(r); });
  // The one line an operator reads: where, what, with which analyzer. No personal data.
  std::printf("socialsoeg serve: listening on %s://%s:%u, %s\n", config.tls() ? "https" : "http", config.address.c_str(),
              static_cast<unsigned>(http.port()), service.describe().c_str());
  std::fflush(stdout);
  // Records after the last checkpoint are vouched for only by this process's
  // memory: a checkpoint a minute while records come, so that a cut of the
  // log's tail after a crash loses at most a minute unnoticed.
  std::mutex checkpoint_mutex;
  std::condition_variable checkpoint_wakeup;
  bool stopped = false;
  std::thread checkpointer([&] {
    std::unique_lock lock(checkpoint_mutex);
    while (!checkpoint_wakeup.wait_for(lock, std::chrono::seconds(audit::AuditLog::kCheckpointSeconds),
                                       [&] { return stopped; })) {
      try {
        service.state().audit.checkpoint();
      } catch (const std::exception& e) {
        spdlog::error("audit checkpoint: {}", redact_cpr(e.what()));
      }
    }
  });
  http.run(/*stop_on_signals=*/true);
  {
    std::lock_guard lock(checkpoint_mutex);
    stopped = true;
  }
  checkpoint_wakeup.notify_all();
  checkpointer.join();
  const auto& audit = service.state().audit;
  std::printf("socialsoeg serve: stopped; %llu audit records written in %llu fsyncs\n",
              static_cast<unsigned long long>(audit.records_written()), static_cast<unsigned long long>(audit.fsyncs()));
  return kExitOk;
}

}  // namespace

void register_serve(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "The officer web service and its Danish phone page (docs/service.md)");
  add_db_option(cmd, o->db);
  cmd->add_option("--config", o->config, "Service settings (config/server.conf): listen, TLS, limits");
  cmd->add_option("--listen", o->listen, "ADDRESS:PORT (overrides the settings; port 0: any free port)");
  cmd->footer(
      "Users: socialsoeg user add. Stop with SIGTERM (answers in progress finish).\n"
      "Example:\n  socialsoeg serve --db /srv/socialsoeg --config /etc/socialsoeg/server.conf");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_serve(installation, *o); }; });
}

}  // namespace socialsoeg::cli
