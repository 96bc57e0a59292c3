// The sample-data generator: reports, residents, labels and the planted
// screening truth, written as JSON Lines into one directory.
//
// Deterministic (same options -> same bytes) and streaming: memory does not
// grow with the number of reports or households, apart from the plans of the
// planted households (at most 20,000 by default, about 1 KB each).
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/date.h"

namespace socialsoeg::sample {

struct GeneratorOptions {
  uint64_t seed = 1;
  uint64_t reports = 1000;
  uint64_t households = 0;  // 0: one per five reports (at least 200)
  uint64_t planted = 0;     // planted households; 0: one per 125 reports (20 to 20,000)
  Date start = *Date::from_ymd(2019, 1, 1);
  Date end = *Date::from_ymd(2025, 12, 31);
  std::filesystem::path out_dir;
  std::filesystem::path phrases;
  std::filesystem::path names;
  std::filesystem::path municipalities;
  std::filesystem::path word_list;
};

struct GeneratorSummary {
  uint64_t reports = 0;
  uint64_t residents = 0;
  uint64_t households = 0;
  uint64_t planted_reports = 0;
  uint64_t flags = 0;
  uint64_t must_not_flag = 0;
  uint64_t report_bytes = 0;
  double seconds = 0;
};

GeneratorSummary generate(const GeneratorOptions& options);

}  // namespace socialsoeg::sample
