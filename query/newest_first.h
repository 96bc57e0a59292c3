// A page of a filters-only search, newest first, read from the database's
// date order (index/date_order.h) instead of sorting every match by its
// sort key: for a person's or a case's reports, most of the time a sorted
// lookup would take.
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

#include "index/date_order.h"

namespace socialsoeg::query {

struct NewestFirstPage {
  Xapian::MSet mset;                    // the matches walked, in descending docid order
  std::vector<Xapian::doccount> hits;   // indexes into mset: the page, newest first
};

// The page [first, first + page) of `enquire`'s query (weights unused), newest
// first (keys end with the id's hash, so they do not tie; equal keys would put
// the later docid first): the order of Xapian's
// sort by schema::kSlotOccurredTime with Enquire::DESCENDING docid order.
// Sets the enquire's docid order. nullopt when too many matches lie outside
// the date order, or there is none: then Xapian must sort.
std::optional<NewestFirstPage> newest_first_page(Xapian::Enquire& enquire, const index::DateOrder& order,
                                                 Xapian::doccount first, Xapian::doccount page,
                                                 Xapian::doccount check_at_least);

}  // namespace socialsoeg::query
