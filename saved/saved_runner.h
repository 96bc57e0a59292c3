// Running a saved search: all of its matches, which of them the previous run
// did not match, and the hits to show; or, for a saved screening, the
// screening with its settings and "new" relative to its own previous run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "query/hit.h"
#include "saved/saved_store.h"
#include "screening/screener.h"

namespace socialsoeg::saved {

struct SavedRunResult {
  SavedSearch search;
  uint64_t run = 0;                    // this run's number
  size_t matches = 0;                  // everything the search matches now
  std::vector<std::string> new_ids;    // matched now, not by the previous run (newest first)
  std::vector<query::Hit> hits;        // shown: the new ones with --new, else all; newest first, up to the limit
  std::optional<screening::ScreeningResult> screening;  // kind "screen"
  RunState next;                       // to record once shown
};

class SavedRunner {
 public:
  SavedRunner(const analysis::Analyzer& analyzer, const index::Places& places) : analyzer_(analyzer), places_(places) {}

  // Throws QueryError when the saved query no longer parses (a dictionary changed).
  // Only reports of `scope` (the runner's districts) are matched. When a
  // load commits under the run, the databases move to their newest revision
  // and the run is read again.
  SavedRunResult run(const SavedSearch& search, const RunState& previous, Xapian::Database& db,
                     index::ResidentStore* residents, bool only_new, size_t limit, Date as_of,
                     const DistrictScope& scope = DistrictScope::everywhere()) const;

 private:
  SavedRunResult run_once(const SavedSearch& search, const RunState& previous, const Xapian::Database& db,
                          const index::ResidentStore* residents, bool only_new, size_t limit, Date as_of,
                          const DistrictScope& scope) const;

  const analysis::Analyzer& analyzer_;
  const index::Places& places_;
};

// The record id of a reports-database document, from its Q term.
std::string report_id(const Xapian::Document& doc);

}  // namespace socialsoeg::saved
