// Turns a report specification — who, where, when, which kinds of sentences —
// into a report whose text reads like a døgnrapport or journal note: an
// opening, the incident sentences, ordinary procedure, a closing, with every
// {slot} filled consistently for the people involved (their real ages and
// genders, the children's real ages, the report's own clock time).
#pragma once

#include <string>
#include <vector>

#include "bench/sample/phrase_bank.h"
#include "bench/sample/population.h"
#include "bench/sample/report.h"
#include "bench/sample/rng.h"
#include "bench/sample/vocabulary.h"

namespace socialsoeg::sample {

struct Incident {
  std::string concept_id;  // risk concept_id of the sentence
  bool affirmed;
};

struct ReportSpec {
  Date date;
  const Person* subject = nullptr;  // may be null: an incident without named people
  std::string subject_role;
  const Person* second = nullptr;
  std::string second_role;
  std::vector<const Person*> children;  // the subject's household children (for {børn})
  const Residence* place = nullptr;     // where it happened, if at a home
  const Municipality* municipality = nullptr;
  std::vector<Incident> incidents;      // one risk sentence each
  bool children_present = false;        // add a children-present sentence
  bool look_alike = false;              // add a sentence with look-alike words
  int neutral_sentences = 1;
};

class Composer {
 public:
  Composer(const PhraseBank& bank, const Vocabulary& vocab) : bank_(bank), vocab_(vocab) {}

  // Builds the report for `spec`; id, source and case number are the caller's.
  Report compose(const ReportSpec& spec, Rng& rng) const;

  const PhraseBank& bank() const { return bank_; }

 private:
  std::string fill(const Template& t, const ReportSpec& spec, const std::string& time, Rng& rng) const;
  const Template* pick_risk(const Incident& incident, Rng& rng) const;

  const PhraseBank& bank_;
  const Vocabulary& vocab_;
};

// A police journal number for a case in `m`: "0851-80123-00045-24".
std::string case_number(const Municipality& m, Date d, Rng& rng);

// Day of week in Danish, lower case ("mandag").
std::string danish_weekday(Date d);

}  // namespace socialsoeg::sample
