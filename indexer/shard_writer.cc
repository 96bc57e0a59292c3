#include "indexer/shard_writer.h"

#include <atomic>

#include "index/schema.h"
#include "indexer/report_change.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;

ShardWriter::ShardWriter(fs::path path, const std::optional<fs::path>& old_generation, uint64_t build_batch,
                         const analysis::Analyzer& analyzer, size_t commit_every, LoadStats& stats)
    : db_(path.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC),
      build_batch_(build_batch),
      builder_(analyzer),
      commit_every_(commit_every),
      stats_(stats) {
  if (old_generation) old_ = Xapian::Database(old_generation->string());
  // A shard only ever adds, so its last docid is how much of its range it
  // holds — also after a failure, when closing the database committed
  // documents added since the last mark.
  mark_.done = db_.get_lastdocid();
  mark_.complete = db_.get_metadata(kShardMark) == "complete";
  pending_ = mark_;
}

void ShardWriter::add(const ReportRecord& record) {
  store(builder_.build(record, workspace_, tokens_));
  ++pending_.done;
  if (++since_commit_ >= commit_every_) commit();
}

void ShardWriter::finish() {
  pending_.complete = true;
  commit();
}

void ShardWriter::store(PreparedReport p) {
  std::optional<StoredReport> previous;
  if (old_) previous = find_stored(*old_, p.id_term);
  const ReportChange change = classify_change(previous, p.content_hash);
  ++(change == ReportChange::kAdded      ? stats_.added
     : change == ReportChange::kUnchanged ? stats_.unchanged
                                          : stats_.replaced);
  p.document.add_value(schema::kSlotIngestBatch, ingest_batch_after(change, previous, build_batch_));
  // Ids are unique by now (the plan keeps the last of each): docids follow the plan.
  db_.add_document(p.document);
}

void ShardWriter::commit() {
  db_.set_metadata(kShardMark, pending_.complete ? "complete" : "");
  static std::atomic<uint64_t> commits{0};
  const uint64_t n = ++commits;
  crash_point("before-commit", n);
  db_.commit();
  crash_point("after-commit", n);
  mark_ = pending_;
  since_commit_ = 0;
  ++stats_.batches;
}

}  // namespace socialsoeg::indexer
