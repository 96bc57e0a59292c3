#include "screening/screening_json.h"

#include "query/hit.h"

namespace socialsoeg::screening {
namespace {

std::vector<std::string> displayed(const std::vector<std::string>& cprs) {
  std::vector<std::string> out;
  for (const auto& c : cprs) out.push_back(query::display_cpr(c));
  return out;
}

}  // namespace

nlohmann::json screening_json(const ScreeningResult& r, const std::vector<const Flag*>& shown,
                       uint64_t run_number) {
  nlohmann::json flags = nlohmann::json::array();
  for (const auto* f : shown) {
    nlohmann::json ids = nlohmann::json::array(), details = nlohmann::json::array();
    for (const auto& rep : f->reports) {
      ids.push_back(rep.id);
      details.push_back({{"id", rep.id},
                         {"occurred", rep.occurred.iso()},
                         {"roles", rep.roles},
                         {"concepts", rep.concepts},
                         {"new", rep.batch > r.previous_batch}});
    }
    flags.push_back({{"cpr", query::display_cpr(f->cpr)},
                     {"address_id", f->address_id},
                     {"children", displayed(f->children)},
                     {"reports", std::move(ids)},
                     {"concepts", f->concepts},
                     {"pattern_date", f->pattern_date.iso()},
                     {"new", f->is_new},
                     {"report_details", std::move(details)}});
  }
  return {{"as_of", r.as_of.iso()},
          {"rule", to_json(r.rule)},
          {"run", run_number},
          {"previous_batch", r.previous_batch},
          {"last_batch", r.last_batch},
          {"flags", std::move(flags)}};
}

}  // namespace socialsoeg::screening
