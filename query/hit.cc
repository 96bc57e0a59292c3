#include "query/hit.h"

#include <nlohmann/json.hpp>

#include "core/cpr.h"
#include "core/errors.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "index/token_offsets.h"

namespace socialsoeg::query {
namespace {

std::vector<Span> concept_spans(const index::StoredReport& report, bool title, const MatchSet& matches) {
  std::vector<Span> out;
  if (matches.concepts.empty()) return out;
  for (const auto& m : report.mentions) {
    if (m.in_title != title || !matches.concepts.count(m.concept_id)) continue;
    if (!m.affirmed && !matches.include_negated) continue;
    out.push_back({m.start, m.end});
  }
  return out;
}

}  // namespace

Hit read_hit(const Xapian::Document& doc, double score, const MatchSet& matches, bool snippets) {
  auto data = index::read_stored_report(doc);
  Hit h;
  h.id = std::move(data.id);
  h.score = score;
  h.occurred = std::move(data.occurred);
  h.source = std::move(data.source);
  h.district = std::move(data.district);
  h.title = std::move(data.title);
  h.case_number = std::move(data.case_number);
  h.municipality = std::move(data.municipality);
  h.address_id = std::move(data.address_id);
  h.address_text = std::move(data.address_text);
  h.persons.reserve(data.persons.size());
  for (auto& p : data.persons) h.persons.push_back({std::move(p.cpr), std::move(p.name), std::move(p.role)});
  for (const auto& m : data.mentions) {
    bool seen = false;
    for (const auto& t : h.concepts) seen = seen || (t.concept_id == m.concept_id && t.affirmed == m.affirmed);
    if (!seen) h.concepts.push_back({m.concept_id, m.affirmed});
  }
  if (!snippets) return h;
  const std::string& text = data.text;
  auto text_spans = concept_spans(data, false, matches);
  auto title_spans = concept_spans(data, true, matches);
  if (matches.terms.empty()) {
    // Nothing to find in the text (a CPR or filter search): its opening, and
    // the concept marks if a concept was searched for.
    h.snippet = make_snippet(text, merge_spans(std::move(text_spans), text.size()));
    h.title_matches = merge_spans(std::move(title_spans), h.title.size());
    return h;
  }
  // Every document has its token offsets: the loader writes value slot 6 for
  // every report, and readers open a database only through
  // index::check_identity (index/database_dir.cc), which refuses any schema
  // version but schema::kSchemaVersion ("4"), whose databases are written
  // whole by a loader that writes the slot. So a value that does not decode
  // is damage, reported as a damaged stored report is.
  const auto offsets = index::decode_token_offsets(doc.get_value(schema::kSlotTokenOffsets));
  if (!offsets)
    throw EnvironmentError("report document " + std::to_string(doc.get_docid()) +
                           ": token offsets are damaged or missing (re-index with --replace-all)");
  // Where the searched-for terms are, from the index's own position lists:
  // no second analysis of the text.
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (!matches.terms.count(*t)) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      if (const auto at = offsets->locate(*p))
        (at->field == 0 ? title_spans : text_spans).push_back({at->span.start, at->span.end});
    }
  }
  h.snippet = make_snippet(text, merge_spans(std::move(text_spans), text.size()));
  h.title_matches = merge_spans(std::move(title_spans), h.title.size());
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
