#include "query/hit.h"

#include <nlohmann/json.hpp>

#include "core/cpr.h"
#include "indexer/schema.h"
#include "indexer/token_offsets.h"

namespace socialsoeg::query {
namespace {

std::vector<Span> concept_spans(const nlohmann::json& concepts, const char* field, const MatchSet& matches) {
  std::vector<Span> out;
  if (matches.concepts.empty()) return out;
  for (const auto& c : concepts) {
    if (c.value("field", "") != field) continue;
    if (!matches.concepts.count(c.value("concept", ""))) continue;
    if (c.value("polarity", "") != "affirmed" && !matches.include_negated) continue;
    out.push_back({c.value("start", 0u), c.value("end", 0u)});
  }
  return out;
}

}  // namespace

Hit read_hit(const analysis::Analyzer& analyzer, const Xapian::Document& doc, double score, const MatchSet& matches,
             bool snippets) {
  const auto data = nlohmann::json::parse(doc.get_data());
  Hit h;
  h.id = data.value("id", "");
  h.score = score;
  h.occurred = data.value("occurred", "");
  h.source = data.value("source", "");
  h.district = data.value("district", "");
  h.title = data.value("title", "");
  h.case_number = data.value("case", "");
  h.municipality = data.value("municipality", "");
  if (data.contains("address")) {
    h.address_id = data["address"].value("id", "");
    h.address_text = data["address"].value("text", "");
  }
  for (const auto& p : data.value("persons", nlohmann::json::array()))
    h.persons.push_back({p.value("cpr", ""), p.value("name", ""), p.value("role", "")});
  const auto concepts = data.value("concepts", nlohmann::json::array());
  for (const auto& c : concepts) {
    ConceptTag tag{c.value("concept", ""), c.value("polarity", "") == "affirmed"};
    bool seen = false;
    for (const auto& t : h.concepts) seen = seen || (t.concept_id == tag.concept_id && t.affirmed == tag.affirmed);
    if (!seen) h.concepts.push_back(tag);
  }
  if (snippets) {
    const std::string text = data.value("text", "");
    auto text_spans = concept_spans(concepts, "text", matches);
    auto title_spans = concept_spans(concepts, "title", matches);
    const auto offsets = indexer::decode_token_offsets(doc.get_value(schema::kSlotTokenOffsets));
    if (offsets) {
      // Where the searched-for terms are, from the index's own position
      // lists: no second analysis of the text.
      if (!matches.terms.empty()) {
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
          if (!matches.terms.count(*t)) continue;
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
            if (const auto at = offsets->locate(*p))
              (at->field == 0 ? title_spans : text_spans).push_back({at->span.start, at->span.end});
          }
        }
      }
      h.snippet = make_snippet(text, merge_spans(std::move(text_spans), text.size()));
      h.title_matches = merge_spans(std::move(title_spans), h.title.size());
    } else {
      h.snippet = make_snippet(text, matched_spans(analyzer, text, matches, std::move(text_spans)));
      h.title_matches = matched_spans(analyzer, h.title, matches, std::move(title_spans));
    }
  }
  return h;
}

nlohmann::json to_json(const Hit& h) {
  auto spans = [](const std::vector<Span>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& s : v) a.push_back({{"start", s.start}, {"end", s.end}});
    return a;
  };
  nlohmann::json concepts = nlohmann::json::array();
  for (const auto& c : h.concepts)
    concepts.push_back({{"concept", c.concept_id}, {"polarity", c.affirmed ? "affirmed" : "negated"}});
  nlohmann::json persons = nlohmann::json::array();
  for (const auto& p : h.persons) persons.push_back({{"cpr", display_cpr(p.cpr)}, {"name", p.name}, {"role", p.role}});
  nlohmann::json hit = {{"id", h.id},
                        {"score", h.score},
                        {"occurred", h.occurred},
                        {"source", h.source},
                        {"district", h.district},
                        {"title", h.title},
                        {"title_matches", spans(h.title_matches)},
                        {"snippet", h.snippet.text},
                        {"snippet_matches", spans(h.snippet.matches)},
                        {"concepts", std::move(concepts)},
                        {"persons", std::move(persons)}};
  if (!h.case_number.empty()) hit["case"] = h.case_number;
  if (!h.municipality.empty()) hit["municipality"] = h.municipality;
  if (!h.address_id.empty()) hit["address"] = {{"id", h.address_id}, {"text", h.address_text}};
  return hit;
}

std::string display_cpr(const std::string& canonical) {
  if (const auto cpr = Cpr::parse(canonical)) return cpr->display();
  return canonical;
}

}  // namespace socialsoeg::query
