// The synthetic population: households with adults, children, addresses and
// moves, each a pure function of (seed, household number) so that the
// generator never holds the population in memory.
//
// CPR numbers are unique by construction, not by bookkeeping: households are
// split into kClasses classes by number; within a class every adult's birth
// date comes from a bijection of the household's rank in the class, and each
// class owns its own serial numbers (two per class for adults, three for
// children). Two people could only share a CPR number if they shared class,
// slot and birth date, which the bijection rules out. Children are born a
// class-specific number of days after the first adult, so they too differ in
// birth date within a class. Serials are mostly modulus-11 valid, as numbers
// issued before October 2007 are; about one household in 40 gets numbers that
// fail the check, as numbers issued since may.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/sample/vocabulary.h"
#include "core/date.h"

namespace socialsoeg::sample {

struct Person {
  std::string cpr;  // DDMMYY-SSSS
  std::string first_name;
  std::string surname;
  Date birth;
  bool female;
  std::string name() const { return first_name + " " + surname; }
};

struct Residence {
  std::string address_id;
  std::string street;      // "Vestergade 12"
  std::string text;        // "Vestergade 12, 2. tv, 9800 Hjørring"
  const Municipality* municipality;
  Date from;
  std::optional<Date> to;  // inclusive; nullopt = still living there
  bool covers(Date d) const { return from <= d && (!to || d <= *to); }
};

enum class HouseholdKind { kSingle, kCouple, kFamily, kSingleParent };

// What a planted household is for: a true repeated-risk pattern, or one of
// the near misses the screening must not flag.
enum class Plant {
  kNone,
  kFlagTwo,         // one adult, two risk reports within 365 days
  kFlagThree,       // one adult, three risk reports
  kFlagBoth,        // both adults involved in the same two disturbances
  kFlagLatest,      // a pattern at one home, another at the next: a flag for each
  kFarApart,        // two risk reports more than 365 days apart
  kNegated,         // one affirmed, one negated
  kWitness,         // present only as witness, victim or reporter
  kElsewhere,       // the father has moved out to an address without children
  kNoRisk,          // acting role, but only children-present and look-alike words
  kMinor,           // the subject is a teenager living with younger siblings
  kExactYear,       // two risk reports exactly 365 days apart: a pattern
  kYearAndDay,      // two risk reports 366 days apart: no pattern
  kChildTurns18,    // the youngest child turns 18 on the later report's date
};

std::string_view to_string(Plant plant);

struct Household {
  uint64_t index;
  HouseholdKind kind;
  Plant plant = Plant::kNone;
  std::vector<Person> adults;
  std::vector<Person> children;      // oldest first
  std::vector<Residence> residences; // the family home, in order (a move makes two)
  // kElsewhere: the second adult's own flat from the day he moved out.
  std::optional<Residence> moved_out;

  bool has_children() const { return !children.empty(); }
  // The household's home on `d`, if it had one then.
  const Residence* home_on(Date d) const;
  // Where `adult` (index into adults) is registered on `d`.
  const Residence* adult_home_on(size_t adult, Date d) const;
  // Registration of a child: from birth (or move-in) at the family home.
  Date child_from(const Person& child, const Residence& r) const { return std::max(child.birth, r.from); }
};

struct PopulationOptions {
  uint64_t seed;
  uint64_t households;
  uint64_t planted;  // how many planted households (spread evenly)
  Date start;        // first report date
  Date end;          // last report date (and the screening's as-of date)
};

class Population {
 public:
  Population(PopulationOptions options, const Vocabulary& vocabulary);

  Household household(uint64_t h) const;
  uint64_t size() const { return options_.households; }
  const PopulationOptions& options() const { return options_; }

  // Largest number of households the CPR scheme supports.
  static uint64_t max_households();

 private:
  std::string make_cpr(Date birth, uint64_t slot, bool child, bool fails_modulus11, bool& female) const;

  PopulationOptions options_;
  const Vocabulary& vocab_;
  uint64_t plant_stride_;
  // serials[r][child][valid]: serial numbers whose weighted digit sum is
  // -r (mod 11) or not, in the adult (0000-3999) or child (4000-9999) range.
  std::vector<uint16_t> serials_[11][2][2];
};

}  // namespace socialsoeg::sample
