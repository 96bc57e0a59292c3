// Loading reports into the index (docs/contract.md §2, §7: `socialsoeg index`).
//
// Two ways, one pipeline shape: the calling thread reads and validates lines
// (input_scanner.h), worker threads analyse records into documents
// (report_document.h), and the database is written in batches.
//
//  - index_reports(): daily ingestion into the live database. Records go in
//    input order in batches; each batch is one Xapian transaction that also
//    records the batch (number, count, input offset) and the input's resume
//    point, so "committed" is what the database itself proves, and a killed
//    run started again carries on after the last committed batch.
//  - rebuild_reports(): --replace-all. A fresh database built beside the
//    live one — the inputs checked first, the records numbered by time
//    (index/date_order.h), one consecutive range per worker written into its own
//    sub-database, merged with Xapian's compactor — then switched in
//    atomically; readers see the old index until then. Resumable too: each
//    sub-database records how much of its range it holds.
//
// Both: an id already indexed is replaced (content unchanged: left alone, so
// running the same file twice changes nothing); a repeated id within the
// input: the last one wins, and is counted.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "indexer/load_log.h"
#include "indexer/input_scanner.h"

namespace socialsoeg::indexer {

struct LoadOptions {
  std::vector<std::string> inputs;                 // paths, "-" for stdin
  std::optional<std::filesystem::path> rejects;    // default: beside each input
  unsigned threads = 0;                            // analysis workers; 0 = one per core
  // Records per committed batch. Xapian writes faster in small batches (its
  // buffers, not its commits, are what cost): 20,000 reports loaded in 3.96 s
  // with batches of 1,000 and 5.05 s with 10,000, at a third of the memory.
  size_t batch_size = 1'000;
  // Records per unit of work handed to a worker thread.
  size_t chunk_size = 200;
  // Where progress and rejected records are told (load_log.h); none: silent.
  LoadLog log;
};

// Live counters (a progress display polls them) and the final summary.
struct LoadStats {
  ScanCounters scan;
  std::atomic<uint64_t> added{0};      // ids new to the index
  std::atomic<uint64_t> replaced{0};   // ids already indexed, with other content
  std::atomic<uint64_t> unchanged{0};  // ids already indexed with the same content
  std::atomic<uint64_t> repeated{0};   // records whose id came earlier in this same load
  std::atomic<uint64_t> resumed{0};    // records committed by an earlier, interrupted run
  std::atomic<uint64_t> batches{0};    // commits
  std::atomic<uint64_t> documents{0};  // documents in the index at the end
  // A replace-all reads its records twice (report_rebuild.cc): the bytes of
  // the records to index, once the first pass knows them, and how many of
  // those the second pass has indexed.
  std::atomic<uint64_t> planned_bytes{0};
  std::atomic<uint64_t> indexed_bytes{0};
  std::vector<std::filesystem::path> rejects_files;

  uint64_t processed() const { return added + replaced + unchanged + repeated; }
};

// REQUIRES: dir.lock_for_writing() was called.
void index_reports(index::DatabaseDir& dir, const analysis::Analyzer& analyzer, const index::Places& places,
                   const LoadOptions& options, LoadStats& stats);
void rebuild_reports(index::DatabaseDir& dir, const analysis::Analyzer& analyzer, const index::Places& places,
                     const LoadOptions& options, LoadStats& stats);

// Test hook for crash tests (never set in production): SOCIALSOEG_CRASH_AT =
// "before-commit:N" or "after-commit:N" makes the process kill itself with
// SIGKILL around its Nth commit; SOCIALSOEG_FAIL_AT, the same, makes it throw
// an EnvironmentError there instead (a failure the program survives, like a
// full disk). Called by the loaders at those points.
void crash_point(const char* where, uint64_t commit_number);

}  // namespace socialsoeg::indexer
