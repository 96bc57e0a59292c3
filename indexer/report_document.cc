#include "indexer/report_document.h"

#include <algorithm>
#include <set>

#include "index/address_text.h"
#include "index/report_values.h"
#include "index/schema.h"
#include "index/stored_report.h"

namespace socialsoeg::indexer {
namespace {

// The longest text term written to a document: a last guard under Xapian's
// limit of 245 bytes a term. Not the analyzer's own limit
// (analysis::LengthFilter::kMaxTermBytes, 100 bytes: what anyone searches
// for), which already drops longer terms; this one only keeps a document
// writable should an analyzer ever pass a longer term. Identifiers are bounded
// by indexer/record_limits.h.
constexpr size_t kMaxWritableTermBytes = 240;

// Adds the analyzer's index-side terms of one field with positions shifted by
// `base`; returns the last position used.
Xapian::termpos add_text(Xapian::Document& doc, const analysis::TokenList& tokens, Xapian::termpos base) {
  Xapian::termpos last = base;
  for (const auto& t : tokens) {
    if (t.term.empty() || t.term.size() > kMaxWritableTermBytes) continue;
    const Xapian::termpos pos = base + t.position;
    doc.add_posting(t.term, pos);
    last = std::max(last, pos);
  }
  return last;
}

}  // namespace

std::vector<index::TokenSpan> spans_by_position(const analysis::TokenList& tokens) {
  std::vector<index::TokenSpan> spans;
  for (const auto& t : tokens) {
    if (t.term.empty() || t.position == 0) continue;
    if (spans.size() < t.position) spans.resize(t.position);
    auto& s = spans[t.position - 1];
    if (s.end == s.start) {
      s = {t.start, t.end};
    } else {
      s.start = std::min(s.start, t.start);
      s.end = std::max(s.end, t.end);
    }
  }
  return spans;
}

PreparedReport ReportDocumentBuilder::build(const ReportRecord& r, analysis::Workspace& ws,
                                            analysis::TokenList& tokens) const {
  using schema::boolean_term;
  PreparedReport out;
  Xapian::Document& doc = out.document;
  index::StoredReport stored;
  std::set<std::string> risk_concepts;

  std::vector<index::TokenSpan> title_spans, text_spans;
  auto index_field = [&](const std::string& text, bool is_title, Xapian::termpos base, std::vector<index::TokenSpan>& spans) {
    if (text.empty()) return base;
    analyzer_.analyze(text, analysis::Side::kIndex, ws, tokens);
    const Xapian::termpos last = add_text(doc, tokens, base);
    spans = spans_by_position(tokens);
    spans.resize(last - base);  // exactly the positions the index holds
    for (const auto& m : analyzer_.mentions(tokens)) {
      doc.add_term(std::string(m.affirmed ? schema::kConceptAffirmed : schema::kConceptNegated) + m.concept_id);
      if (m.affirmed) {
        const auto* info = analyzer_.concepts().lookup(m.concept_id);
        if (info && info->risk) risk_concepts.insert(m.concept_id);
      }
      stored.mentions.push_back({m.concept_id, m.affirmed, is_title, static_cast<uint32_t>(m.start),
                                 static_cast<uint32_t>(m.end)});
    }
    return last;
  };
  const Xapian::termpos title_end = index_field(r.title, true, 0, title_spans);
  index_field(r.text, false, title_end + schema::kTextPositionGap, text_spans);
  doc.add_value(schema::kSlotTokenOffsets, index::encode_token_offsets(title_spans, text_spans));

  out.id_term = boolean_term(schema::kId, r.id);
  doc.add_boolean_term(out.id_term);
  doc.add_boolean_term(boolean_term(schema::kSource, r.source));
  doc.add_boolean_term(boolean_term(schema::kDistrict, r.district));
  if (!r.case_number.empty()) doc.add_boolean_term(boolean_term(schema::kCase, r.case_number));
  if (!r.municipality.empty()) doc.add_boolean_term(boolean_term(schema::kMunicipality, r.municipality));
  if (!r.address_id.empty()) doc.add_boolean_term(boolean_term(schema::kAddress, r.address_id));
  if (const auto parts = r.address_id.empty() ? std::nullopt : index::split_address_text(r.address_text)) {
    doc.add_boolean_term(boolean_term(schema::kAddressAccess, parts->access_key()));
    if (!parts->floor.empty()) doc.add_boolean_term(boolean_term(schema::kAddressFloor, parts->floor));
    if (!parts->door.empty()) doc.add_boolean_term(boolean_term(schema::kAddressDoor, parts->door));
    if (!parts->postcode.empty()) doc.add_boolean_term(boolean_term(schema::kAddressPostcode, parts->postcode));
  }
  const std::string day = index::occurred_date_value(r.occurred);
  doc.add_boolean_term(std::string(schema::kDay) + day);
  doc.add_boolean_term(std::string(schema::kMonth) + day.substr(0, 6));
  doc.add_boolean_term(std::string(schema::kYear) + day.substr(0, 4));

  std::string person_slot;
  for (const auto& p : r.persons) {
    const std::string& cpr = p.cpr.canonical();
    const std::string_view role = to_string(p.role);
    doc.add_boolean_term(std::string(schema::kCpr) + cpr);
    doc.add_boolean_term(std::string(schema::kRole) + std::string(role));
    doc.add_boolean_term(schema::person_role_term(cpr, role));
    index::append_person(person_slot, cpr, p.role);
    stored.persons.push_back({cpr, p.name, std::string(role)});
  }

  doc.add_value(schema::kSlotOccurredDate, day);
  doc.add_value(schema::kSlotOccurredTime, index::occurred_time_value(r.occurred, r.occurred_time, r.id));
  if (!risk_concepts.empty()) doc.add_value(schema::kSlotRiskConcepts, index::risk_concepts_value(risk_concepts));
  if (!person_slot.empty()) doc.add_value(schema::kSlotPersons, person_slot);

  stored.id = r.id;
  stored.source = r.source;
  stored.district = r.district;
  stored.occurred = r.occurred.iso() + (r.occurred_time.empty() ? "" : "T" + r.occurred_time);
  stored.title = r.title;
  stored.text = r.text;
  stored.case_number = r.case_number;
  stored.municipality = r.municipality;
  if (!r.address_id.empty()) {
    stored.address_id = r.address_id;
    stored.address_text = r.address_text;
  }
  std::string bytes = index::encode_stored_report(stored);
  out.content_hash = index::content_hash_value(bytes);
  doc.add_value(schema::kSlotContentHash, out.content_hash);
  doc.add_value(schema::kSlotStoredReport, std::move(bytes));
  return out;
}

}  // namespace socialsoeg::indexer
