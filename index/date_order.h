// Which documents are numbered in the order of their time (docs/schema.md,
// "date order").
//
// A replace-all numbers the reports by when they happened (oldest first), so
// "newest first" over any filter is "highest docid first": the Searcher then
// asks Xapian for the highest docids among the matches (it reads their
// docids, never their sort keys) instead of sorting every match by its sort
// key (query/newest_first.h). The promise covers docids 1..through; daily
// loads keep it (a replacement whose time changes is moved to a new docid)
// and extend it while reports arrive in time order; documents above it are
// few and are sorted by their keys.
#pragma once

#include <string>

#include <xapian.h>

namespace socialsoeg::index {

struct DateOrder {
  // Documents 1..through are in non-decreasing order of their sort key. 0: no promise.
  Xapian::docid through = 0;
  // An upper bound of the sort keys (report_values.h: occurred_time_value) of documents 1..through: the key of the
  // document that was `through` when it was added (deletions only lower it).
  std::string key;

  // Whether a document with key `k`, added as docid `did`, keeps the order going.
  bool extends(Xapian::docid did, const std::string& k) const { return did == through + 1 && k >= key; }
};

// No promise (through 0) for several databases opened as one.
DateOrder read_date_order(const Xapian::Database& db);
void write_date_order(Xapian::WritableDatabase& db, const DateOrder& order);

}  // namespace socialsoeg::index
