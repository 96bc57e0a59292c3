#include "family/family_lookup.h"

#include <algorithm>
#include <map>

#include "index/person_role.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "query/report_page.h"

namespace socialsoeg::family {
namespace {

// The same day `years` years earlier (28 February for a 29 February).
Date years_before(Date d, int years) {
  if (auto same = Date::from_ymd(d.year() - years, d.month(), d.day())) return *same;
  return *Date::from_ymd(d.year() - years, d.month(), d.day() - 1);
}

Date occurred_date(const query::Hit& h) {
  return Date::parse_iso(h.occurred, true).value_or(Date());
}

}  // namespace

FamilyLookup::FamilyLookup(const analysis::Analyzer& analyzer, Xapian::Database& reports,
                           index::ResidentStore& residents, DistrictScope scope)
    : reports_(reports), residents_(residents), scope_(std::move(scope)) {
  for (const auto& c : analyzer.concepts().concepts())
    if (c.risk) risk_concepts_.concepts.insert(c.id);
}

FamilyResult FamilyLookup::by_cpr(const Cpr& cpr, Date as_of) const {
  return query::read_consistently([this] { reopen(); }, [&] { return cpr_once(cpr, as_of); });
}

FamilyResult FamilyLookup::by_address(const std::string& address_id, Date as_of) const {
  return query::read_consistently([this] { reopen(); }, [&] { return address_once(address_id, as_of); });
}

void FamilyLookup::reopen() const {
  reports_.reopen();
  residents_.reopen();
}

FamilyResult FamilyLookup::cpr_once(const Cpr& cpr, Date as_of) const {
  if (const auto home = residents_.address_of(cpr, as_of)) {
    FamilyResult r = address_once(home->address_id, as_of);
    r.looked_up_cpr = cpr.canonical();
    // Out of scope: the answer for a number registered nowhere, and with no reports.
    if (!r.household.empty() || scope_.all()) return r;
  }
  FamilyResult r;
  r.as_of = as_of;
  r.looked_up_cpr = cpr.canonical();
  fill(r, {cpr.canonical()});
  return r;
}

FamilyResult FamilyLookup::address_once(const std::string& address_id, Date as_of) const {
  FamilyResult r;
  r.as_of = as_of;
  r.address_id = address_id;
  for (const auto& reg : residents_.at_address(address_id, as_of)) {
    const auto cpr = Cpr::parse(reg.cpr);
    if (!cpr) continue;  // the loader stores only valid numbers
    Member m{reg.cpr, reg.name, age_on(cpr->birth_date(), as_of), false, reg.from, reg.to};
    m.child = m.age < 18;
    r.household.push_back(std::move(m));
  }
  std::stable_sort(r.household.begin(), r.household.end(), [](const Member& a, const Member& b) {
    if (a.child != b.child) return !a.child;
    return a.age > b.age;
  });
  r.address_text = address_text_of(address_id);
  std::vector<std::string> cprs;
  for (const auto& m : r.household) cprs.push_back(m.cpr);
  fill(r, cprs);
  if (!in_scope(r)) {
    FamilyResult unknown;
    unknown.as_of = as_of;
    unknown.address_id = address_id;
    return unknown;
  }
  return r;
}

bool FamilyLookup::in_scope(const FamilyResult& r) const {
  if (scope_.all() || !r.reports.empty()) return true;
  query::PageRequest request;
  request.query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(schema::boolean_term(schema::kAddress, r.address_id)),
                                Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotOccurredDate, r.as_of.compact()));
  request.scope = scope_;
  request.count = 1;
  return query::read_page(reports_, request).size() > 0;
}

void FamilyLookup::fill(FamilyResult& r, const std::vector<std::string>& cprs) const {
  if (cprs.empty()) return;
  std::vector<Xapian::Query> people;
  for (const auto& c : cprs) people.emplace_back(std::string(schema::kCpr) + c);
  query::PageRequest request;
  request.query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, people.begin(), people.end()),
                                Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotOccurredDate, r.as_of.compact()));
  request.scope = scope_;
  request.count = kMaxReports;
  const query::ReportPage page = query::read_page(reports_, request);
  r.reports_truncated = !page.total_exact;  // more than kMaxReports
  for (size_t i = 0; i < page.size(); ++i) {
    query::Hit hit = query::read_hit(page.at(i).get_document(), 0.0, risk_concepts_, true);
    // The card shows what the reports say happened: negated mentions stay
    // with the report, not on the card.
    std::erase_if(hit.concepts, [](const query::ConceptTag& c) { return !c.affirmed; });
    r.reports.push_back(std::move(hit));
  }

  // Per adult: acting reports per affirmed risk concept, 12 months and 5 years back.
  const Date year_ago = years_before(r.as_of, 1), five_years_ago = years_before(r.as_of, 5);
  for (const auto& m : r.household) {
    if (m.child) continue;
    AdultHistory h{m.cpr, m.name, {}};
    std::map<std::string, ConceptCount> counts;
    for (const auto& report : r.reports) {
      const bool acts = std::any_of(report.persons.begin(), report.persons.end(),
                                    [&](const query::Person& p) { return p.cpr == m.cpr && index::is_acting_role(p.role); });
      if (!acts) continue;
      const Date d = occurred_date(report);
      if (d <= five_years_ago) continue;
      for (const auto& c : report.concepts) {
        if (!c.affirmed || !risk_concepts_.concepts.count(c.concept_id)) continue;
        auto& count = counts[c.concept_id];
        count.concept_id = c.concept_id;
        ++count.last_5_years;
        if (d > year_ago) ++count.last_12_months;
      }
    }
    for (auto& [id, c] : counts) h.concepts.push_back(c);
    std::stable_sort(h.concepts.begin(), h.concepts.end(), [](const ConceptCount& a, const ConceptCount& b) {
      if (a.last_12_months != b.last_12_months) return a.last_12_months > b.last_12_months;
      return a.last_5_years > b.last_5_years;
    });
    r.history.push_back(std::move(h));
  }
}

std::string FamilyLookup::address_text_of(const std::string& address_id) const {
  query::PageRequest request;
  request.query = Xapian::Query(schema::boolean_term(schema::kAddress, address_id));
  request.scope = scope_;
  request.count = 1;
  const query::ReportPage newest = query::read_page(reports_, request);
  if (newest.size() == 0) return {};
  return index::read_stored_report(newest.at(0).get_document()).address_text;
}

nlohmann::json to_json(const FamilyResult& r) {
  nlohmann::json household = nlohmann::json::array();
  for (const auto& m : r.household)
    household.push_back({{"cpr", query::display_cpr(m.cpr)},
                         {"name", m.name},
                         {"age", m.age},
                         {"child", m.child},
                         {"from", m.from.iso()},
                         {"to", m.to ? nlohmann::json(m.to->iso()) : nlohmann::json(nullptr)}});
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& h : r.reports) reports.push_back(query::to_json(h));
  nlohmann::json history = nlohmann::json::array();
  for (const auto& a : r.history) {
    nlohmann::json concepts = nlohmann::json::array();
    for (const auto& c : a.concepts)
      concepts.push_back({{"concept", c.concept_id}, {"last_12_months", c.last_12_months}, {"last_5_years", c.last_5_years}});
    history.push_back({{"cpr", query::display_cpr(a.cpr)}, {"name", a.name}, {"concepts", std::move(concepts)}});
  }
  nlohmann::json out = {{"as_of", r.as_of.iso()},
                        {"address_id", r.address_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.address_id)},
                        {"address_text", r.address_text},
                        {"household", std::move(household)},
                        {"reports", std::move(reports)},
                        {"reports_truncated", r.reports_truncated},
                        {"history", std::move(history)}};
  if (!r.looked_up_cpr.empty()) out["cpr"] = query::display_cpr(r.looked_up_cpr);
  return out;
}

}  // namespace socialsoeg::family
