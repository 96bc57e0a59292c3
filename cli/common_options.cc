#include "cli/common_options.h"

namespace socialsoeg::cli {

CLI::Option* add_db_option(CLI::App* cmd, std::string& db) {
  return cmd->add_option("--db", db, "Database directory")->required();
}

CLI::Option* add_purpose_option(CLI::App* cmd, std::string& purpose) {
  return cmd->add_option("--purpose", purpose, "Case number or reason (required; audit log)");
}

CLI::Option* add_user_option(CLI::App* cmd, std::string& user) {
  return cmd->add_option("--user", user, "Who runs the command (audit log; default: login name; docs/access.md)");
}

CLI::Option* add_json_flag(CLI::App* cmd, bool& json) {
  return cmd->add_flag("--json", json, "Print JSON (stable field names; docs/contract.md §7)");
}

}  // namespace socialsoeg::cli
