// The second pass of a rebuild reads the planned records back, by offset,
// from every worker thread at once (pread has no file position), and checks
// that each is still the record the plan saw.
#pragma once

#include <string>
#include <vector>

#include "core/errors.h"
#include "index/places.h"
#include "indexer/input_scanner.h"
#include "indexer/rebuild_plan.h"
#include "indexer/report_record.h"

namespace socialsoeg::indexer {

class PlannedRecordReader {
 public:
  // `paths`: per input, the file to read (the input, or the copy of stdin).
  PlannedRecordReader(const std::vector<InputFile>& inputs, const std::vector<std::string>& paths);
  ~PlannedRecordReader();
  PlannedRecordReader(const PlannedRecordReader&) = delete;
  PlannedRecordReader& operator=(const PlannedRecordReader&) = delete;

  // The record, validated again: the input must not change between the passes.
  ReportRecord read(const Located& at, const index::Places& places, std::string& buffer) const;

 private:
  EnvironmentError changed(const Located& at, const std::string& why) const;

  const std::vector<InputFile>& inputs_;
  std::vector<int> fds_;
  std::vector<std::string> open_errors_;
};

}  // namespace socialsoeg::indexer
