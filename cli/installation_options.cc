#include "cli/installation_options.h"

#include <cstdlib>
#include <system_error>

#include "core/errors.h"

namespace socialsoeg::cli {
namespace {

// The flag, else the environment variable, else the build's own path.
std::filesystem::path chosen(const std::string& flag, const char* variable, const std::filesystem::path& built_in,
                             std::string& source) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv(variable); env && *env) {
    source = variable;
    return env;
  }
  source.clear();
  return built_in;
}

}  // namespace

void add_installation_options(CLI::App& app, InstallationFlags& flags) {
  app.add_option("--dictionaries", flags.dictionaries,
                 "The dictionaries folder (default: $SOCIALSOEG_DICTIONARIES, else this build's dictionaries/)");
  app.add_option("--lexicon", flags.lexicon,
                 "The compiled lemma table (default: $SOCIALSOEG_LEXICON, else this build's lemmas.bin)");
}

Installation resolve_installation(const InstallationFlags& flags) {
  const Installation built_in = Installation::built_in();
  Installation i;
  std::string source = "--dictionaries";
  i.dictionaries = chosen(flags.dictionaries, "SOCIALSOEG_DICTIONARIES", built_in.dictionaries, source);
  // A folder asked for (flag or environment) must be there: say which, and
  // where it was asked for, before anything tries to read a file in it.
  if (!source.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(i.dictionaries, ec))
      throw EnvironmentError(source + ": no dictionaries folder at " + i.dictionaries.string());
  }
  std::string unused;
  i.lexicon = chosen(flags.lexicon, "SOCIALSOEG_LEXICON", built_in.lexicon, unused);
  i.config = chosen("", "SOCIALSOEG_CONFIG", built_in.config, unused);
  i.audit_checkpoints = chosen("", "SOCIALSOEG_AUDIT_CHECKPOINTS", "", unused);
  return i;
}

}  // namespace socialsoeg::cli
