// Turns a validated report into its Xapian document (docs/schema.md): the
// title and text through the analyzer with positions, concept mentions as
// affirmed/negated terms, boolean terms for every filter, value slots for
// dates and screening, and the stored data that results and family lookups
// display. Runs on the analysis worker threads; the writer only stores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "index/token_offsets.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

struct PreparedReport {
  std::string id_term;       // Q<id>: replace_document() key
  std::string content_hash;  // what kSlotContentHash holds
  Xapian::Document document; // complete but for kSlotIngestBatch, which the writer sets
};

// The spans per position of one field's index-side tokens: what the token
// offsets slot (index/token_offsets.h) stores of the analyzer's output.
std::vector<index::TokenSpan> spans_by_position(const analysis::TokenList& tokens);

class ReportDocumentBuilder {
 public:
  explicit ReportDocumentBuilder(const analysis::Analyzer& analyzer) : analyzer_(analyzer) {}

  // Thread-safe when each thread passes its own workspace and token list.
  PreparedReport build(const ReportRecord& record, analysis::Workspace& workspace, analysis::TokenList& tokens) const;

 private:
  const analysis::Analyzer& analyzer_;
};

}  // namespace socialsoeg::indexer
