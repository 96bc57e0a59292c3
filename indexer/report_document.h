// Turns a validated report into its Xapian document (docs/schema.md): the
// title and text through the analyzer with positions, concept mentions as
// affirmed/negated terms, boolean terms for every filter, value slots for
// dates and screening, and the stored data that results and family lookups
// display. Runs on the analysis worker threads; the writer only stores.
#pragma once

#include <cstdint>
#include <string>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

struct PreparedReport {
  std::string id_term;       // Q<id>: replace_document() key
  std::string content_hash;  // what kSlotContentHash holds
  Xapian::Document document; // complete but for kSlotIngestBatch, which the writer sets
};

class ReportDocumentBuilder {
 public:
  explicit ReportDocumentBuilder(const analysis::Analyzer& analyzer) : analyzer_(analyzer) {}

  // Thread-safe when each thread passes its own workspace and token list.
  PreparedReport build(const ReportRecord& record, analysis::Workspace& workspace, analysis::TokenList& tokens) const;

 private:
  const analysis::Analyzer& analyzer_;
};

}  // namespace socialsoeg::indexer
