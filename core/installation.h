// Where this installation keeps its files: the dictionaries (word lists,
// concepts, municipalities.tsv), the compiled lemma table and the config
// folder (screening.conf). A plain value: the program's edge (cli/, and the
// service it starts) builds one from flags and environment and hands it down,
// so no library reads the environment for a setting.
#pragma once

#include <filesystem>

namespace socialsoeg {

struct Installation {
  std::filesystem::path dictionaries;  // the dictionaries/ folder
  std::filesystem::path lexicon;       // the compiled lemmas.bin
  std::filesystem::path config;        // the config/ folder
  // Where the audit log's signed checkpoints go; empty: DIR/audit.checkpoints
  // beside the log. Another disk or host keeps them out of reach of whoever
  // can write the database directory.
  std::filesystem::path audit_checkpoints;

  std::filesystem::path municipalities() const { return dictionaries / "municipalities.tsv"; }
  std::filesystem::path screening_conf() const { return config / "screening.conf"; }

  // The files of this build: the source tree's dictionaries/ and config/,
  // the build tree's lemmas.bin.
  static Installation built_in();
};

}  // namespace socialsoeg
