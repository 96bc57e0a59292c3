#include "bench/sample/generator.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "bench/sample/composer.h"
#include "bench/sample/phrase_bank.h"
#include "bench/sample/population.h"
#include "bench/sample/rng.h"
#include "bench/sample/vocabulary.h"
#include "core/cpr.h"
#include "core/errors.h"

namespace socialsoeg::sample {
namespace {

// Shares of the background reports (the planted ones come on top).
constexpr double kRiskShare = 0.35;        // a risk incident, affirmed or negated
constexpr double kNegatedShare = 0.15;     // of risk incidents
constexpr double kOneStrikeShare = 0.10;   // of affirmed risk incidents: a parent, once in a lifetime
constexpr double kLookAlikeShare = 0.10;
constexpr double kChildrenShare = 0.12;

const std::set<std::string> kActing = {"sigtet", "involveret"};

// A planted report, kept small: what is needed to compose it again when its
// turn in the stream comes (composing is deterministic), plus what the truth
// needs. Text is never held, so memory stays flat at ten million reports.
struct PlantedReport {
  uint64_t household;
  uint32_t ordinal;  // its number within the household: the composing stream
  Date date;
  int subject;       // adult index, or kTeen for the oldest child
  std::string role;
  std::vector<Incident> incidents;
  int second = kNobody;  // adult index
  std::string second_role;
  std::optional<uint64_t> actor;  // household of a single adult named as sigtet
  bool children_present = false;
  bool look_alike = false;
  int neutral_sentences = 1;
  // From the first composition, for the truth.
  std::string id;
  std::map<std::string, bool> concepts;
  std::vector<ReportPerson> persons;

  static constexpr int kTeen = -1, kNobody = -2;
};

struct Flag {
  std::string cpr, address_id;
  std::vector<std::string> children, reports;
};

class Generator {
 public:
  explicit Generator(const GeneratorOptions& o)
      : options_(o),
        bank_(PhraseBank::load(o.phrases)),
        vocab_(Vocabulary::load(o.names, o.municipalities, o.word_list)),
        population_(population_options(o), vocab_),
        composer_(bank_, vocab_) {}

  GeneratorSummary run();

 private:
  static PopulationOptions population_options(const GeneratorOptions& o) {
    PopulationOptions p;
    p.seed = o.seed;
    p.households = o.households ? o.households : std::max<uint64_t>(200, o.reports / 5);
    // One planted household per 125 reports, at most 20,000: enough flags for
    // any benchmark, and the plans (held in memory) stop growing there.
    p.planted = o.planted ? o.planted : std::clamp<uint64_t>(o.reports / 125, 20, 20000);
    p.planted = std::min(p.planted, p.households / 4);
    p.start = o.start;
    p.end = o.end;
    return p;
  }

  Date date_of(uint64_t index) const {
    const uint64_t span = static_cast<uint64_t>(options_.end - options_.start) + 1;
    return options_.start.plus_days(static_cast<int32_t>(index * span / options_.reports));
  }

  void plan();
  void plan_household(const Household& hh);
  Report make_report(ReportSpec spec, Rng& rng, uint64_t index);
  Report realize(const PlantedReport& planted, uint64_t index);
  Report background(uint64_t index);
  std::optional<Household> random_household(Rng& rng, bool (*wanted)(const Household&));
  std::vector<Flag> truth() const;

  GeneratorOptions options_;
  PhraseBank bank_;
  Vocabulary vocab_;
  Population population_;
  Composer composer_;
  std::vector<PlantedReport> planted_;                     // sorted by index once placed
  std::vector<std::pair<uint64_t, size_t>> placement_;     // report index -> planted_ entry
  std::vector<std::pair<std::string, std::string>> must_not_flag_;  // cpr, why
  uint64_t one_strike_counter_ = 0;
  uint64_t one_strike_listed_ = 0;
};

bool lives_with_minor(const Household& hh, size_t adult, Date d) {
  const Residence* home = hh.adult_home_on(adult, d);
  if (!home || home->address_id.ends_with("-9")) return false;
  for (const Person& c : hh.children)
    if (c.birth <= d && age_on(c.birth, d) < 18 && home->covers(d)) return true;
  return false;
}

Date random_between(Rng& rng, Date lo, Date hi) {
  if (hi < lo) return lo;
  return lo.plus_days(static_cast<int32_t>(rng.below(static_cast<uint64_t>(hi - lo) + 1)));
}

void Generator::plan() {
  const auto& p = population_.options();
  const uint64_t stride = std::max<uint64_t>(1, p.households / p.planted);
  for (uint64_t j = 0; j < p.planted; ++j) {
    const Household hh = population_.household(j * stride + stride / 2);
    if (hh.plant != Plant::kNone) plan_household(hh);
  }
  // Place each planted report at the background slot nearest its date, one
  // per slot. Planted reports keep their own dates, so the stream is in date
  // order give or take a day, as real exports are.
  const uint64_t span = static_cast<uint64_t>(options_.end - options_.start) + 1;
  std::vector<std::pair<uint64_t, size_t>> wanted;
  for (size_t k = 0; k < planted_.size(); ++k) {
    const uint64_t days = static_cast<uint64_t>(planted_[k].date - options_.start);
    wanted.push_back({std::min(options_.reports - 1, days * options_.reports / span), k});
  }
  std::sort(wanted.begin(), wanted.end());
  if (wanted.size() > options_.reports) throw UsageError("too few reports for the planted patterns");
  for (size_t k = 0; k < wanted.size(); ++k) {
    if (k > 0 && wanted[k].first <= wanted[k - 1].first) wanted[k].first = wanted[k - 1].first + 1;
  }
  for (size_t k = wanted.size(); k-- > 0;) {
    const uint64_t limit = k + 1 < wanted.size() ? wanted[k + 1].first - 1 : options_.reports - 1;
    wanted[k].first = std::min(wanted[k].first, limit);
  }
  placement_ = std::move(wanted);
}

std::optional<Household> Generator::random_household(Rng& rng, bool (*wanted)(const Household&)) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    Household hh = population_.household(rng.below(population_.size()));
    if (hh.plant == Plant::kNone && wanted(hh)) return hh;
  }
  return std::nullopt;
}

void Generator::plan_household(const Household& hh) {
  Rng rng(options_.seed, Stream::kPlan, hh.index);
  const Date start = options_.start, end = options_.end;
  const std::vector<std::string>& concepts = bank_.risk_concepts();
  if (concepts.empty()) return;
  auto pick_concept = [&] { return concepts[rng.below(concepts.size())]; };

  std::vector<const Person*> kids;
  for (const Person& c : hh.children) kids.push_back(&c);

  struct Planned {
    Date date;
    size_t subject;  // adult index, or SIZE_MAX for the oldest child
    std::string role;
    std::vector<Incident> incidents;
    bool both_involved = false;
    bool no_risk = false;
  };
  std::vector<Planned> plans;
  auto risk = [&](Date d, size_t who, bool affirmed = true, std::string role = "sigtet") {
    plans.push_back({d, who, std::move(role), {{pick_concept(), affirmed}}, false, false});
  };
  // A date in [lo, hi] on which `adult` lives with a child under 18.
  auto date_with_minor = [&](size_t adult, Date lo, Date hi) -> std::optional<Date> {
    for (int attempt = 0; attempt < 60; ++attempt) {
      const Date d = random_between(rng, lo, hi);
      if (lives_with_minor(hh, adult, d)) return d;
    }
    return std::nullopt;
  };

  switch (hh.plant) {
    case Plant::kFlagTwo:
    case Plant::kFlagThree: {
      const auto d2 = date_with_minor(0, start.plus_days(340), end);
      if (!d2) return;
      const Date d1 = d2->plus_days(-rng.between(30, 160));
      risk(d1, 0);
      if (hh.plant == Plant::kFlagThree) risk(d1.plus_days(-rng.between(20, 160)), 0);
      risk(*d2, 0);
      break;
    }
    case Plant::kFlagBoth: {
      const auto d2 = date_with_minor(0, start.plus_days(340), end);
      if (!d2 || !lives_with_minor(hh, 1, *d2)) return;
      for (Date d : {d2->plus_days(-rng.between(30, 300)), *d2})
        plans.push_back({d, 0, "involveret", {{"husspektakel", true}}, true, false});
      break;
    }
    case Plant::kFlagLatest: {
      // First pattern at the first home, the second at the next one, >365 days later.
      if (hh.residences.size() < 2) return;
      const Date move = hh.residences[1].from;
      const auto d2 = date_with_minor(0, start.plus_days(200), move.plus_days(-1));
      const auto d4 = date_with_minor(0, std::max(move.plus_days(30), d2 ? d2->plus_days(430) : end), end);
      if (!d2 || !d4) return;
      risk(d2->plus_days(-rng.between(30, 150)), 0);
      risk(*d2, 0);
      risk(d4->plus_days(-rng.between(20, 300)), 0);
      risk(*d4, 0);
      break;
    }
    case Plant::kFarApart: {
      const auto d2 = date_with_minor(0, start.plus_days(760), end);
      if (!d2) return;
      risk(d2->plus_days(-rng.between(400, 750)), 0);
      risk(*d2, 0);
      break;
    }
    case Plant::kNegated: {
      const auto d2 = date_with_minor(0, start.plus_days(340), end);
      if (!d2) return;
      const bool first_negated = rng.chance(0.5);
      risk(d2->plus_days(-rng.between(30, 300)), 0, !first_negated);
      risk(*d2, 0, first_negated);
      break;
    }
    case Plant::kWitness: {
      const auto d2 = date_with_minor(0, start.plus_days(340), end);
      if (!d2) return;
      static const char* kRoles[] = {"vidne", "forurettet", "anmelder"};
      risk(d2->plus_days(-rng.between(30, 300)), 0, true, kRoles[rng.below(3)]);
      risk(*d2, 0, true, kRoles[rng.below(3)]);
      break;
    }
    case Plant::kElsewhere: {
      if (!hh.moved_out || hh.adults.size() < 2) return;
      const Date lo = std::max(hh.moved_out->from, start).plus_days(310);
      if (lo > end) return;
      const Date d2 = random_between(rng, lo, end);
      risk(d2.plus_days(-rng.between(30, 300)), 1);
      risk(d2, 1);
      break;
    }
    case Plant::kNoRisk: {
      const auto d2 = date_with_minor(0, start.plus_days(340), end);
      if (!d2) return;
      for (Date d : {d2->plus_days(-rng.between(30, 300)), *d2})
        plans.push_back({d, 0, "involveret", {}, false, true});
      break;
    }
    case Plant::kMinor: {
      if (hh.children.size() < 2) return;
      const Person& teen = hh.children.front();
      const Date lo = std::max(start.plus_days(300), teen.birth.plus_days(15 * 365));
      const Date hi = std::min(end, teen.birth.plus_days(18 * 365 - 30));
      if (hi < lo) return;
      const Date d2 = random_between(rng, lo, hi);
      if (age_on(teen.birth, d2) >= 18) return;
      risk(d2.plus_days(-rng.between(30, 250)), SIZE_MAX);
      risk(d2, SIZE_MAX);
      break;
    }
    case Plant::kExactYear:
    case Plant::kYearAndDay: {
      const auto d2 = date_with_minor(0, start.plus_days(370), end);
      if (!d2) return;
      risk(d2->plus_days(hh.plant == Plant::kExactYear ? -365 : -366), 0);
      risk(*d2, 0);
      break;
    }
    case Plant::kChildTurns18: {
      // On the youngest child's 18th birthday nobody in the home is a child.
      if (hh.children.empty()) return;
      const Person& youngest = hh.children.back();
      const Date d2 = *Date::from_ymd(youngest.birth.year() + 18, youngest.birth.month(),
                                      youngest.birth.month() == 2 && youngest.birth.day() == 29 ? 28 : youngest.birth.day());
      const Date birthday = youngest.birth.month() == 2 && youngest.birth.day() == 29 ? d2.plus_days(1) : d2;
      if (birthday > end || birthday.plus_days(-200) < start || !hh.home_on(birthday)) return;
      risk(birthday.plus_days(-rng.between(30, 200)), 0);
      risk(birthday, 0);
      break;
    }
    case Plant::kNone:
      return;
  }

  uint32_t ordinal = 0;
  for (const Planned& p : plans) {
    if (p.date < start || p.date > end) continue;
    PlantedReport pr;
    pr.household = hh.index;
    pr.ordinal = ordinal++;
    pr.date = p.date;
    pr.subject = p.subject == SIZE_MAX ? PlantedReport::kTeen : static_cast<int>(p.subject);
    pr.role = p.role;
    pr.incidents = p.incidents;
    pr.children_present = p.no_risk || rng.chance(0.3);
    pr.look_alike = p.no_risk;
    pr.neutral_sentences = rng.between(1, 3);
    if (p.both_involved) {
      pr.second = 1;
      pr.second_role = "involveret";
    } else if (pr.subject == 0 && hh.adults.size() > 1 && rng.chance(0.5)) {
      pr.second = 1;
      pr.second_role = rng.chance(0.5) ? "forurettet" : "anmelder";
    }
    if (!kActing.count(p.role)) {
      // Someone else did it: a single adult from elsewhere, who never flags.
      if (auto other = random_household(rng, [](const Household& h) { return h.kind == HouseholdKind::kSingle; })) {
        pr.actor = other->index;
        pr.second = PlantedReport::kNobody;
      }
    }
    planted_.push_back(std::move(pr));
  }
  const char* why = nullptr;
  switch (hh.plant) {
    case Plant::kFarApart: case Plant::kNegated: case Plant::kWitness: case Plant::kElsewhere:
    case Plant::kNoRisk: case Plant::kMinor: case Plant::kYearAndDay: case Plant::kChildTurns18:
      why = to_string(hh.plant).data();
      break;
    default:
      break;
  }
  if (why && !plans.empty()) {
    const Person& who = hh.plant == Plant::kMinor ? hh.children.front()
                        : hh.plant == Plant::kElsewhere ? hh.adults[1]
                                                        : hh.adults[0];
    must_not_flag_.push_back({who.cpr, why});
  }
}

Report Generator::realize(const PlantedReport& p, uint64_t index) {
  const Household hh = population_.household(p.household);
  Rng rng(options_.seed, Stream::kPlan, (p.household << 8) + 1 + p.ordinal);
  ReportSpec spec;
  spec.date = p.date;
  const bool teen = p.subject == PlantedReport::kTeen;
  spec.subject = teen ? &hh.children.front() : &hh.adults[static_cast<size_t>(p.subject)];
  spec.subject_role = p.role;
  for (const Person& c : hh.children) spec.children.push_back(&c);
  spec.place = teen ? hh.home_on(p.date) : hh.adult_home_on(static_cast<size_t>(p.subject), p.date);
  if (!spec.place) spec.place = &hh.residences.front();
  spec.incidents = p.incidents;
  spec.children_present = p.children_present;
  spec.look_alike = p.look_alike;
  spec.neutral_sentences = p.neutral_sentences;
  if (p.second != PlantedReport::kNobody) {
    spec.second = &hh.adults[static_cast<size_t>(p.second)];
    spec.second_role = p.second_role;
  }
  Report r = make_report(spec, rng, index);
  if (p.actor) {
    const Household other = population_.household(*p.actor);
    const Person& actor = other.adults.front();
    r.persons.push_back({actor.cpr, actor.name(), "sigtet"});
  }
  return r;
}

Report Generator::make_report(ReportSpec spec, Rng& rng, uint64_t index) {
  Report r = composer_.compose(spec, rng);
  r.source = rng.chance(0.7) ? "døgnrapport" : "journal";
  const Municipality* m = spec.place ? spec.place->municipality : spec.municipality;
  if (m && (r.source == "journal" || rng.chance(0.5))) r.case_number = case_number(*m, r.date, rng);
  std::string code = r.municipality;
  while (code.size() < 4) code.insert(code.begin(), '0');
  char seq[32];
  std::snprintf(seq, sizeof seq, "%08llu", static_cast<unsigned long long>(index));
  r.id = (r.source == "journal" ? "J-" : "DR-") + code + "-" + std::to_string(r.date.year()) + "-s" + seq;
  return r;
}

bool is_single(const Household& h) { return h.kind == HouseholdKind::kSingle || h.kind == HouseholdKind::kCouple; }
bool any_household(const Household&) { return true; }

Report Generator::background(uint64_t index) {
  Rng rng(options_.seed, Stream::kReport, index);
  ReportSpec spec;
  spec.date = date_of(index);
  spec.neutral_sentences = rng.between(2, 5);  // about 1 KB a report, as journal notes run
  spec.look_alike = rng.chance(kLookAlikeShare);
  spec.children_present = rng.chance(kChildrenShare);
  const auto& concepts = bank_.risk_concepts();
  std::optional<Household> hh;
  if (rng.chance(kRiskShare) && !concepts.empty()) {
    const bool affirmed = !rng.chance(kNegatedShare);
    spec.incidents.push_back({concepts[rng.below(concepts.size())], affirmed});
    if (affirmed && rng.chance(kOneStrikeShare)) {
      // A parent with one risk report in the whole run: each household's
      // first adult at most once, by walking a permutation of households.
      const uint64_t n = population_.size();
      for (int attempt = 0; attempt < 8 && one_strike_counter_ < n; ++attempt) {
        const uint64_t h = (one_strike_counter_++ * 2654435761ULL + 12345) % n;
        Household candidate = population_.household(h);
        if (candidate.plant == Plant::kNone && candidate.has_children() && candidate.home_on(spec.date)) {
          hh = std::move(candidate);
          break;
        }
      }
      if (hh && one_strike_listed_ < 5 && lives_with_minor(*hh, 0, spec.date)) {
        ++one_strike_listed_;
        must_not_flag_.push_back({hh->adults[0].cpr, "one risk report only"});
      }
    }
    if (!hh) hh = random_household(rng, affirmed ? is_single : any_household);
    if (hh && (affirmed || !hh->adults.empty())) {
      spec.subject = &hh->adults[0];
      spec.subject_role = rng.chance(0.8) ? "sigtet" : "involveret";
    }
  } else {
    hh = random_household(rng, any_household);
    if (hh && rng.chance(0.7)) {
      // Neutral incidents name anyone, in any role; no risk sentence is written.
      static const char* kRoles[] = {"sigtet", "forurettet", "anmelder", "vidne", "involveret"};
      spec.subject = &hh->adults[rng.below(hh->adults.size())];
      spec.subject_role = kRoles[rng.below(5)];
    }
  }
  // The other adult of the household may be there as witness or reporter.
  // Keep the household alive for the pointers in spec until compose is done.
  if (hh) {
    spec.place = hh->home_on(spec.date);
    for (const Person& c : hh->children) spec.children.push_back(&c);
    if (hh->adults.size() > 1 && rng.chance(0.3)) {
      spec.second = spec.subject == &hh->adults[1] ? &hh->adults[0] : &hh->adults[1];
      spec.second_role = rng.chance(0.5) ? "vidne" : "anmelder";
    }
  }
  if (!spec.place || rng.chance(0.3)) {
    spec.municipality = spec.place ? spec.place->municipality : &vocab_.municipalities[rng.below(vocab_.municipalities.size())];
    spec.place = nullptr;
  }
  return make_report(spec, rng, index);
}

// The default screening rule (contract §6) over the planted reports — the
// only ones where an adult living with children has two risk reports.
std::vector<Flag> Generator::truth() const {
  struct Hit {
    Date date;
    std::string id;
  };
  std::map<std::string, std::vector<Hit>> qualifying;  // canonical CPR -> reports
  std::map<std::string, uint64_t> household_of;
  for (const auto& [index, k] : placement_) {
    const PlantedReport& pr = planted_[k];
    bool risk = false;
    for (const auto& [concept_id, affirmed] : pr.concepts) risk = risk || (affirmed && concept_id != "boern-til-stede");
    if (!risk) continue;
    std::set<std::string> seen;
    for (const ReportPerson& p : pr.persons) {
      if (!kActing.count(p.role)) continue;
      const auto cpr = Cpr::parse(p.cpr);
      if (!cpr || age_on(cpr->birth_date(), pr.date) < 18 || !seen.insert(cpr->canonical()).second) continue;
      qualifying[cpr->canonical()].push_back({pr.date, pr.id});
      household_of[cpr->canonical()] = pr.household;
    }
  }
  std::vector<Flag> flags;
  for (auto& [cpr, hits] : qualifying) {
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.date < b.date; });
    const Household hh = population_.household(household_of[cpr]);
    size_t adult = hh.adults.size();
    for (size_t a = 0; a < hh.adults.size(); ++a)
      if (Cpr::parse(hh.adults[a].cpr)->canonical() == cpr) adult = a;
    if (adult == hh.adults.size()) continue;
    // One flag per subject and household, for the latest pattern there: the
    // latest report that has a qualifying report at most 365 days before it
    // and falls on a day the subject lives with a child under 18.
    std::set<std::string> flagged_addresses;
    for (size_t j = hits.size(); j-- > 1;) {
      if (hits[j].date - hits[j - 1].date > 365) continue;
      if (!lives_with_minor(hh, adult, hits[j].date)) continue;
      const Residence* home = hh.adult_home_on(adult, hits[j].date);
      if (!flagged_addresses.insert(home->address_id).second) continue;
      Flag f;
      f.cpr = hh.adults[adult].cpr;
      f.address_id = home->address_id;
      for (const Person& c : hh.children)
        if (c.birth <= hits[j].date && age_on(c.birth, hits[j].date) < 18) f.children.push_back(c.cpr);
      for (const Hit& h : hits)
        if (h.date <= hits[j].date && hits[j].date - h.date <= 365) f.reports.push_back(h.id);
      flags.push_back(std::move(f));
    }
  }
  return flags;
}

GeneratorSummary Generator::run() {
  const auto t0 = std::chrono::steady_clock::now();
  GeneratorSummary summary;
  std::filesystem::create_directories(options_.out_dir);
  plan();
  // Compose each planted report once for what the truth needs; its text is
  // composed again, identically, when the stream reaches its slot.
  for (const auto& [index, k] : placement_) {
    const Report r = realize(planted_[k], index);
    planted_[k].id = r.id;
    planted_[k].concepts = r.concepts;
    planted_[k].persons = r.persons;
  }

  auto open = [&](const char* name) {
    std::ofstream out(options_.out_dir / name, std::ios::binary);
    if (!out) throw EnvironmentError("cannot write " + (options_.out_dir / name).string());
    return out;
  };
  {
    auto reports = open("reports.jsonl");
    auto labels = open("labels.jsonl");
    size_t next = 0;
    for (uint64_t i = 0; i < options_.reports; ++i) {
      const bool is_planted = next < placement_.size() && placement_[next].first == i;
      const Report r = is_planted ? realize(planted_[placement_[next++].second], i) : background(i);
      const std::string line = report_json(r);
      reports << line << '\n';
      labels << labels_json(r) << '\n';
      summary.report_bytes += line.size() + 1;
      summary.planted_reports += is_planted;
    }
    summary.reports = options_.reports;
  }
  {
    auto residents = open("residents.jsonl");
    auto write = [&](const Person& p, const std::string& address, Date from, std::optional<Date> to) {
      if (to && *to < from) return;
      nlohmann::ordered_json j;
      j["cpr"] = p.cpr;
      j["name"] = p.name();
      j["address_id"] = address;
      j["from"] = from.iso();
      j["to"] = to ? nlohmann::ordered_json(to->iso()) : nlohmann::ordered_json(nullptr);
      residents << j.dump() << '\n';
      ++summary.residents;
    };
    for (uint64_t h = 0; h < population_.size(); ++h) {
      const Household hh = population_.household(h);
      for (size_t a = 0; a < hh.adults.size(); ++a) {
        for (const Residence& r : hh.residences) {
          std::optional<Date> to = r.to;
          if (a == 1 && hh.moved_out) {
            if (hh.moved_out->from <= r.from) continue;
            to = to ? std::min(*to, hh.moved_out->from.plus_days(-1)) : hh.moved_out->from.plus_days(-1);
          }
          write(hh.adults[a], r.address_id, r.from, to);
        }
        if (a == 1 && hh.moved_out) write(hh.adults[a], hh.moved_out->address_id, hh.moved_out->from, std::nullopt);
      }
      for (const Person& c : hh.children)
        for (const Residence& r : hh.residences) write(c, r.address_id, hh.child_from(c, r), r.to);
    }
    summary.households = population_.size();
  }
  {
    const auto flags = truth();
    nlohmann::ordered_json j;
    j["as_of"] = options_.end.iso();
    j["window_days"] = 365;
    j["seed"] = options_.seed;
    auto& jf = j["flags"] = nlohmann::ordered_json::array();
    for (const Flag& f : flags)
      jf.push_back({{"cpr", f.cpr}, {"address_id", f.address_id}, {"children", f.children}, {"reports", f.reports}});
    auto& jm = j["must_not_flag"] = nlohmann::ordered_json::array();
    for (const auto& [cpr, why] : must_not_flag_) jm.push_back({{"cpr", cpr}, {"why", why}});
    auto out = open("truth.json");
    out << j.dump(1) << '\n';
    summary.flags = flags.size();
    summary.must_not_flag = must_not_flag_.size();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace

GeneratorSummary generate(const GeneratorOptions& options) {
  if (options.reports == 0) throw UsageError("--reports must be at least 1");
  if (options.end < options.start) throw UsageError("--end is before --start");
  Generator g(options);
  return g.run();
}

}  // namespace socialsoeg::sample
