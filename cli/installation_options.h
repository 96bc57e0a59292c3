// The global options that say where the installation's files are
// (--dictionaries, --lexicon) and the one place that reads the matching
// environment variables: a flag wins over the environment, the environment
// over the files of this build (docs/contract.md §7 "Files and settings").
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/installation.h"

namespace socialsoeg::cli {

struct InstallationFlags {
  std::string dictionaries, lexicon;
};
void add_installation_options(CLI::App& app, InstallationFlags& flags);

// Flags, then SOCIALSOEG_DICTIONARIES / SOCIALSOEG_LEXICON / SOCIALSOEG_CONFIG,
// then Installation::built_in(). EnvironmentError (exit 3) naming the path
// when a dictionaries folder that was asked for is not a folder.
Installation resolve_installation(const InstallationFlags& flags);

}  // namespace socialsoeg::cli
