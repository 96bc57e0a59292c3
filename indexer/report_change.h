// What a load does with a report whose id may already be stored: add it,
// replace the stored one, or leave it as it is. One rule for the daily load
// and the rebuild, so that "added / replaced / unchanged" and the batch number
// that "new since" reads mean the same after either.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

namespace socialsoeg::indexer {

enum class ReportChange { kAdded, kReplaced, kUnchanged };

struct StoredReport {
  Xapian::docid docid = 0;
  Xapian::Document document;
};

// The stored report with this id term (index/schema.h), if any.
std::optional<StoredReport> find_stored(const Xapian::Database& db, const std::string& id_term);

// Same content (the content-hash slot) is unchanged; other content replaces.
ReportChange classify_change(const std::optional<StoredReport>& stored, const std::string& content_hash);

// The ingest batch a report carries after the load: an unchanged report keeps
// the one it had — a reload does not make old reports "new" — and anything
// else carries this load's.
std::string ingest_batch_after(ReportChange change, const std::optional<StoredReport>& stored, uint64_t this_batch);

}  // namespace socialsoeg::indexer
