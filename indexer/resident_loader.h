// Loading residents extracts (docs/contract.md §2: `socialsoeg residents`)
// into the residents database, DIR/residents (index/resident_store.h says
// what its documents hold and answers the questions asked of it).
//
// A newer extract replaces the older one for the persons it covers: every
// load has a number, and the first row of a person in a load removes that
// person's rows from earlier loads. Each batch of rows is one transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "indexer/input_scanner.h"

namespace socialsoeg::indexer {

struct ResidentLoadStats {
  ScanCounters scan;
  std::atomic<uint64_t> stored{0};          // rows written
  std::atomic<uint64_t> persons_replaced{0}; // persons whose earlier rows this load replaced
  std::atomic<uint64_t> batches{0};
  uint64_t load = 0;                        // this load's number
  uint64_t registrations = 0;               // rows in the database at the end
  std::vector<std::filesystem::path> rejects_files;
};

// Loads residents extracts into `db_path` (created when missing).
void load_residents(const std::filesystem::path& db_path, const std::vector<std::string>& inputs,
                    const std::optional<std::filesystem::path>& rejects, size_t batch_size, ResidentLoadStats& stats,
                    const LoadLog& log = {});

}  // namespace socialsoeg::indexer
