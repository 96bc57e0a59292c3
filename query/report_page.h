// The one way to read a page of reports, for search, the family card and
// saved searches alike: a query restricted to the reader's districts, newest
// first (from the database's date order when it can, index/date_order.h) or
// by relevance, with a total counted within the scope — and read again when
// the loader committed under it.
#pragma once

#include <functional>
#include <vector>

#include <xapian.h>

#include "core/district_scope.h"

namespace socialsoeg::query {

enum class PageOrder {
  kNewestFirst,  // by kSlotOccurredTime: time, then the id's hash (unique: docids never decide)
  kRelevance,    // BM25, the best first
};

struct PageRequest {
  Xapian::Query query;  // what to match; restricted to `scope` here
  DistrictScope scope = DistrictScope::everywhere();
  PageOrder order = PageOrder::kNewestFirst;
  // BM25 weights (a query with free text); false: a query of filters only,
  // whose matches all weigh the same (BoolWeight spares reading lengths).
  bool scored = false;
  Xapian::doccount first = 0;  // ranks [first, first + count)
  Xapian::doccount count = 10;
  // The total is counted exactly up to max(first + count, this) and is
  // "more than that" beyond it. Never an estimate: Xapian's estimates and
  // bounds come from whole-database statistics, so they would depend on
  // reports outside the scope.
  Xapian::doccount count_exactly_up_to = 0;
};

struct ReportPage {
  Xapian::MSet mset;                   // the matches read
  std::vector<Xapian::doccount> ranks;  // indexes into mset: the page, in order
  Xapian::doccount total = 0;           // matches in scope, exactly or a floor
  bool total_exact = true;

  size_t size() const { return ranks.size(); }
  Xapian::MSetIterator at(size_t i) const { return mset[ranks[i]]; }
};

// The page `request` asks for. Throws what Xapian throws; wrap the whole
// read, documents included, in read_consistently().
ReportPage read_page(const Xapian::Database& db, const PageRequest& request);

// Runs `read`; when the database changed under it (DatabaseModifiedError:
// the loader committed twice while it read — the revision it began on is
// gone), calls `reopen` to move to the newest revision and reads again, up
// to three times.
template <class Read>
auto read_consistently(const std::function<void()>& reopen, Read&& read) {
  for (int attempt = 0;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 3) throw;
      reopen();
    }
  }
}

}  // namespace socialsoeg::query
