// One report as a result: what the stored data says about it, and its
// snippet. Shared by search, family lookup and screening, so a report looks
// the same wherever it is shown.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "query/query_builder.h"
#include "query/snippet.h"

namespace socialsoeg::query {

struct ConceptTag {
  std::string concept_id;
  bool affirmed;
};

struct Person {
  std::string cpr, name, role;
};

struct Hit {
  std::string id;
  double score = 0;
  std::string occurred, source, district, title;
  std::string case_number, municipality, address_id, address_text;
  std::vector<Person> persons;
  std::vector<ConceptTag> concepts;  // each (concept, polarity) once, in text order
  Snippet snippet;
  std::vector<Span> title_matches;   // byte offsets into title
};

// The hit for a reports-database document: its stored fields, and with
// `snippets` the passage and title marks of what `matches` names, from the
// stored token offsets (Xapian's position lists, no second analysis).
// EnvironmentError when the document's stored report or offsets are damaged.
Hit read_hit(const Xapian::Document& doc, double score, const MatchSet& matches, bool snippets);

// The JSON of a hit (docs/contract.md §7 search hits; docs/search.md).
nlohmann::json to_json(const Hit& hit);

// DDMMYY-SSSS, the form people read and every JSON output writes (the index
// keeps the ten digits).
std::string display_cpr(const std::string& canonical);

}  // namespace socialsoeg::query
