#include "indexer/report_change.h"

#include "index/report_values.h"
#include "index/schema.h"

namespace socialsoeg::indexer {

std::optional<StoredReport> find_stored(const Xapian::Database& db, const std::string& id_term) {
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) return std::nullopt;
  return StoredReport{*it, db.get_document(*it)};
}

ReportChange classify_change(const std::optional<StoredReport>& stored, const std::string& content_hash) {
  if (!stored) return ReportChange::kAdded;
  return stored->document.get_value(schema::kSlotContentHash) == content_hash ? ReportChange::kUnchanged
                                                                               : ReportChange::kReplaced;
}

std::string ingest_batch_after(ReportChange change, const std::optional<StoredReport>& stored, uint64_t this_batch) {
  if (change == ReportChange::kUnchanged) return stored->document.get_value(schema::kSlotIngestBatch);
  return index::batch_value(this_batch);
}

}  // namespace socialsoeg::indexer
