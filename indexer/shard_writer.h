// One worker's part of a rebuild: its consecutive range of the plan, analysed
// and written into its own Xapian database (a "shard"), committed every few
// hundred documents. Xapian writes one database from one thread, and its
// write path, not our analysis, is the slowest stage (bench/index.sh): one
// shard per worker is what makes a rebuild use every core.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "analyzers/analyzer.h"
#include "indexer/report_document.h"
#include "indexer/report_loader.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

// The metadata key where a shard records that it holds its whole range.
inline constexpr const char* kShardMark = "socialsoeg.shard.mark";

// Documents per shard commit. Xapian's in-memory buffers, not its commits,
// are what cost: re-adding 20,000 prepared documents ran at 6,480 docs/s
// committing every 500 and 4,567 every 10,000 (bench/xapian_write_ceiling.cc);
// the whole rebuild of 200,000 reports with two shards took 33.0 s at 500
// per shard, 35.7 s at 1,000 and 35.5 s at 5,000, with peak RSS 74, 91 and
// 323 MB.
inline constexpr size_t kShardCommitDocs = 500;

// How many records of its range a shard holds.
struct Mark {
  uint64_t done = 0;
  bool complete = false;
};

class ShardWriter {
 public:
  // Opens (or creates) the shard at `path`; `old_generation`, when there is
  // one, says which reports are unchanged and keep their batch number.
  ShardWriter(std::filesystem::path path, const std::optional<std::filesystem::path>& old_generation,
              uint64_t build_batch, const analysis::Analyzer& analyzer, size_t commit_every, LoadStats& stats);

  // How much of its range the shard holds (after a failure too).
  const Mark& mark() const { return mark_; }

  void add(const ReportRecord& record);
  // Marks the range complete and commits.
  void finish();

 private:
  void store(PreparedReport p);
  void commit();

  Xapian::WritableDatabase db_;
  std::optional<Xapian::Database> old_;
  const uint64_t build_batch_;
  const ReportDocumentBuilder builder_;
  const size_t commit_every_;
  LoadStats& stats_;
  analysis::Workspace workspace_;
  analysis::TokenList tokens_;
  Mark mark_, pending_;
  size_t since_commit_ = 0;
};

}  // namespace socialsoeg::indexer
