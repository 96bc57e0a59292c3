// Logging in and out, the session, its purpose, and health.
#include <spdlog/spdlog.h>

#include "core/redact.h"
#include "index/batch_records.h"
#include "index/person_role.h"
#include "server/service_state.h"

namespace socialsoeg::server {
namespace {

std::string cookie(const std::string& token, bool tls, long max_age) {
  return "socialsoeg_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (tls ? "; Secure" : "");
}

// The names the page shows, from the one table of each: the concept
// dictionary's Danish labels and the person-role table.
nlohmann::json vocabulary_json(const ServiceState& state) {
  nlohmann::json concepts = nlohmann::json::array(), roles = nlohmann::json::array();
  for (const auto& c : state.analyzer.concepts().concepts())
    concepts.push_back({{"id", c.id}, {"label", c.label}, {"risk", c.risk}});
  for (const auto& r : index::person_roles())
    roles.push_back({{"role", std::string(r.token)}, {"acting", r.acting}});
  return {{"concepts", std::move(concepts)}, {"roles", std::move(roles)}};
}

nlohmann::json session_json(const ServiceState& state, const access::Principal& who, const Session& s) {
  nlohmann::json may = nlohmann::json::object();
  for (auto a : {access::Action::kSearch, access::Action::kFamily, access::Action::kScreen, access::Action::kSaved,
                 access::Action::kHealth, access::Action::kAudit, access::Action::kUsers})
    may[std::string(access::action_name(a))] = who.may(a);
  return {{"user", who.name},
          {"roles", who.role_names()},
          {"districts", who.scope.all() ? nlohmann::json("all") : nlohmann::json(who.scope.districts())},
          {"csrf", s.csrf},
          {"purpose", s.purpose},
          {"may", may},
          {"vocabulary", vocabulary_json(state)}};
}

}  // namespace

HttpResponse handle_login(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const auto body = json_body(call);
  const std::string origin = call.request.header("origin");
  if (!origin.empty() && origin != (call.request.tls ? "https://" : "http://") + call.request.header("host"))
    throw HttpError{403, "forbidden"};
  const std::string name = body.value("user", ""), password = body.value("password", "");
  event.user = name.substr(0, 64);
  if (name.empty() || password.empty()) throw HttpError{400, "give user and password"};
  if (const long wait = state.throttle.wait_seconds(name, call.request.client); wait > 0) {
    call.headers.emplace_back("Retry-After", std::to_string(wait));
    throw HttpError{429, "too many failed logins: try again in " + std::to_string(wait) + " seconds"};
  }
  const auto user = state.users.store().authenticate(name, password);
  if (!user) {
    state.throttle.failed(name, call.request.client);
    // The name as typed may be a CPR number or carry a newline: masked and escaped.
    spdlog::warn("failed login for '{}' from {}", redact_cpr(loggable(event.user)), call.request.client);
    throw HttpError{401, "wrong user name or password"};
  }
  state.throttle.succeeded(name, call.request.client);
  const std::string token = state.sessions.create(user->name, session_credential(user->password_hash, user->created));
  const auto session = state.sessions.touch(token);
  const auto who = principal_of(state, *session, call.request.client);
  if (!who) throw HttpError{401, "wrong user name or password"};
  event.roles = who->role_names();
  event.scope = who->scope.describe();
  call.headers.emplace_back("Set-Cookie", cookie(token, call.request.tls, state.config.session_absolute_hours * 3600L));
  return json_response(200, session_json(state, *who, *session));
}

HttpResponse handle_logout(ServiceState& state, Call& call, audit::AuditEvent&) {
  state.sessions.remove(call.token);
  call.headers.emplace_back("Set-Cookie", cookie("", call.request.tls, 0));
  return json_response(200, {{"logged_out", true}});
}

HttpResponse handle_session(ServiceState& state, Call& call, audit::AuditEvent&) {
  return json_response(200, session_json(state, *call.who, *call.session));
}

HttpResponse handle_purpose(ServiceState& state, Call& call, audit::AuditEvent& event) {
  const auto body = json_body(call);
  std::string purpose = body.value("purpose", "");
  const auto b = purpose.find_first_not_of(" \t");
  purpose = b == std::string::npos ? "" : purpose.substr(b, purpose.find_last_not_of(" \t") - b + 1);
  if (purpose.empty()) throw HttpError{400, "the purpose is empty: give a case number or the reason"};
  if (purpose.size() > 200) throw HttpError{400, "the purpose is longer than 200 characters"};
  for (unsigned char c : purpose)
    if (c < 0x20) throw HttpError{400, "the purpose holds a control character"};
  state.sessions.set_purpose(call.token, purpose);
  event.purpose = purpose;
  call.session->purpose = purpose;
  return json_response(200, session_json(state, *call.who, *call.session));
}

HttpResponse handle_health(ServiceState& state, Call&, audit::AuditEvent&) {
  auto readers = state.readers.acquire();
  nlohmann::json j = {{"status", "ok"},
                      {"generation", readers->generation},
                      {"revision", readers->reports.get_revision()},
                      {"documents", readers->reports.get_doccount()},
                      {"last_batch", index::last_batch(readers->reports)},
                      {"analyzer", state.analyzer.identity()},
                      {"registrations", readers->residents ? readers->residents->size() : 0},
                      {"sessions", state.sessions.size()},
                      {"audit_records_written", state.audit.records_written()},
                      {"audit_fsyncs", state.audit.fsyncs()}};
  return json_response(200, j);
}

}  // namespace socialsoeg::server
