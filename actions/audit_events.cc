#include "actions/audit_events.h"

#include <algorithm>

namespace socialsoeg::actions {
namespace {

void unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

audit::AuditEvent search_event(const access::Principal& who, const std::string& purpose, const std::string& q,
                               const query::SearchResult& result) {
  auto e = who.event("search", purpose);
  e.query = q;
  for (const auto& h : result.hits) {
    e.ids.push_back(h.id);
    for (const auto& p : h.persons) e.persons.push_back(p.cpr);
  }
  unique(e.persons);
  e.details = {{"offset", result.offset}, {"limit", result.limit}, {"total", result.total},
               {"sort", result.sort == query::SortOrder::kDate ? "date" : "relevance"}};
  return e;
}

audit::AuditEvent family_event(const access::Principal& who, const std::string& purpose, const std::string& cpr,
                               const std::string& address, const family::FamilyResult& r) {
  auto e = who.event("family", purpose);
  e.query = cpr.empty() ? "address:" + address : "cpr:" + cpr;
  if (!cpr.empty()) e.persons.push_back(cpr);
  for (const auto& m : r.household) e.persons.push_back(m.cpr);
  for (const auto& h : r.reports) {
    e.ids.push_back(h.id);
    for (const auto& p : h.persons) e.persons.push_back(p.cpr);
  }
  unique(e.persons);
  e.details = {{"as_of", r.as_of.iso()}, {"address_id", r.address_id}, {"household", r.household.size()}};
  return e;
}

audit::AuditEvent screening_event(const access::Principal& who, const std::string& action, const std::string& purpose,
                                  const screening::ScreeningResult& result,
                                  const std::vector<const screening::Flag*>& shown, bool only_new, bool drafts) {
  auto e = who.event(action, purpose);
  nlohmann::json flags = nlohmann::json::array();
  for (const auto* f : shown) {
    e.persons.push_back(f->cpr);
    for (const auto& c : f->children) e.persons.push_back(c);
    for (const auto& r : f->reports) e.ids.push_back(r.id);
    flags.push_back({{"cpr", f->cpr}, {"address_id", f->address_id}});
  }
  unique(e.ids);
  unique(e.persons);
  e.details = {{"as_of", result.as_of.iso()}, {"new_only", only_new}, {"drafts", drafts},
               {"rule", screening::to_json(result.rule)}, {"flags", std::move(flags)}};
  return e;
}

}  // namespace socialsoeg::actions
