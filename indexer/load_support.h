// Pieces the two report loaders share: the unit of work, resume keys, batch
// records, and the value codec of batch numbers.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/date.h"
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

// The metadata key of an input's resume record: a hash of its InputFile::key
// (paths can be longer than a metadata key may be).
std::string run_key(const std::string& input_key);

std::string batch_value(uint64_t batch);   // sortable_serialise, what kSlotIngestBatch holds
uint64_t batch_of(const std::string& value);

// The last batch number recorded in `db` (0 for a new database).
uint64_t last_batch(const Xapian::Database& db);

}  // namespace socialsoeg::indexer
