// The subcommands of `socialsoeg`. Each lives in its own file and registers
// itself on the CLI11 app; main.cc runs the chosen one and maps the typed
// errors of core/errors.h to the exit codes of docs/contract.md §7.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "core/installation.h"

namespace socialsoeg::cli {

// What a subcommand does once its options are parsed, with the installation
// main.cc resolved from the global options and the environment; returns the
// exit code.
using CommandAction = std::function<int(const Installation&)>;

// Registers `analyze` on `app`; sets `action` to run it when chosen.
void register_analyze(CLI::App& app, CommandAction& action);
// `index` (reports) and `residents` (the register extract).
void register_index(CLI::App& app, CommandAction& action);
void register_residents(CLI::App& app, CommandAction& action);
// `status`: what a database directory holds.
void register_status(CLI::App& app, CommandAction& action);
// `search`: the query language over the reports.
void register_search(CLI::App& app, CommandAction& action);
// `family`: the household at an address and its members' reports.
void register_family(CLI::App& app, CommandAction& action);
// `screen`: the weekly screening.
void register_screen(CLI::App& app, CommandAction& action);
// `saved add|list|run|rm`: saved searches and the saved screening.
void register_saved(CLI::App& app, CommandAction& action);
// `user add|passwd|rm|list`: the users file.
void register_user(CLI::App& app, CommandAction& action);
// `audit verify|search`: the audit log, for auditors.
void register_audit(CLI::App& app, CommandAction& action);
// `serve`: the web service.
void register_serve(CLI::App& app, CommandAction& action);

}  // namespace socialsoeg::cli
