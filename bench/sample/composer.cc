#include "bench/sample/composer.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace socialsoeg::sample {
namespace {

std::string two(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string decimal(Rng& rng, int lo_tenths, int hi_tenths) {
  const int v = rng.between(lo_tenths, hi_tenths);
  return std::to_string(v / 10) + "," + std::to_string(v % 10);
}

std::string number_word(size_t n) {
  static const char* kWords[] = {"ingen", "et", "to", "tre", "fire"};
  return n < 5 ? kWords[n] : std::to_string(n);
}

// Upper-cases the first letter of a UTF-8 sentence (ASCII and æ/ø/å).
void capitalise(std::string& s) {
  if (s.empty()) return;
  if (s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 32);
  } else if (s.size() > 1 && static_cast<unsigned char>(s[0]) == 0xC3) {
    const unsigned char c = static_cast<unsigned char>(s[1]);
    if (c == 0xA6 || c == 0xB8 || c == 0xA5) s[1] = static_cast<char>(c - 0x20);
  }
}

const Template& pick_from(const std::vector<Template>& v, Rng& rng) { return v[rng.below(v.size())]; }

void add_tags(const Template& t, Report& r) {
  for (const ConceptTag& tag : t.tags) {
    auto [it, inserted] = r.concepts.emplace(tag.concept_id, tag.affirmed);
    if (!inserted) it->second = it->second || tag.affirmed;
  }
}

}  // namespace

std::string case_number(const Municipality& m, Date d, Rng& rng) {
  std::string code = m.code;
  while (code.size() < 4) code.insert(code.begin(), '0');
  return code + "-" + std::to_string(rng.between(10000, 99999)) + "-" + std::to_string(rng.between(10000, 99999)) +
         "-" + two(d.year() % 100);
}

std::string danish_weekday(Date d) {
  static const char* kDays[] = {"torsdag", "fredag", "lørdag", "søndag", "mandag", "tirsdag", "onsdag"};
  const int32_t n = d.days_since_epoch();  // 1970-01-01 was a Thursday
  return kDays[((n % 7) + 7) % 7];
}

const Template* Composer::pick_risk(const Incident& incident, Rng& rng) const {
  const auto& candidates = bank_.risk(incident.concept_id, incident.affirmed);
  if (candidates.empty()) return nullptr;
  // A negated incident must not smuggle in an affirmed risk of another concept_id.
  for (int attempt = 0; attempt < 20; ++attempt) {
    const Template* t = candidates[rng.below(candidates.size())];
    bool clean = true;
    for (const ConceptTag& tag : t->tags)
      if (!incident.affirmed && tag.affirmed && tag.concept_id != "boern-til-stede") clean = false;
    if (clean) return t;
  }
  return nullptr;
}

Report Composer::compose(const ReportSpec& spec, Rng& rng) const {
  Report r;
  r.date = spec.date;
  if (rng.chance(0.85)) r.time = two(rng.between(0, 23)) + ":" + two(static_cast<int>(rng.below(60)));
  const std::string time = r.time.empty() ? two(rng.between(0, 23)) + "." + two(static_cast<int>(rng.below(60)))
                                          : r.time.substr(0, 2) + "." + r.time.substr(3);
  std::vector<std::string> sentences;
  auto add = [&](const Template& t) {
    std::string s = fill(t, spec, time, rng);
    capitalise(s);
    sentences.push_back(std::move(s));
    add_tags(t, r);
  };

  add(pick_from(bank_.section("opening"), rng));
  std::string title_concept;
  for (const Incident& incident : spec.incidents) {
    if (const Template* t = pick_risk(incident, rng)) {
      add(*t);
      if (incident.affirmed && title_concept.empty()) title_concept = incident.concept_id;
    }
  }
  // Distinct neutral sentences: a report never says the same thing twice.
  std::vector<const Template*> used;
  for (int i = 0; i < spec.neutral_sentences; ++i) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const Template& t = pick_from(bank_.section("neutral"), rng);
      if (std::find(used.begin(), used.end(), &t) != used.end()) continue;
      used.push_back(&t);
      add(t);
      break;
    }
  }
  if (spec.children_present && !bank_.section("children").empty()) {
    // Only the affirmed children-present sentences: "ingen børn" would be a negation.
    const auto& all = bank_.section("children");
    for (int attempt = 0; attempt < 20; ++attempt) {
      const Template& t = pick_from(all, rng);
      if (!t.tags.empty() && t.tags[0].affirmed) {
        add(t);
        break;
      }
    }
  }
  if (spec.look_alike && !bank_.section("trap").empty()) add(pick_from(bank_.section("trap"), rng));
  add(pick_from(bank_.section("closing"), rng));

  for (const auto& s : sentences) r.text += (r.text.empty() ? "" : " ") + s;

  if (rng.chance(0.8)) {
    const auto& titles = title_concept.empty() ? bank_.neutral_titles() : bank_.titles_for(title_concept);
    const auto& pool = titles.empty() ? bank_.neutral_titles() : titles;
    if (!pool.empty()) {
      const Template& t = *pool[rng.below(pool.size())];
      r.title = fill(t, spec, time, rng);
      capitalise(r.title);
      add_tags(t, r);
    }
  }
  if (spec.place) r.address = {spec.place->address_id, spec.place->text};
  const Municipality* m = spec.municipality ? spec.municipality : spec.place ? spec.place->municipality : nullptr;
  if (m) {
    r.district = m->district;
    r.municipality = m->code;
  }
  auto add_person = [&](const Person* p, const std::string& role) {
    if (!p || role.empty()) return;
    // Officers write CPR numbers both ways; records carry both (contract §2).
    std::string cpr = p->cpr;
    if (rng.below(20) == 0) cpr.erase(6, 1);
    r.persons.push_back({cpr, p->name(), role});
  };
  add_person(spec.subject, spec.subject_role);
  add_person(spec.second, spec.second_role);
  return r;
}

std::string Composer::fill(const Template& t, const ReportSpec& spec, const std::string& time, Rng& rng) const {
  const Person* subject = spec.subject;
  const Person* second = spec.second;
  const bool female = subject ? subject->female : rng.chance(0.3);
  const bool female2 = second ? second->female : !female;
  const Municipality& muni = spec.place ? *spec.place->municipality
                            : spec.municipality ? *spec.municipality
                                                : vocab_.municipalities[rng.below(vocab_.municipalities.size())];
  auto age = [&](const Person* p, int lo, int hi) {
    return std::to_string(p ? age_on(p->birth, spec.date) : rng.between(lo, hi));
  };
  std::string out;
  out.reserve(t.text.size() + 64);
  for (size_t i = 0; i < t.text.size(); ++i) {
    if (t.text[i] != '{') {
      out.push_back(t.text[i]);
      continue;
    }
    const size_t close = t.text.find('}', i);
    const std::string slot = t.text.substr(i + 1, close - i - 1);
    i = close;
    if (slot == "kl") {
      out += (rng.chance(0.8) ? "kl. " : "klokken ") + time;
    } else if (slot == "dag") {
      out += danish_weekday(spec.date);
    } else if (slot == "alder") {
      out += age(subject, 19, 70);
    } else if (slot == "alder2") {
      out += age(second, 19, 70);
    } else if (slot == "mand") {
      out += female ? "kvinde" : "mand";
    } else if (slot == "mand2") {
      out += female2 ? "kvinde" : "mand";
    } else if (slot == "han") {
      out += female ? "hun" : "han";
    } else if (slot == "ham") {
      out += female ? "hende" : "ham";
    } else if (slot == "hans") {
      out += female ? "hendes" : "hans";
    } else if (slot == "han2") {
      out += female2 ? "hun" : "han";
    } else if (slot == "ham2") {
      out += female2 ? "hende" : "ham";
    } else if (slot == "hans2") {
      out += female2 ? "hendes" : "hans";
    } else if (slot == "navn") {
      out += subject ? subject->name() : rng.pick(female ? vocab_.female : vocab_.male) + " " + rng.pick(vocab_.surname);
    } else if (slot == "fornavn") {
      out += subject ? subject->first_name : rng.pick(female ? vocab_.female : vocab_.male);
    } else if (slot == "navn2") {
      out += second ? second->name() : rng.pick(female2 ? vocab_.female : vocab_.male) + " " + rng.pick(vocab_.surname);
    } else if (slot == "partner") {
      static const std::array<const char*, 4> kShared = {"samlever", "kæreste", "ægtefælle", "ekskæreste"};
      out += rng.chance(0.2) ? (female2 ? "kone" : "mand") : kShared[rng.below(kShared.size())];
    } else if (slot == "by") {
      out += muni.name;
    } else if (slot == "gade") {
      out += spec.place ? spec.place->street : rng.pick(vocab_.street) + " " + std::to_string(rng.between(1, 120));
    } else if (slot == "vej") {
      out += rng.chance(0.5) ? rng.pick(vocab_.road) : rng.pick(vocab_.street);
    } else if (slot == "adresse") {
      out += spec.place ? spec.place->text
                        : rng.pick(vocab_.street) + " " + std::to_string(rng.between(1, 120)) + ", " +
                              std::to_string(muni.postcode) + " " + muni.name;
    } else if (slot == "promille") {
      out += decimal(rng, 4, 29);
    } else if (slot == "stof") {
      static const std::array<const char*, 5> kDrugs = {"hash", "kokain", "amfetamin", "heroin", "ecstasy"};
      out += kDrugs[rng.below(kDrugs.size())];
    } else if (slot == "gram") {
      out += decimal(rng, 2, 250);
    } else if (slot == "barn") {
      const bool girl = spec.children.empty() ? rng.chance(0.5) : spec.children.front()->female;
      out += girl ? "datter" : "søn";
    } else if (slot == "barnalder") {
      out += spec.children.empty() ? std::to_string(rng.between(1, 15))
                                   : std::to_string(std::max(0, age_on(spec.children.back()->birth, spec.date)));
    } else if (slot == "børn") {
      std::vector<int> ages;
      for (const Person* c : spec.children) ages.push_back(std::max(0, age_on(c->birth, spec.date)));
      if (ages.empty()) ages.push_back(rng.between(1, 15));
      if (ages.size() == 1) {
        const bool girl = spec.children.empty() ? rng.chance(0.5) : spec.children.front()->female;
        out += "en " + std::to_string(ages[0]) + "-årig " + (girl ? "pige" : "dreng");
      } else {
        out += number_word(ages.size()) + " børn på ";
        for (size_t k = 0; k < ages.size(); ++k)
          out += (k == 0 ? "" : k + 1 == ages.size() ? " og " : ", ") + std::to_string(ages[k]);
        out += " år";
      }
    } else if (slot == "plade") {
      out += std::string{static_cast<char>('A' + rng.below(26)), static_cast<char>('A' + rng.below(26))} + " " +
             two(rng.between(10, 99)) + " " + std::to_string(rng.between(100, 999));
    } else if (slot == "tlf") {
      out += std::to_string(rng.between(20, 99)) + " " + two(rng.between(0, 99)) + " " + two(rng.between(0, 99)) +
             " " + two(rng.between(0, 99));
    } else if (slot == "bil") {
      out += rng.pick(vocab_.vehicle);
    } else if (slot == "dato") {
      const Date d = spec.date.plus_days(-rng.between(5, 400));
      static const char* kMonths[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                      "juli",   "august",  "september", "oktober", "november", "december"};
      out += rng.chance(0.6) ? two(d.day()) + "." + two(d.month()) + "." + std::to_string(d.year())
                             : std::to_string(d.day()) + ". " + kMonths[d.month() - 1] + " " + std::to_string(d.year());
    } else if (slot == "journal") {
      out += case_number(muni, spec.date, rng);
    }
  }
  return out;
}

}  // namespace socialsoeg::sample
