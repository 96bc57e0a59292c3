// Search and the family card: the CLI's library calls, scoped to the user's
// districts, answered with the CLI's --json.
#include <charconv>

#include "actions/audit_events.h"
#include "core/cpr.h"
#include "core/date.h"
#include "family/address_finder.h"
#include "family/family_lookup.h"
#include "query/searcher.h"
#include "server/service_state.h"

namespace socialsoeg::server {
namespace {

size_t number_param(const Call& call, const std::string& name, size_t fallback, size_t max) {
  const std::string v = call.param(name);
  if (v.empty()) return fallback;
  size_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n > max)
    throw HttpError{400, name + ": give a number from 0 to " + std::to_string(max)};
  return n;
}


}  // namespace

HttpResponse handle_search(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const std::string q = call.param("q");
  event.query = q;
  if (q.find_first_not_of(" \t") == std::string::npos) throw HttpError{400, "the search is empty"};
  if (q.size() > state.config.max_query_bytes)
    throw HttpError{400, "the search is longer than " + std::to_string(state.config.max_query_bytes) + " bytes"};
  query::SearchOptions options;
  options.limit = number_param(call, "limit", 10, 100);
  if (options.limit == 0) options.limit = 10;
  options.offset = number_param(call, "offset", 0, 10000);
  const std::string sort = call.param("sort");
  if (!sort.empty() && sort != "relevance" && sort != "date") throw HttpError{400, "sort: relevance or date"};
  options.sort = sort == "date" ? query::SortOrder::kDate : query::SortOrder::kRelevance;
  options.include_negated = call.param("negated") == "1";
  options.scope = call.who->scope;
  auto readers = state.readers.acquire();
  const query::Searcher searcher(state.analyzer, state.places);
  const auto result = searcher.search(readers->reports, q, options);
  const auto recorded = actions::search_event(*call.who, call.purpose(), q, result);
  event.persons = recorded.persons;
  event.ids = recorded.ids;
  event.details.update(recorded.details);
  return json_response(200, query::to_json(result));
}

HttpResponse handle_family(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const std::string cpr_text = call.param("cpr"), address = call.param("address");
  if (cpr_text.empty() == address.empty()) throw HttpError{400, "give cpr or address"};
  event.query = cpr_text.empty() ? "address:" + address : "cpr:" + cpr_text;
  std::optional<Cpr> cpr;
  if (!cpr_text.empty()) {
    cpr = Cpr::parse(cpr_text);
    if (!cpr) throw HttpError{400, "not a CPR number (DDMMYY-SSSS with a real birth date)"};
  }
  const Date as_of = as_of_param(call);
  auto readers = state.readers.acquire();
  if (!readers->residents) throw HttpError{503, "no residents have been loaded yet"};
  const family::FamilyLookup lookup(state.analyzer, readers->reports, *readers->residents, call.who->scope);
  const auto result = cpr ? lookup.by_cpr(*cpr, as_of) : lookup.by_address(address, as_of);
  const auto recorded = actions::family_event(*call.who, call.purpose(), cpr ? cpr->canonical() : "", address, result);
  event.query = recorded.query;
  event.persons = recorded.persons;
  event.ids = recorded.ids;
  event.details.update(recorded.details);
  return json_response(200, family::to_json(result));
}

HttpResponse handle_address(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const std::string q = call.param("q");
  event.query = q;
  if (q.size() > state.config.max_query_bytes) throw HttpError{400, "the address is too long"};
  auto readers = state.readers.acquire();
  const auto found = family::find_addresses(readers->reports, q, call.who->scope);
  nlohmann::json candidates = nlohmann::json::array();
  if (found)
    for (const auto& c : *found)
      candidates.push_back({{"address_id", c.address_id}, {"address_text", c.address_text},
                            {"last_report", c.last_report}, {"reports", c.reports}});
  event.details["candidates"] = candidates.size();
  return json_response(200, {{"is_address", found.has_value()}, {"candidates", candidates}});
}

}  // namespace socialsoeg::server
