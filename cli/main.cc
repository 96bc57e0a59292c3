// socialsoeg — search and screening over Danish police texts.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/installation_options.h"
#include "core/errors.h"

namespace {

constexpr const char* kDescription =
    "Socialsøg: full-text search and screening of Danish police reports for\n"
    "children at risk. Every command that shows personal data needs --purpose.";

}  // namespace

int main(int argc, char** argv) {
  using namespace socialsoeg;
  // Logs go to stderr so that stdout carries only results (and JSON stays parseable).
  auto logger = spdlog::stderr_color_mt("socialsoeg");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");

  CLI::App app{kDescription, "socialsoeg"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(SOCIALSOEG_VERSION));
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log what the program does (to stderr)");
  cli::InstallationFlags installation_flags;
  cli::add_installation_options(app, installation_flags);

  cli::CommandAction action;
  cli::register_analyze(app, action);
  cli::register_index(app, action);
  cli::register_residents(app, action);
  cli::register_status(app, action);
  cli::register_search(app, action);
  cli::register_family(app, action);
  cli::register_screen(app, action);
  cli::register_saved(app, action);
  cli::register_user(app, action);
  cli::register_audit(app, action);
  cli::register_serve(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real parse error is a usage error.
    return code == 0 ? kExitOk : kExitUsage;
  }
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  try {
    return action(cli::resolve_installation(installation_flags));
  } catch (const UsageError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const DataError& e) {
    spdlog::error("{}", e.what());
    return kExitData;
  } catch (const EnvironmentError& e) {
    spdlog::error("{}", e.what());
    return kExitEnvironment;
  } catch (const AccessDenied& e) {
    spdlog::error("not allowed: {}", e.what());
    return kExitDenied;
  } catch (const std::exception& e) {
    // Anything else is a defect in Socialsøg, not in the user's input.
    spdlog::critical("internal error: {}", e.what());
    return kExitEnvironment;
  }
}
