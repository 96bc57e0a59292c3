// Draft socialrapporter (underretning, barnets lov § 133) for the flags of a
// screening, for a person to review before anything is sent, written as
// municipal notification guides ask:
// in Danish, in the police's neutral register — dated observations first,
// concern and not conclusion, the assessment left to the municipality — with
// the adult, the children and their ages, the address, and each report with
// date, journal number or id, role and the words that carry the concept;
// and places for the reviewing officer's name and assessment.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/concepts.h"
#include "index/places.h"
#include "index/resident_store.h"
#include "screening/screener.h"

namespace socialsoeg::screening {

struct DraftPerson {
  std::string cpr, name;  // cpr canonical
  int age = 0;
};

struct DraftQuote {
  std::string concept_id;
  std::string concept_phrase;  // how a Danish sentence names it (the concept dictionary's phrase)
  std::string words;           // as written in the report
};

struct DraftReport {
  std::string id, case_number, occurred, district, municipality, title;
  std::vector<std::string> roles;
  std::vector<DraftQuote> quotes;
};

struct Draft {
  Date as_of;
  ScreeningRule rule;
  DraftPerson subject;
  std::vector<DraftPerson> children;  // ages on the pattern date
  std::string address_id, address_text;
  Date pattern_date;
  std::vector<DraftReport> reports;  // oldest first
};

// Everything a draft needs, from the flag, the stored reports and the register.
Draft gather_draft(const Flag& flag, const ScreeningResult& result, const Xapian::Database& reports,
                   const index::ResidentStore& residents, const index::Places& places,
                   const analysis::ConceptDictionary& concepts);

std::string draft_markdown(const Draft& draft);
std::string draft_html(const Draft& draft);

}  // namespace socialsoeg::screening
