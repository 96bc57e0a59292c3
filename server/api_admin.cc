// For the auditor (the audit log) and the admin (users): no personal data.
#include <charconv>

#include "audit/audit_search.h"
#include "audit/audit_verify.h"
#include "server/service_state.h"

namespace socialsoeg::server {

HttpResponse handle_audit_verify(ServiceState& state, Call&, audit::AuditEvent& event) {
  const auto& files = state.audit.files();
  const auto report = audit::verify_log(files.log, state.audit.keys(), files.checkpoints, state.audit.keys().sign_public);
  const nlohmann::json j = audit::to_json(report);
  event.details["intact"] = !report.problem;
  return json_response(200, j);
}

HttpResponse handle_audit_search(ServiceState& state, Call& call, audit::AuditEvent& event) {
  audit::AuditFilter f;
  f.user = call.param("by");
  f.person = call.param("person");
  f.purpose = call.param("purpose");
  f.action = call.param("action");
  f.outcome = call.param("outcome");
  f.from = call.param("from");
  f.to = call.param("to");
  if (!f.person.empty()) event.persons.push_back(f.person);
  const auto records = audit::search_log(state.audit.files().log, state.audit.keys(), f);
  const size_t limit = 200, first = records.size() > limit ? records.size() - limit : 0;
  nlohmann::json shown = nlohmann::json::array();
  for (size_t i = first; i < records.size(); ++i) shown.push_back(records[i]);
  event.details["found"] = records.size();
  return json_response(200, {{"found", records.size()}, {"records", shown}});
}

HttpResponse handle_users(ServiceState& state, Call&, audit::AuditEvent&) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& u : state.users.store().list()) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto r : u.roles) roles.push_back(std::string(access::role_name(r)));
    all.push_back({{"name", u.name}, {"roles", roles}, {"districts", u.districts.describe()}, {"created", u.created}});
  }
  return json_response(200, {{"users", all}});
}

}  // namespace socialsoeg::server
