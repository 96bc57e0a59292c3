#include "bench/sample/report.h"

#include <nlohmann/json.hpp>

namespace socialsoeg::sample {

std::string report_json(const Report& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["source"] = r.source;
  if (!r.case_number.empty()) j["case"] = r.case_number;
  j["district"] = r.district;
  j["municipality"] = r.municipality;
  j["occurred"] = r.time.empty() ? r.date.iso() : r.date.iso() + "T" + r.time;
  if (!r.title.empty()) j["title"] = r.title;
  j["text"] = r.text;
  if (r.address) j["address"] = {{"id", r.address->first}, {"text", r.address->second}};
  if (!r.persons.empty()) {
    auto& persons = j["persons"] = nlohmann::ordered_json::array();
    for (const auto& p : r.persons) persons.push_back({{"cpr", p.cpr}, {"name", p.name}, {"role", p.role}});
  }
  return j.dump();
}

std::string labels_json(const Report& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  auto& concepts = j["concepts"] = nlohmann::ordered_json::array();
  for (const auto& [concept_id, affirmed] : r.concepts)
    concepts.push_back({{"concept", concept_id}, {"polarity", affirmed ? "affirmed" : "negated"}});
  return j.dump();
}

}  // namespace socialsoeg::sample
