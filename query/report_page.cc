#include "query/report_page.h"

#include <algorithm>

#include "index/date_order.h"
#include "index/schema.h"
#include "query/newest_first.h"
#include "query/scope_filter.h"

namespace socialsoeg::query {

ReportPage read_page(const Xapian::Database& db, const PageRequest& request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(restrict_to_scope(request.query, request.scope));
  if (request.scored)
    enquire.set_weighting_scheme(Xapian::BM25Weight());
  else
    enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount count_up_to = std::max(request.first + request.count, request.count_exactly_up_to);
  // Told to check one more than it counts, the matcher has seen every match
  // when there are no more than count_up_to, and then its bounds meet at the
  // count; otherwise they cannot meet at or below it.
  const Xapian::doccount check_at_least = count_up_to + 1;

  ReportPage out;
  auto take_totals = [&] {
    const Xapian::doccount lower = out.mset.get_matches_lower_bound();
    out.total_exact = lower == out.mset.get_matches_upper_bound() && lower <= count_up_to;
    out.total = out.total_exact ? lower : count_up_to;
  };

  const bool newest_first = request.order == PageOrder::kNewestFirst || !request.scored;
  if (newest_first && !request.scored) {
    // All weights equal: the date order decides alone, no sort key read but
    // for the few reports loaded out of order.
    if (auto walked = newest_first_page(enquire, index::read_date_order(db), request.first, request.count,
                                        check_at_least)) {
      out.mset = std::move(walked->mset);
      out.ranks = std::move(walked->hits);
      take_totals();
      return out;
    }
  }
  if (newest_first) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotOccurredTime, true);
    enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  }
  out.mset = enquire.get_mset(request.first, request.count, check_at_least);
  for (Xapian::doccount i = 0; i < out.mset.size(); ++i) out.ranks.push_back(i);
  take_totals();
  return out;
}

}  // namespace socialsoeg::query
