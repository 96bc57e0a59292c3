// What the service's request handlers share (internal to server/): the
// installation, the analyzer, place tables and screening rule, the readers, users, sessions, login throttle and
// the audit log, and the per-request Call.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "access/principal.h"
#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "core/date.h"
#include "core/installation.h"
#include "index/places.h"
#include "screening/screening_rule.h"
#include "server/http_types.h"
#include "server/login_throttle.h"
#include "server/readers.h"
#include "server/server_config.h"
#include "server/session_store.h"
#include "server/users_cache.h"

namespace socialsoeg::server {

struct ServiceState {
  std::filesystem::path db;
  Installation installation;
  ServerConfig config;
  analysis::Analyzer analyzer;
  index::Places places;
  // The installation's screening.conf, read once at start: a change needs a
  // restart (docs/service.md), and a bad file stops the start, not a request.
  screening::ScreeningRule screening_rule;
  ReaderPool readers;
  UsersCache users;
  SessionStore sessions;
  LoginThrottle throttle;
  audit::AuditLog audit;

  ServiceState(std::filesystem::path db_dir, Installation where, ServerConfig cfg);
};

// One request on its way through the service.
struct Call {
  const HttpRequest& request;
  std::string path;                           // without the query string
  std::map<std::string, std::string> params;  // the query string, decoded
  std::string token;                          // the session cookie
  std::optional<Session> session;
  std::optional<access::Principal> who;
  std::vector<std::pair<std::string, std::string>> headers;  // to add to the response (Set-Cookie)

  std::string param(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
  std::string purpose() const { return session ? session->purpose : std::string(); }
};

// An answer the handlers give by throwing: status and a problem for the client.
struct HttpError {
  int status;
  std::string problem;
  nlohmann::json extra = nlohmann::json::object();  // e.g. the position of a bad query
};

HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse error_response(int status, const std::string& problem, const nlohmann::json& extra = nlohmann::json::object());
// The body as a JSON object, or HttpError 400.
nlohmann::json json_body(const Call& call);
// A count in a JSON body: absent is `fallback`; a negative, fractional or
// non-number value is a 400 (never a huge unsigned wrapped from -5).
uint64_t count_field(const nlohmann::json& body, const char* name, uint64_t fallback);
// The as_of parameter (YYYY-MM-DD; default today), or HttpError 400.
Date as_of_param(const Call& call);

// Handlers: fill `event` (query, persons, ids, details) and return the answer.
using Handler = HttpResponse (*)(ServiceState&, Call&, audit::AuditEvent&);

HttpResponse handle_login(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_logout(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_session(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_purpose(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_health(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_search(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_family(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_address(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_screen(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_screen_seen(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_draft(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_saved_list(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_saved_add(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_saved_rm(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_saved_run(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_audit_verify(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_audit_search(ServiceState&, Call&, audit::AuditEvent&);
HttpResponse handle_users(ServiceState&, Call&, audit::AuditEvent&);

// The session's user as a principal (current roles and districts from the users file).
std::optional<access::Principal> principal_of(ServiceState& state, const Session& session, const std::string& client);

}  // namespace socialsoeg::server
