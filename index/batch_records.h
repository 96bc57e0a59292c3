// What a reports database records about how its content got there, in its
// metadata (docs/schema.md, "metadata"): the number of the last batch, a
// record per batch, and per input the point a load had reached (its resume
// record). The loaders write them, `status`, the screening and saved
// searches read them ("new since batch N"); the JSON of each record is
// written and read here only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace socialsoeg::index {

// The last batch number recorded in `db` (0 for a new database).
uint64_t last_batch(const Xapian::Database& db);

// One committed batch (schema::batch_key(number)). A daily load's batch
// names its input and line range; a replace-all is one batch for the whole
// build (kind "replace-all"), and is also kept under schema::kMetaBuild.
struct BatchRecord {
  uint64_t batch = 0;
  uint64_t records = 0;
  std::string time;  // utc_timestamp() of the commit
  // A daily load's batch:
  std::string input;
  uint64_t first_line = 0, last_line = 0;
  uint64_t offset = 0;  // input offset after the batch's last line
  // A replace-all:
  std::optional<std::string> kind;  // "replace-all"
  std::vector<std::string> inputs;
  uint64_t shards = 0;
};
std::string encode_batch_record(const BatchRecord& record);

// Where a load of one input stands (the metadata key is run_key(input key)):
// a run started again on the same input skips what is committed.
struct ResumeRecord {
  std::string input;  // the path as given
  std::string key;    // InputFile::key: path, size and modification time
  uint64_t batch = 0;
  uint64_t offset = 0;                // input offset committed through
  std::optional<uint64_t> line;       // line number there (a daily load records it)
  bool complete = false;              // the whole input is in
};
std::string encode_resume_record(const ResumeRecord& record);
// Lenient, as resuming is: a missing field reads as its default.
// EnvironmentError when it is not one the loader wrote (a damaged index).
ResumeRecord decode_resume_record(std::string_view json);

// The metadata key of an input's resume record: a hash of its InputFile::key
// (paths can be longer than a metadata key may be).
std::string run_key(const std::string& input_key);

}  // namespace socialsoeg::index
