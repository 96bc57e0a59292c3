// The first pass of a rebuild (`index --replace-all`): every input read and
// validated once, the last valid record of each id kept, and the records
// numbered by time, oldest first, so that "newest first" over any filter is
// "highest docid first" (index/date_order.h). What the plan holds is where
// each record is, not the record: the second pass reads it back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "index/places.h"
#include "indexer/input_scanner.h"
#include "indexer/report_loader.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

// One record to index: where its line is, when it happened and whose it is.
// 40 bytes, so a million reports plan in 40 MB (and about 100 MB more for
// the map of ids while planning).
struct Located {
  uint64_t key = 0;      // its time (the sort key's first part, index::occurred_time_value) as a number, YYYYMMDDHHMMSS
  uint64_t id_hash = 0;  // id_hash() of the record's id: the sort key's second part; the second pass checks it read this record
  uint64_t offset = 0;   // of the line's text in the file the second pass reads
  uint64_t line = 0;    // line number in its input, for messages
  uint32_t input = 0;   // index into the inputs
  uint32_t length = 0;  // bytes of the line's text (at most kMaxRecordBytes)
};

// The records of a rebuild in docid order, and where to read them.
struct Plan {
  std::vector<Located> records;
  std::vector<std::string> read_paths;  // per input: the file itself, or the copy of stdin
  std::vector<uint64_t> last_lines;     // per input: the number of its last record line
  uint64_t bytes = 0;                   // of all records' text, for progress
};

// A record's id as the plan keeps it (index::report_id_hash: the same across
// runs and platforms, as a resumed run needs).
uint64_t id_hash(std::string_view id);

// The time of a record (the occurred-time value slot's first 14 digits), as a number.
uint64_t sort_key(const ReportRecord& record);

// A planned record's sort key as the value slot spells it.
std::string key_string(const Located& record);

// What a resumed run compares to know it planned as the interrupted one did
// (the program or the places file may have changed what passes the checks).
std::string plan_fingerprint(const std::vector<Located>& records);

// Reads and validates every input (rejections go through the scanner);
// standard input, which cannot be read twice, is copied into `build`.
Plan plan_rebuild(InputScanner& scanner, const index::Places& places, const std::filesystem::path& build,
                  LoadStats& stats);

}  // namespace socialsoeg::indexer
