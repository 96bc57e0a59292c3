#include "bench/sample/population.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "bench/sample/rng.h"
#include "core/errors.h"

namespace socialsoeg::sample {
namespace {

// See population.h: the CPR uniqueness scheme. 170 classes need 340 adult and
// 510 child serials per birth date and modulus class; the ranges 0000-3999 and
// 4000-9999 hold at least 363 and 545 valid ones for every class.
constexpr uint64_t kClasses = 170;
constexpr int kAdultSlots = 2, kChildSlots = 3;

const Date kAdultBirthFirst = *Date::from_ymd(1962, 1, 1);
const Date kAdultBirthLast = *Date::from_ymd(1999, 12, 31);
const Date kFirstChildBirth = *Date::from_ymd(2000, 1, 1);  // CPR digit 7 of 4-9 needs the 2000s

uint64_t adult_window() { return static_cast<uint64_t>(kAdultBirthLast - kAdultBirthFirst) + 1; }

// Bijection on [0, n): x -> (x * mul + add) mod n, with mul coprime to n.
uint64_t permute(uint64_t x, uint64_t n, uint64_t mul, uint64_t add) {
  while (std::gcd(mul, n) != 1) ++mul;
  return (x % n * (mul % n) + add) % n;
}

std::string two_digits(int v) { return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

int date_residue(Date d) {
  const std::string s = two_digits(d.day()) + two_digits(d.month()) + two_digits(d.year() % 100);
  static constexpr int kWeights[6] = {4, 3, 2, 7, 6, 5};
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += kWeights[i] * (s[i] - '0');
  return sum % 11;
}

Date random_date(Rng& rng, Date first, Date last) {
  if (last < first) return first;
  return first.plus_days(static_cast<int32_t>(rng.below(static_cast<uint64_t>(last - first) + 1)));
}

Date add_years(Date d, int years) {
  auto r = Date::from_ymd(d.year() + years, d.month(), d.day());
  return r ? *r : *Date::from_ymd(d.year() + years, 3, 1);  // 29 February
}

constexpr std::array<Plant, 13> kPlantCycle = {
    Plant::kFlagTwo,  Plant::kFarApart, Plant::kFlagThree, Plant::kNegated,   Plant::kFlagBoth,
    Plant::kWitness,  Plant::kExactYear, Plant::kFlagLatest, Plant::kElsewhere, Plant::kYearAndDay,
    Plant::kNoRisk,   Plant::kChildTurns18, Plant::kMinor};

}  // namespace

std::string_view to_string(Plant plant) {
  switch (plant) {
    case Plant::kNone: return "none";
    case Plant::kFlagTwo: return "two risk reports within a year while living with children";
    case Plant::kFlagThree: return "three risk reports within a year while living with children";
    case Plant::kFlagBoth: return "both adults involved in repeated disturbances at home";
    case Plant::kFlagLatest: return "a pattern at one home and another at the next, more than a year later";
    case Plant::kFarApart: return "two risk reports more than 365 days apart";
    case Plant::kNegated: return "one of the two risk mentions is negated";
    case Plant::kWitness: return "only witness, victim or reporter in the risk reports";
    case Plant::kElsewhere: return "father lives at an address without children";
    case Plant::kNoRisk: return "acting role, but no risk concept (children present, look-alike words)";
    case Plant::kMinor: return "the subject was under 18 at each report";
    case Plant::kExactYear: return "two risk reports exactly 365 days apart";
    case Plant::kYearAndDay: return "two risk reports 366 days apart";
    case Plant::kChildTurns18: return "the youngest child turned 18 on the later report's date";
  }
  return "?";
}

uint64_t Population::max_households() { return kClasses * adult_window(); }

Population::Population(PopulationOptions options, const Vocabulary& vocabulary)
    : options_(options), vocab_(vocabulary) {
  if (options_.households == 0 || options_.households > max_households())
    throw UsageError("households must be between 1 and " + std::to_string(max_households()));
  plant_stride_ = options_.planted == 0 ? 0 : std::max<uint64_t>(1, options_.households / options_.planted);
  static constexpr int kWeights[4] = {4, 3, 2, 1};
  for (int serial = 0; serial < 10000; ++serial) {
    int sum = 0, s = serial;
    for (int i = 3; i >= 0; --i, s /= 10) sum += kWeights[i] * (s % 10);
    const int child = serial >= 4000 ? 1 : 0;
    for (int r = 0; r < 11; ++r) serials_[r][child][(r + sum) % 11 == 0 ? 1 : 0].push_back(static_cast<uint16_t>(serial));
  }
  for (int r = 0; r < 11; ++r) {
    if (serials_[r][0][1].size() < kClasses * kAdultSlots || serials_[r][1][1].size() < kClasses * kChildSlots)
      throw std::logic_error("CPR serial tables too small for the class scheme");
  }
}

std::string Population::make_cpr(Date birth, uint64_t slot, bool child, bool fails_modulus11, bool& female) const {
  const auto& table = serials_[date_residue(birth)][child ? 1 : 0][fails_modulus11 ? 0 : 1];
  const int serial = table[slot];
  female = serial % 2 == 0;
  const std::string digits = std::to_string(10000 + serial).substr(1);
  return two_digits(birth.day()) + two_digits(birth.month()) + two_digits(birth.year() % 100) + "-" + digits;
}

const Residence* Household::home_on(Date d) const {
  for (const Residence& r : residences)
    if (r.covers(d)) return &r;
  return nullptr;
}

const Residence* Household::adult_home_on(size_t adult, Date d) const {
  if (adult == 1 && moved_out) {
    if (moved_out->covers(d)) return &*moved_out;
    if (d >= moved_out->from) return nullptr;
  }
  return home_on(d);
}

Household Population::household(uint64_t h) const {
  Rng rng(options_.seed, Stream::kHousehold, h);
  Household hh;
  hh.index = h;
  const uint64_t cls = h % kClasses, rank = h / kClasses;
  if (plant_stride_ != 0 && h % plant_stride_ == plant_stride_ / 2 && h / plant_stride_ < options_.planted)
    hh.plant = kPlantCycle[(h / plant_stride_) % kPlantCycle.size()];

  if (hh.plant != Plant::kNone) {
    hh.kind = HouseholdKind::kFamily;
  } else {
    const uint64_t roll = rng.below(100);
    hh.kind = roll < 30 ? HouseholdKind::kSingle
              : roll < 50 ? HouseholdKind::kCouple
              : roll < 88 ? HouseholdKind::kFamily
                          : HouseholdKind::kSingleParent;
  }
  const bool fails_modulus11 = rng.below(40) == 0;
  const bool two_adults = hh.kind == HouseholdKind::kCouple || hh.kind == HouseholdKind::kFamily;
  const std::string& family_name = rng.pick(vocab_.surname);
  for (int a = 0; a < (two_adults ? 2 : 1); ++a) {
    const uint64_t offset = permute(rank, adult_window(), a == 0 ? 7919 : 104729, a == 0 ? 0 : 5003);
    Person p;
    p.birth = kAdultBirthFirst.plus_days(static_cast<int32_t>(offset));
    p.cpr = make_cpr(p.birth, cls * kAdultSlots + static_cast<uint64_t>(a), false, fails_modulus11, p.female);
    p.first_name = rng.pick(p.female ? vocab_.female : vocab_.male);
    p.surname = a == 0 || rng.chance(0.5) ? family_name : rng.pick(vocab_.surname);
    hh.adults.push_back(std::move(p));
  }

  if (hh.kind == HouseholdKind::kFamily || hh.kind == HouseholdKind::kSingleParent) {
    // Birth gaps are the class's, so children's birth dates differ within a class.
    Rng class_rng(options_.seed, Stream::kHousehold, (1ULL << 62) + cls);
    int32_t gap = class_rng.between(22 * 365, 36 * 365);
    const int wanted = hh.plant != Plant::kNone ? 3 : rng.between(1, 3);
    for (int c = 0; c < kChildSlots; ++c) {
      if (c > 0) gap += class_rng.between(400, 6 * 365);
      if (c >= wanted) continue;
      Person p;
      p.birth = hh.adults[0].birth.plus_days(gap);
      if (p.birth < kFirstChildBirth || p.birth > options_.end.plus_days(-30)) continue;
      // This plant needs a youngest child who turns 18 while reports are written.
      if (hh.plant == Plant::kChildTurns18 && p.birth > add_years(options_.end, -18)) continue;
      p.cpr = make_cpr(p.birth, cls * kChildSlots + static_cast<uint64_t>(c), true, fails_modulus11, p.female);
      p.first_name = rng.pick(p.female ? vocab_.female : vocab_.male);
      p.surname = family_name;
      hh.children.push_back(std::move(p));
    }
    if (hh.children.empty() && hh.plant == Plant::kNone)
      hh.kind = two_adults ? HouseholdKind::kCouple : HouseholdKind::kSingle;
  }

  auto make_residence = [&](int number, const Municipality* same_municipality) {
    Residence r;
    r.municipality = same_municipality ? same_municipality : &rng.pick(vocab_.municipalities);
    r.address_id = "A-S" + std::to_string(h) + "-" + std::to_string(number);
    const std::string& street = rng.chance(0.6) ? rng.pick(vocab_.street) : rng.pick(vocab_.word_streets);
    r.street = street + " " + std::to_string(rng.between(1, 150));
    if (rng.chance(0.1)) r.street += static_cast<char>('A' + rng.below(4));
    r.text = r.street;
    if (rng.chance(0.5)) {
      static const char* kDoors[] = {"tv", "th", "mf"};
      const int floor = rng.between(0, 5);
      r.text += floor == 0 ? ", st. " : ", " + std::to_string(floor) + ". ";
      r.text += kDoors[rng.below(3)];
    }
    r.text += ", " + std::to_string(r.municipality->postcode) + " " + r.municipality->name;
    return r;
  };

  // Adults registered once they are 18; the family moved in some time before.
  Date adult_since = add_years(hh.adults[0].birth, 18);
  if (hh.adults.size() > 1) adult_since = std::max(adult_since, add_years(hh.adults[1].birth, 18));
  Residence home = make_residence(1, nullptr);
  home.from = std::max(adult_since, random_date(rng, *Date::from_ymd(2005, 1, 1), *Date::from_ymd(2020, 12, 31)));
  home.from = std::min(home.from, options_.start.plus_days(-1));
  hh.residences.push_back(home);

  const bool moves = hh.plant == Plant::kFlagLatest || (hh.plant == Plant::kNone && rng.chance(0.15));
  if (moves) {
    const Date earliest = std::max(home.from.plus_days(365), options_.start.plus_days(hh.plant == Plant::kNone ? 0 : 700));
    const Date move = random_date(rng, earliest, std::max(earliest, options_.end.plus_days(-120)));
    hh.residences[0].to = move.plus_days(-1);
    Residence next = make_residence(2, rng.chance(0.7) ? home.municipality : nullptr);
    next.from = move;
    hh.residences.push_back(next);
  }
  if (hh.plant == Plant::kElsewhere) {
    Residence flat = make_residence(9, nullptr);
    flat.from = random_date(rng, options_.start, std::max(options_.start, options_.end.plus_days(-500)));
    hh.moved_out = flat;
  }
  return hh;
}

}  // namespace socialsoeg::sample
