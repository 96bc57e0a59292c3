// The end of a rebuild: Xapian's compactor merges the shards in range order,
// which keeps the plan's numbering, into the new generation; it is stamped
// (schema, analyzer, batch numbers, the date order, a batch record and each
// input's resume record) and synced before the switch makes it live.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/input_scanner.h"
#include "indexer/rebuild_plan.h"

namespace socialsoeg::indexer {

void merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out,
                  const std::vector<InputFile>& inputs, const std::string& identity, uint64_t build_batch,
                  const Plan& plan);

}  // namespace socialsoeg::indexer
