// The options most commands share, each declared once with one help text, so
// that `--db` or `--purpose` reads the same in every command's --help.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace socialsoeg::cli {

// --db DIR (required).
CLI::Option* add_db_option(CLI::App* cmd, std::string& db);
// --purpose TEXT: the case number or reason the audit log records; the
// command refuses without one (docs/contract.md §7 "Purpose and user").
CLI::Option* add_purpose_option(CLI::App* cmd, std::string& purpose);
// --user NAME: who runs the command (default: the login name; docs/access.md).
CLI::Option* add_user_option(CLI::App* cmd, std::string& user);
// --json: machine-readable output.
CLI::Option* add_json_flag(CLI::App* cmd, bool& json);

}  // namespace socialsoeg::cli
