// Family background lookup (contract §5): the household at a unit address
// on a date, from the residents register, and what the reports say about its
// members — for the officer at the door, in well under a second.
//
//   household   everyone registered at the address on the as-of date (from
//               and to inclusive), with age from the CPR birth date; a child
//               is under 18 that day. A parent registered elsewhere is not in
//               the household.
//   reports     every report naming a member that occurred on or before the
//               as-of date, newest first, with the words that carry its
//               affirmed risk concepts marked.
//   history     per adult, reports per affirmed concept in which the adult
//               acts (an acting role, index/person_role.h: sigtet or
//               involveret, what the screening counts by default) over
//               the last 12 months and the last 5 years up to the as-of date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "core/cpr.h"
#include "core/date.h"
#include "core/district_scope.h"
#include "index/resident_store.h"
#include "query/hit.h"

namespace socialsoeg::family {

struct Member {
  std::string cpr, name;
  int age = 0;
  bool child = false;
  Date from;
  std::optional<Date> to;
};

struct ConceptCount {
  std::string concept_id;
  int last_12_months = 0;
  int last_5_years = 0;
};

struct AdultHistory {
  std::string cpr, name;
  std::vector<ConceptCount> concepts;  // concepts with any count, most in 12 months first, then 5 years
};

struct FamilyResult {
  Date as_of;
  std::string looked_up_cpr;  // by_cpr: the person asked about
  std::string address_id;     // empty: the person is registered nowhere on that date
  std::string address_text;   // as the newest report at the address writes it, if any
  std::vector<Member> household;  // adults first (oldest first), then children (oldest first)
  std::vector<query::Hit> reports;
  bool reports_truncated = false;  // more than FamilyLookup::kMaxReports
  std::vector<AdultHistory> history;
};

class FamilyLookup {
 public:
  static constexpr size_t kMaxReports = 2000;

  // Only reports of `scope`'s districts are read. A household none of whose
  // members is named in such a report (and whose address is in none) is out
  // of scope, and gets the answer of an address or CPR number that does not
  // exist: the register carries no district, the reports do.
  // The databases are moved to their newest revision when a load commits
  // under a lookup, and the lookup is read again.
  FamilyLookup(const analysis::Analyzer& analyzer, Xapian::Database& reports, index::ResidentStore& residents,
               DistrictScope scope = DistrictScope::everywhere());

  // The household where `cpr` is registered on `as_of`. When the person is
  // registered nowhere that day, the result has no address and no household,
  // and lists the person's own reports.
  FamilyResult by_cpr(const Cpr& cpr, Date as_of) const;
  FamilyResult by_address(const std::string& address_id, Date as_of) const;

 private:
  FamilyResult cpr_once(const Cpr& cpr, Date as_of) const;
  FamilyResult address_once(const std::string& address_id, Date as_of) const;
  void reopen() const;
  void fill(FamilyResult& result, const std::vector<std::string>& cprs) const;
  std::string address_text_of(const std::string& address_id) const;
  bool in_scope(const FamilyResult& result) const;

  Xapian::Database& reports_;
  index::ResidentStore& residents_;
  DistrictScope scope_;
  query::MatchSet risk_concepts_;
};

// docs/contract.md §7: {"as_of", "address_id", "household": [{"cpr", "name",
// "age", "child"}], "reports": [hits as search writes them (query/hit.h),
// affirmed concepts only]} plus "history" and the fields docs/family.md lists.
nlohmann::json to_json(const FamilyResult& result);

}  // namespace socialsoeg::family
