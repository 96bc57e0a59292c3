// What the two report loaders share: the unit of work handed to the
// analysis workers. (The records they write — batch numbers, batch and
// resume records — are the format's: index/report_values.h, index/batch_records.h.)
#pragma once

#include <cstdint>
#include <vector>

#include "indexer/report_document.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

// A run of records read together, analysed by one worker.
struct Chunk {
  uint64_t seq = 0;               // dispatch order
  size_t input = 0;               // index into the inputs
  std::vector<ReportRecord> records;
  std::vector<uint64_t> lines;    // line number of each record
  uint64_t end_offset = 0;        // input offset after the last line read when dispatched
  uint64_t end_line = 0;
  bool ends_batch = false;        // commit after this chunk
  bool ends_input = false;        // the input's last chunk
  std::vector<PreparedReport> prepared;  // filled by the worker
};

}  // namespace socialsoeg::indexer
