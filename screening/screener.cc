#include "screening/screener.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "core/cpr.h"
#include "index/batch_records.h"
#include "index/report_values.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "query/scope_filter.h"

namespace socialsoeg::screening {
namespace {

struct Qualifying {
  Date date;
  Xapian::docid docid;
  uint64_t batch;
  std::vector<std::string> roles;
  std::vector<std::string> concepts;
};

// The value of `slot` for `docid` from a stream positioned at or before it.
std::optional<std::string> value_at(Xapian::ValueIterator& it, const Xapian::ValueIterator& end, Xapian::docid docid) {
  if (it == end) return std::nullopt;
  if (it.get_docid() < docid) it.skip_to(docid);
  if (it == end || it.get_docid() != docid) return std::nullopt;
  return *it;
}

}  // namespace

Screener::Screener(const Xapian::Database& reports, const index::ResidentStore& residents, ScreeningRule rule,
                   DistrictScope scope)
    : reports_(reports), residents_(residents), rule_(std::move(rule)), scope_(std::move(scope)) {}

ScreeningResult Screener::run(Date as_of, uint64_t previous_batch, bool only_new) const {
  ScreeningResult result;
  result.as_of = as_of;
  result.rule = rule_;
  result.previous_batch = previous_batch;
  result.last_batch = index::last_batch(reports_);

  // 1. Qualifying reports per subject, from the value streams.
  std::unordered_map<std::string, std::vector<Qualifying>> by_subject;
  std::unordered_map<std::string, std::optional<Date>> births;  // cpr -> birth date (nullopt: not a valid number)
  const std::string as_of_compact = as_of.compact();
  auto risk = reports_.valuestream_begin(schema::kSlotRiskConcepts);
  const auto risk_end = reports_.valuestream_end(schema::kSlotRiskConcepts);
  auto dates = reports_.valuestream_begin(schema::kSlotOccurredDate);
  const auto dates_end = reports_.valuestream_end(schema::kSlotOccurredDate);
  auto persons = reports_.valuestream_begin(schema::kSlotPersons);
  const auto persons_end = reports_.valuestream_end(schema::kSlotPersons);
  auto batches = reports_.valuestream_begin(schema::kSlotIngestBatch);
  const auto batches_end = reports_.valuestream_end(schema::kSlotIngestBatch);
  const std::vector<bool> in_scope = query::scope_docids(reports_, scope_);  // empty: every district
  for (; risk != risk_end; ++risk) {
    const Xapian::docid docid = risk.get_docid();
    if (!scope_.all() && (docid >= in_scope.size() || !in_scope[docid])) continue;
    std::vector<std::string> concepts;
    for (auto& c : index::decode_risk_concepts(*risk))
      if (rule_.concepts.count(c)) concepts.push_back(std::move(c));
    if (concepts.empty()) continue;
    const auto day = value_at(dates, dates_end, docid);
    if (!day || *day > as_of_compact) continue;  // YYYYMMDD compares as text
    const auto people = value_at(persons, persons_end, docid);
    if (!people) continue;
    ++result.reports_read;
    const Date date = index::decode_occurred_date(*day).value_or(Date());
    const auto batch_value = value_at(batches, batches_end, docid);
    const uint64_t batch = batch_value ? index::decode_batch(*batch_value) : 0;
    for (const auto& [cpr, role] : index::decode_persons(*people)) {
      if (!rule_.acting_roles.count(role)) continue;
      auto [birth, fresh] = births.try_emplace(cpr);
      if (fresh) {
        if (const auto parsed = Cpr::parse(cpr)) birth->second = parsed->birth_date();
      }
      if (!birth->second || age_on(*birth->second, date) < rule_.adult_age) continue;
      auto& list = by_subject[cpr];
      if (!list.empty() && list.back().docid == docid) {  // named twice in one report: one report
        list.back().roles.push_back(role);
        continue;
      }
      list.push_back({date, docid, batch, {role}, concepts});
    }
  }

  // 2-3. Patterns, latest first, and the household of each.
  std::map<std::pair<std::string, int32_t>, std::vector<std::string>> children_at;  // (address, day) -> children
  auto children_of = [&](const std::string& address, Date day, const std::string& subject) {
    auto [it, fresh] = children_at.try_emplace({address, day.days_since_epoch()});
    if (fresh) {
      for (const auto& reg : residents_.at_address(address, day)) {
        const auto cpr = Cpr::parse(reg.cpr);
        if (cpr && age_on(cpr->birth_date(), day) < rule_.child_age) it->second.push_back(reg.cpr);
      }
    }
    std::vector<std::string> out;
    for (const auto& c : it->second)
      if (c != subject) out.push_back(c);
    return out;
  };
  const auto min_reports = static_cast<size_t>(rule_.min_reports);
  for (auto& [cpr, reports] : by_subject) {
    if (reports.size() < min_reports) continue;
    if (only_new && std::none_of(reports.begin(), reports.end(),
                                 [&](const Qualifying& q) { return q.batch > previous_batch; }))
      continue;
    ++result.subjects;
    std::sort(reports.begin(), reports.end(),
              [](const Qualifying& a, const Qualifying& b) { return a.date != b.date ? a.date < b.date : a.docid < b.docid; });
    const auto parsed = Cpr::parse(cpr);
    const auto registrations = residents_.of_person(*parsed);
    std::set<std::string> flagged_addresses;
    // Each distinct report date, latest first, as the later report of a pattern.
    for (size_t j = reports.size(); j-- > 0;) {
      if (j + 1 < reports.size() && reports[j + 1].date == reports[j].date) continue;
      const Date later = reports[j].date;
      const Date earliest = later.plus_days(-rule_.window_days);
      size_t first = j + 1;
      while (first > 0 && reports[first - 1].date >= earliest) --first;
      if (j + 1 - first < min_reports) continue;
      for (const auto& reg : registrations) {
        if (!reg.covers(later) || flagged_addresses.count(reg.address_id)) continue;
        auto children = children_of(reg.address_id, later, cpr);
        if (children.empty()) continue;
        flagged_addresses.insert(reg.address_id);
        Flag flag;
        flag.cpr = cpr;
        flag.address_id = reg.address_id;
        flag.pattern_date = later;
        flag.children = std::move(children);
        bool is_new = false;
        for (size_t k = first; k <= j; ++k) {
          const auto& q = reports[k];
          FlagReport fr{q.docid, {}, q.date, q.roles, q.concepts, q.batch};
          fr.id = index::read_stored_report(reports_.get_document(q.docid)).id;
          for (const auto& c : q.concepts) flag.concepts.insert(c);
          is_new = is_new || q.batch > previous_batch;
          flag.reports.push_back(std::move(fr));
        }
        flag.is_new = is_new;
        if (only_new && !is_new) continue;
        result.flags.push_back(std::move(flag));
      }
    }
  }
  std::sort(result.flags.begin(), result.flags.end(), [](const Flag& a, const Flag& b) {
    if (a.pattern_date != b.pattern_date) return a.pattern_date > b.pattern_date;
    if (a.cpr != b.cpr) return a.cpr < b.cpr;
    return a.address_id < b.address_id;
  });
  return result;
}

}  // namespace socialsoeg::screening
