// The build folder of a rebuild (reports.N.build beside the generations):
// a manifest of the inputs, the plan's fingerprint, the shards and any copy
// of standard input. A run started again with the same inputs finds it and
// resumes; anything else there is removed.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/database_dir.h"
#include "indexer/input_scanner.h"

namespace socialsoeg::indexer {

// The build folder's small files (manifest, plan) are replaced whole and
// synced (core/files.h): a crash leaves the old one or the new, which is what
// a resumed run compares against.
constexpr unsigned kBuildFileMode = 0644;

// What a resumed run must find unchanged: the inputs, the number of shards,
// the batch it builds on and the analyzer.
nlohmann::json manifest_for(const std::vector<InputFile>& inputs, unsigned shards, uint64_t base_batch,
                            const std::string& identity);

// Removes a partial build of another generation or other inputs; returns
// true when `build` holds a resumable build of exactly these inputs.
bool prepare_build_dir(const index::DatabaseDir& dir, const std::filesystem::path& build, const nlohmann::json& manifest);

}  // namespace socialsoeg::indexer
