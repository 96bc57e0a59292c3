// The weekly screening (docs/contract.md §6): the households where an adult who
// lives with children acts again and again in reports with a risk concept.
//
//   1. qualifying report: occurred on or before the as-of date, an affirmed
//      concept of the rule, the subject in an acting role and adult that day
//      (one report naming the subject twice counts once);
//   2. a pattern: a later report and at least min_reports - 1 earlier ones
//      (distinct) within window_days calendar days before it;
//   3. on the later report's date the subject is registered at a unit
//      address where a child (younger than child_age that day) is registered
//      too — registrations from and to inclusive.
// One flag per subject and address, for the latest pattern there: the
// children registered there that day, and the subject's qualifying reports
// in the window_days up to and including the later report.
//
// It reads the index's value slots (dates, affirmed risk concepts, persons,
// batch) as streams — no stored JSON, no text — and asks the residents
// register only about subjects with enough reports.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/date.h"
#include "core/district_scope.h"
#include "index/resident_store.h"
#include "screening/screening_rule.h"

namespace socialsoeg::screening {

struct FlagReport {
  Xapian::docid docid = 0;
  std::string id;                     // the record id
  Date occurred;
  std::vector<std::string> roles;     // the subject's acting roles in it
  std::vector<std::string> concepts;  // the rule's concepts it mentions, affirmed
  uint64_t batch = 0;                 // the load that brought this content (index order)
};

struct Flag {
  std::string cpr;         // canonical 10 digits
  std::string address_id;
  Date pattern_date;       // the later report's date
  std::vector<std::string> children;  // canonical, registered there and under child_age that day
  std::vector<FlagReport> reports;    // oldest first
  std::set<std::string> concepts;
  bool is_new = true;      // a report of it was indexed after the previous run
};

struct ScreeningResult {
  Date as_of;
  ScreeningRule rule;
  uint64_t last_batch = 0;      // the index's last batch when the run read it
  uint64_t previous_batch = 0;  // the previous run's (0: none): flags with a later report are new
  std::vector<Flag> flags;      // the latest pattern first
  uint64_t reports_read = 0, subjects = 0;
};

class Screener {
 public:
  // Only reports of `scope`'s districts are read: a user's flags rest on the
  // reports that user may see.
  Screener(const Xapian::Database& reports, const index::ResidentStore& residents, ScreeningRule rule,
           DistrictScope scope = DistrictScope::everywhere());

  // All flags as of `as_of`; those with a report from a batch after
  // `previous_batch` are marked new. With `only_new`, only the new flags —
  // computed only for subjects who act in a qualifying report from a later
  // batch (a new flag has such a report, so this is exact), which spares the
  // register lookups of everyone else: the weekly run is cheap.
  ScreeningResult run(Date as_of, uint64_t previous_batch = 0, bool only_new = false) const;

 private:
  const Xapian::Database& reports_;
  const index::ResidentStore& residents_;
  ScreeningRule rule_;
  DistrictScope scope_;
};

}  // namespace socialsoeg::screening
