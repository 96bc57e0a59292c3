#include "server/service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>

#include <xapian.h>

#include "core/errors.h"
#include "core/redact.h"
#include "query/query_error.h"
#include "server/page_assets.h"
#include "server/service_state.h"

namespace socialsoeg::server {
namespace {

constexpr std::string_view kCookie = "socialsoeg_session";

// The page and the API alike: no framing, no sniffing, no referrer, no caching
// of personal data, and only our own scripts and styles.
const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  };
  return h;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX and (in query strings) '+' decoded; HttpError 400 for a broken escape or a control character.
std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) throw HttpError{400, "broken %-escape in the address"};
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) throw HttpError{400, "broken %-escape in the address"};
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') throw HttpError{400, "control character in the address"};
    out += c;
  }
  return out;
}

void parse_target(Call& call) {
  const std::string& target = call.request.target;
  const auto q = target.find('?');
  call.path = url_decode(std::string_view(target).substr(0, q), false);
  if (q == std::string::npos) return;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    std::string key = url_decode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1), true);
    if (!key.empty()) call.params[std::move(key)] = std::move(value);
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

std::string session_cookie(const HttpRequest& r) {
  const std::string cookies = r.header("cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const auto end = cookies.find(';', at);
    const std::string_view pair = std::string_view(cookies).substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (pair.substr(0, kCookie.size() + 1) == std::string(kCookie) + "=") return std::string(pair.substr(kCookie.size() + 1));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return {};
}

struct Route {
  const char* method;
  const char* path;           // exact, or a prefix ending in '/' when `prefix`
  bool prefix;
  const char* audit_action;
  std::optional<access::Action> action;  // nullopt: any logged-in user
  bool needs_session;
  bool needs_purpose;
  Handler handler;
};

const std::vector<Route>& routes() {
  using A = access::Action;
  static const std::vector<Route> r = {
      {"POST", "/api/login", false, "login", std::nullopt, false, false, handle_login},
      {"POST", "/api/logout", false, "logout", std::nullopt, true, false, handle_logout},
      {"GET", "/api/session", false, "session", std::nullopt, true, false, handle_session},
      {"POST", "/api/purpose", false, "purpose", std::nullopt, true, false, handle_purpose},
      {"GET", "/api/health", false, "health", A::kHealth, true, false, handle_health},
      {"GET", "/api/search", false, "search", A::kSearch, true, true, handle_search},
      {"GET", "/api/family", false, "family", A::kFamily, true, true, handle_family},
      {"GET", "/api/address", false, "address", A::kFamily, true, true, handle_address},
      {"GET", "/api/screen", false, "screen", A::kScreen, true, true, handle_screen},
      {"POST", "/api/screen/seen", false, "screen-seen", A::kScreen, true, true, handle_screen_seen},
      {"GET", "/api/screen/draft", false, "draft", A::kScreen, true, true, handle_draft},
      {"GET", "/api/saved", false, "saved-list", A::kSaved, true, false, handle_saved_list},
      {"POST", "/api/saved", false, "saved-add", A::kSaved, true, false, handle_saved_add},
      {"DELETE", "/api/saved/", true, "saved-rm", A::kSaved, true, false, handle_saved_rm},
      {"POST", "/api/saved/", true, "saved-run", A::kSaved, true, true, handle_saved_run},
      {"GET", "/api/audit/verify", false, "audit-verify", A::kAudit, true, false, handle_audit_verify},
      {"GET", "/api/audit/search", false, "audit-search", A::kAudit, true, false, handle_audit_search},
      {"GET", "/api/users", false, "user-list", A::kUsers, true, false, handle_users},
  };
  return r;
}

bool path_matches(const Route& r, const std::string& path) {
  return r.prefix ? path.size() > std::strlen(r.path) && path.rfind(r.path, 0) == 0 : path == r.path;
}

// Whether a state-changing request comes from our own page: the CSRF token it
// was given, and (when the browser says) our own origin.
bool csrf_ok(const Call& call) {
  if (!call.session || !tokens_equal(call.request.header("x-csrf-token"), call.session->csrf)) return false;
  const std::string origin = call.request.header("origin");
  if (origin.empty()) return true;
  const std::string host = call.request.header("host");
  return origin == (call.request.tls ? "https://" : "http://") + host;
}

}  // namespace

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse error_response(int status, const std::string& problem, const nlohmann::json& extra) {
  nlohmann::json error = {{"problem", problem}};
  error.update(extra);
  return json_response(status, {{"error", error}});
}

nlohmann::json json_body(const Call& call) {
  const std::string type = call.request.header("content-type");
  if (type.rfind("application/json", 0) != 0) throw HttpError{415, "send JSON (Content-Type: application/json)"};
  auto j = nlohmann::json::parse(call.request.body, nullptr, false);
  if (!j.is_object()) throw HttpError{400, "the body is not a JSON object"};
  return j;
}

uint64_t count_field(const nlohmann::json& body, const char* name, uint64_t fallback) {
  const auto it = body.find(name);
  if (it == body.end()) return fallback;
  if (!it->is_number_unsigned()) throw HttpError{400, std::string(name) + ": a whole number of 0 or more expected"};
  return it->get<uint64_t>();
}

Date as_of_param(const Call& call) {
  const std::string v = call.param("as_of");
  if (v.empty()) return today_utc();
  const auto d = Date::parse_iso(v);
  if (!d) throw HttpError{400, "as_of: '" + v + "' is not a date (YYYY-MM-DD)"};
  return *d;
}

std::optional<access::Principal> principal_of(ServiceState& state, const Session& session, const std::string& client) {
  const auto user = state.users.find(session.user);
  if (!user) return std::nullopt;  // removed since login: the session is void
  // A new password, or the name removed and given to a new account: void too.
  if (!tokens_equal(session_credential(user->password_hash, user->created), session.credential)) return std::nullopt;
  access::Principal p;
  p.name = user->name;
  p.roles = user->roles;
  p.scope = user->districts;
  p.client = client;
  return p;
}

ServiceState::ServiceState(std::filesystem::path db_dir, Installation where, ServerConfig cfg)
    : db(std::move(db_dir)),
      installation(std::move(where)),
      config(std::move(cfg)),
      analyzer(analysis::AnalyzerOptions::of(installation)),
      places(index::Places::load(installation.municipalities())),
      screening_rule(screening::ScreeningRule::load(installation.screening_conf(), analyzer.concepts())),
      readers(db, analyzer.identity()),
      users(access::UserStore::default_path(db)),
      sessions(std::chrono::minutes(config.session_idle_minutes), std::chrono::hours(config.session_absolute_hours)),
      audit(audit::AuditLogFiles::for_db(db, installation.audit_checkpoints)) {}

Service::Service(std::filesystem::path db_dir, Installation installation, ServerConfig config)
    : state_(std::make_unique<ServiceState>(std::move(db_dir), std::move(installation), std::move(config))) {}

Service::~Service() = default;

std::string Service::describe() const {
  return "database " + state_->db.string() + ", analyzer " + state_->analyzer.identity();
}

HttpResponse Service::handle(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  Call call{request, {}, {}, {}, {}, {}, {}};
  HttpResponse response;
  std::optional<audit::AuditEvent> event;  // every API request gets exactly one record
  // An API request is recorded even when it fails before routing (an
  // undecodable URL, an unreadable users file): a provisional record, by an
  // unknown user, replaced once the request is routed.
  const bool api = request.target.rfind("/api/", 0) == 0;
  if (api) {
    access::Principal unknown;
    unknown.client = request.client;
    event = unknown.event("unknown", "");
    event->details = {{"method", request.method},
                      {"path", redact_cpr(loggable(request.target.substr(0, request.target.find('?'))))}};
  }
  try {
    parse_target(call);
    if (!api || call.path.rfind("/api/", 0) != 0) {
      // The page: public, no personal data, nothing to record.
      if (request.method != "GET" && request.method != "HEAD") throw HttpError{405, "the page is read with GET"};
      if (call.path == "/healthz") {
        response = json_response(200, {{"status", "ok"}});
      } else if (const Asset* asset = find_asset(call.path)) {
        response.content_type = std::string(asset->content_type);
        response.body = std::string(asset->body);
      } else {
        throw HttpError{404, "no such page"};
      }
    } else {
      call.token = session_cookie(request);
      call.session = state_->sessions.touch(call.token);
      if (call.session) {
        call.who = principal_of(*state_, *call.session, request.client);
        if (!call.who) {  // its user is gone or changed: the session ends here
          state_->sessions.remove(call.token);
          call.session.reset();
        }
      }
      const Route* route = nullptr;
      bool path_known = false;
      for (const auto& r : routes())
        if (path_matches(r, call.path)) {
          path_known = true;
          if (request.method == r.method) {
            route = &r;
            break;
          }
        }
      access::Principal anonymous;
      anonymous.name = "";
      anonymous.client = request.client;
      const access::Principal& who = call.who ? *call.who : anonymous;
      event = who.event(route ? route->audit_action : "unknown", call.purpose());
      event->details = {{"method", request.method}, {"path", redact_cpr(call.path)}};
      if (!route) throw HttpError{path_known ? 405 : 404, path_known ? "wrong method for " + call.path : "no such API path"};
      if (route->needs_session && !call.who) throw HttpError{401, "log in first"};
      if (request.method != "GET" && route->needs_session && !csrf_ok(call))
        throw HttpError{403, "forbidden"};  // a cross-site or stale form: no hint which
      if (route->action && !who.may(*route->action)) throw HttpError{403, "forbidden"};
      if (route->needs_purpose && call.purpose().find_first_not_of(" \t") == std::string::npos)
        throw HttpError{428, "give a purpose (a case number or the reason) before reading personal data"};
      response = route->handler(*state_, call, *event);
    }
  } catch (const HttpError& e) {
    response = error_response(e.status, e.problem, e.extra);
    if (event) event->outcome = e.status == 401 || e.status == 403 || e.status == 428 || e.status == 429 ? "denied" : "error";
  } catch (const query::QueryError& e) {
    const std::string q = call.param("q");
    response = error_response(400, e.problem(),
                              {{"suggestion", e.suggestion()}, {"position", e.position()},
                               {"column", query::QueryError::column(q, e.position())}});
    if (event) event->outcome = "error";
  } catch (const UsageError& e) {
    response = error_response(400, e.what());
    if (event) event->outcome = "error";
  } catch (const AccessDenied& e) {
    response = error_response(403, "forbidden");
    if (event) event->outcome = "denied";
  } catch (const EnvironmentError& e) {
    spdlog::error("{}: {}", redact_cpr(call.path), redact_cpr(e.what()));
    response = error_response(503, "the database is not available now; try again shortly");
    if (event) event->outcome = "error";
  } catch (const Xapian::DatabaseModifiedError&) {
    // Two commits while this request read: the next request reads the newest revision.
    response = error_response(503, "the index changed while reading; try again");
    if (event) event->outcome = "error";
  } catch (const Xapian::Error& e) {
    spdlog::error("{}: Xapian: {}", redact_cpr(call.path), redact_cpr(e.get_description()));
    response = error_response(503, "the database is not available now; try again shortly");
    if (event) event->outcome = "error";
  } catch (const nlohmann::json::exception& e) {
    // A field of the wrong type ({"purpose": 5}): the client's mistake. The
    // library's message names the types, never the value.
    response = error_response(400, std::string("the JSON body has a field of the wrong type: ") + e.what());
    if (event) event->outcome = "error";
  } catch (const std::exception& e) {
    spdlog::error("{}: internal error: {}", redact_cpr(call.path), redact_cpr(e.what()));
    response = error_response(500, "internal error");
    if (event) event->outcome = "error";
  } catch (...) {
    spdlog::error("{}: internal error", redact_cpr(call.path));
    response = error_response(500, "internal error");
    if (event) event->outcome = "error";
  }
  if (event) {
    if (event->outcome != "allowed") {
      // A refusal or an error shows nothing: the record says so, and holds no ids or persons.
      event->ids.clear();
      event->persons.clear();
      event->details["status"] = response.status;
    }
    try {
      // Durable before the response leaves: fail closed. The record's number
      // goes with the answer, so that a client (and a test) can check it is there.
      const uint64_t seq = state_->audit.append(*event);
      call.headers.emplace_back("X-Audit-Record", std::to_string(seq));
    } catch (const std::exception& e) {
      spdlog::critical("audit log: {}", redact_cpr(e.what()));
      response = error_response(503, "the audit log cannot be written, so nothing can be shown");
      response.headers.clear();
      call.headers.clear();
    }
  }
  for (const auto& h : call.headers) response.headers.push_back(h);
  for (const auto& h : security_headers()) response.headers.push_back(h);
  if (request.tls) response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::debug("{} {} {} {:.1f} ms", request.method, redact_cpr(call.path), response.status, ms);
  return response;
}

}  // namespace socialsoeg::server
