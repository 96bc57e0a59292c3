// The web service end to end: the real `socialsoeg serve` on
// loopback, talked to as a browser would. The same answers as the CLI; every
// role against every endpoint, in and out of district; exactly one audit
// record per API request, and none lost to a kill -9; limits (413, 431, 400,
// 408, 503) and slow clients; serving on across commits and a replace-all;
// SIGTERM; TLS and the cookie's flags; failed logins and CSRF.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "server/login_throttle.h"
#include "server/server_config.h"
#include "server/session_store.h"
#include "service_support.h"

using nlohmann::json;
using namespace socialsoeg::test;
namespace audit = socialsoeg::audit;

namespace {

const std::string kForbidden = R"({"error":{"problem":"forbidden"}})";

// The dev set with its users: the login user (everything), and district- and role-bound ones.
struct ServiceWorld {
  TempDir dir;
  std::string db = dir / "db";
  ServiceWorld() {
    add_test_users(db);
    REQUIRE(run_command(kBin + " index --db " + db + " " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
    REQUIRE(run_command(kBin + " residents --db " + db + " " + kDev + "residents.jsonl >/dev/null 2>&1").exit_code == 0);
    add_user(db, "all", "--role patrol --role secretariat --district all");
    add_user(db, "p-born", "--role patrol --district bornholm");
    add_user(db, "s-born", "--role secretariat --district bornholm");
    add_user(db, "s-nord", "--role secretariat --district nordjylland");
    add_user(db, "op", "--role operator --district all");
    add_user(db, "aud", "--role auditor --district all");
    add_user(db, "adm", "--role admin --district all");
  }
  std::vector<std::string> log_lines() const {
    std::vector<std::string> out;
    std::ifstream in(db + "/audit.log");
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
  audit::VerifyReport verify() const {
    const auto files = audit::AuditLogFiles::for_db(db);
    const auto keys = audit::AuditKeys::load_or_create(files.keys);
    return audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public);
  }
  std::string config(const std::string& text) const { return dir.write("server.conf", text); }
};

Http logged_in(const ServerProcess& server, const std::string& user, const std::string& purpose = "sag 4200-1") {
  Http h(server);
  const auto r = h.login(user);
  REQUIRE(r.status == 200);
  if (!purpose.empty()) REQUIRE(h.purpose(purpose).status == 200);
  return h;
}

}  // namespace

TEST_CASE("service: the page, and the same answers as the CLI", "[service]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  CHECK_THAT(server.output(), Catch::Contains("listening on http://127.0.0.1:") && Catch::Contains("analyzer socialsoeg-danish/"));
  Http anonymous(server);
  const auto page = anonymous.get("/");
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("<html lang=\"da\">"));
  CHECK_THAT(page.header("content-security-policy"), Catch::Contains("default-src 'none'"));
  CHECK(anonymous.get("/app.js").status == 200);
  CHECK(anonymous.get("/style.css").status == 200);
  CHECK(anonymous.get("/api/search?q=vold").status == 401);

  Http h = logged_in(server, "all");
  const auto api = h.get("/api/search?q=" + std::string("spritk%C3%B8rsel%20concept%3Avold"));
  REQUIRE(api.status == 200);
  const auto cli = run_command(kBinWithPassword + " search --db " + w.db + " --user all --purpose x --json 'spritkørsel concept:vold'");
  REQUIRE(cli.exit_code == 0);
  CHECK(api.json() == json::parse(cli.out));
  const auto family = h.get("/api/family?cpr=020276-0945&as_of=2024-07-20");
  REQUIRE(family.status == 200);
  const auto cli_family = run_command(kBinWithPassword + " family --db " + w.db +
                                      " --user all --purpose x --json --cpr 020276-0945 --as-of 2024-07-20");
  CHECK(family.json() == json::parse(cli_family.out));
  CHECK_FALSE(family.json()["household"].empty());
  // A bad query: 400, the problem and its position.
  const auto bad = h.get("/api/search?q=" + std::string("%28vold%20OR"));
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"].contains("column"));
}

TEST_CASE("service: every role against every endpoint, in and out of district", "[service][access]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  struct Endpoint {
    std::string method, path, body;
    std::set<std::string> allowed;  // roles
  };
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/health", "", {"operator"}},
      {"GET", "/api/search?q=vold", "", {"patrol", "secretariat"}},
      {"GET", "/api/family?cpr=050479-2416&as_of=2024-07-20", "", {"patrol", "secretariat"}},
      {"GET", "/api/screen?as_of=2025-12-31", "", {"secretariat"}},
      {"POST", "/api/screen/seen", "{}", {"secretariat"}},
      {"GET", "/api/screen/draft?cpr=050479-2416&address=A-D001&as_of=2025-12-31", "", {"secretariat"}},
      {"GET", "/api/saved", "", {"secretariat"}},
      {"POST", "/api/saved", R"({"name":"mine","query":"vold"})", {"secretariat"}},
      {"POST", "/api/saved/mine/run", "{}", {"secretariat"}},
      {"DELETE", "/api/saved/mine", "", {"secretariat"}},
      {"GET", "/api/audit/verify", "", {"auditor"}},
      {"GET", "/api/audit/search?by=all", "", {"auditor"}},
      {"GET", "/api/users", "", {"admin"}},
      {"GET", "/api/session", "", {"patrol", "secretariat", "operator", "auditor", "admin"}},
  };
  const std::vector<std::pair<std::string, std::string>> users = {
      {"p-born", "patrol"}, {"s-born", "secretariat"}, {"op", "operator"}, {"aud", "auditor"}, {"adm", "admin"}};
  for (const auto& [user, role] : users) {
    Http h = logged_in(server, user);
    for (const auto& e : endpoints) {
      INFO(user << " " << e.method << " " << e.path);
      const auto r = h.request(e.method, e.path, e.body);
      if (e.allowed.count(role)) {
        CHECK((r.status == 200 || r.status == 201));
      } else {
        CHECK(r.status == 403);
        CHECK(r.body == kForbidden);  // no data, no counts, no hints
      }
      CHECK(r.audit_record() > 0);
    }
  }

  // In and out of district: Bornholm's secretariat and Nordjylland's.
  Http born = logged_in(server, "s-born"), nord = logged_in(server, "s-nord");
  const auto unknown = [&](Http& h, const std::string& args) {
    auto j = h.get("/api/family?as_of=2024-07-20&" + args).json();
    j.erase("cpr");
    j.erase("address_id");
    return j;
  };
  CHECK_FALSE(born.get("/api/family?cpr=050479-2416&as_of=2024-07-20").json()["household"].empty());
  CHECK(unknown(nord, "cpr=050479-2416") == unknown(nord, "cpr=010101-0101"));
  CHECK(unknown(nord, "address=A-D001") == unknown(nord, "address=A-NOWHERE"));
  CHECK_FALSE(nord.get("/api/family?cpr=020276-0945&as_of=2024-07-20").json()["household"].empty());
  CHECK(unknown(born, "cpr=020276-0945") == unknown(born, "cpr=010101-0101"));
  for (auto* h : {&born, &nord}) {
    const json hits = h->get("/api/search?q=vold&limit=100").json()["hits"];
    for (const auto& hit : hits) CHECK(hit["district"] == (h == &born ? "bornholm" : "nordjylland"));
  }
  std::set<std::string> born_flags, nord_flags;
  const auto born_screen = born.get("/api/screen?as_of=2025-12-31"), nord_screen = nord.get("/api/screen?as_of=2025-12-31");
  INFO(born_screen.body);
  const json born_json = born_screen.json(), nord_json = nord_screen.json();
  for (const auto& f : born_json["flags"]) born_flags.insert(f["cpr"].get<std::string>());
  for (const auto& f : nord_json["flags"]) nord_flags.insert(f["cpr"].get<std::string>());
  CHECK(born_flags == std::set<std::string>{"050479-2416", "311291-3539", "290691-0295"});
  CHECK(nord_flags == std::set<std::string>{"020276-0945"});
  // Saved-search names are each user's own: the same name for both, 201 each,
  // and neither sees the other's (a taken name would tell what another keeps).
  CHECK(born.request("POST", "/api/saved", R"({"name":"naboen","query":"vold"})").status == 201);
  CHECK(nord.request("POST", "/api/saved", R"({"name":"naboen","query":"husspektakel"})").status == 201);
  CHECK(nord.request("POST", "/api/saved", R"({"name":"naboen","query":"trusler"})").status == 409);
  for (auto* h : {&born, &nord}) {
    const json saved = h->get("/api/saved").json()["saved"];
    REQUIRE(saved.size() == 1);
    CHECK(saved[0]["query"] == (h == &born ? "vold" : "husspektakel"));
  }
  CHECK(nord.request("DELETE", "/api/saved/naboen", "").status == 200);
  CHECK(born.get("/api/saved").json()["saved"].size() == 1);
  // An address as typed: found in its district, unknown in another.
  const json nord_address = nord.get("/api/address?q=Vestergade%2077%2C%201.%20th").json();
  CHECK(nord_address["is_address"] == true);
  REQUIRE(nord_address["candidates"].size() == 1);
  CHECK(nord_address["candidates"][0]["address_id"] == "A-D002");
  CHECK(born.get("/api/address?q=Vestergade%2077%2C%201.%20th").json()["candidates"].empty());
  CHECK(born.get("/api/address?q=vold").json()["is_address"] == false);
  // Another district's flag: the answer for a flag that does not exist.
  const auto other = nord.get("/api/screen/draft?cpr=050479-2416&address=A-D001&as_of=2025-12-31");
  const auto none = nord.get("/api/screen/draft?cpr=010101-0101&address=A-D001&as_of=2025-12-31");
  CHECK(other.status == 404);
  CHECK(other.body == none.body);
  const auto draft = born.get("/api/screen/draft?cpr=050479-2416&address=A-D001&as_of=2025-12-31");
  CHECK(draft.status == 200);
  CHECK_THAT(draft.body, Catch::Contains("underretning"));
}

TEST_CASE("service: exactly one audit record per API request, allowed, denied or failed", "[service][audit]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h(server);
  const size_t before = w.log_lines().size();
  std::vector<std::pair<HttpResult, std::string>> sent;  // response, expected outcome
  sent.push_back({h.get("/api/search?q=vold"), "denied"});                       // not logged in
  sent.push_back({h.login("p-born", "wrong password!"), "denied"});              // failed login
  sent.push_back({h.login("p-born"), "allowed"});
  sent.push_back({h.get("/api/search?q=vold"), "denied"});                       // no purpose yet
  sent.push_back({h.purpose("sag 4200-9"), "allowed"});
  sent.push_back({h.get("/api/search?q=vold"), "allowed"});
  sent.push_back({h.get("/api/search?q=%22vold"), "error"});                     // bad query
  sent.push_back({h.get("/api/screen"), "denied"});                              // patrol may not
  sent.push_back({h.get("/api/nothing"), "error"});                              // 404
  sent.push_back({h.request("PUT", "/api/search"), "error"});                    // 405
  sent.push_back({h.request("GET", "/api/family?cpr=050479-2416&as_of=2024-07-20", "",
                             "-H 'X-Forwarded-For: 6.6.6.6'"), "allowed"});     // a header the client made up
  sent.push_back({h.get("/api/family?cpr=320479-2416"), "error"});               // not a CPR number
  const auto lines = w.log_lines();
  REQUIRE(lines.size() == before + sent.size());
  for (size_t i = 0; i < sent.size(); ++i) {
    const auto record = json::parse(lines[before + i]);
    INFO(lines[before + i]);
    CHECK(sent[i].first.audit_record() == record["seq"].get<uint64_t>());
    CHECK(record["outcome"] == sent[i].second);
    CHECK(record["client"] == "127.0.0.1");  // from the socket, never from a header the client sent
  }
  // The family lookup is there with its purpose, the person as a hash, never the number.
  const auto family = json::parse(lines[before + 10]);
  CHECK(family["user"] == "p-born");
  CHECK(family["purpose"] == "sag 4200-9");
  CHECK(family["action"] == "family");
  CHECK_FALSE(family["ids"].empty());
  for (const auto& l : lines) CHECK(l.find("050479-2416") == std::string::npos);
  CHECK_FALSE(w.verify().problem.has_value());
  // Nor in the service's own log.
  CHECK(server.output().find("050479") == std::string::npos);
  CHECK(server.output().find("320479") == std::string::npos);
}

TEST_CASE("service: kill -9 under load: every answer the clients received has its record", "[service][audit][crash]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  std::mutex mutex;
  std::vector<uint64_t> received;
  std::atomic<bool> go{true};
  std::vector<std::thread> clients;
  for (int c = 0; c < 6; ++c)
    clients.emplace_back([&, c] {
      Http h = logged_in(server, "all");
      for (int i = 0; go; ++i) {
        const auto r = c % 2 ? h.get("/api/family?cpr=020276-0945&as_of=2024-07-20") : h.get("/api/search?q=vold");
        if (r.status != 200) continue;  // the server died under it
        std::lock_guard lock(mutex);
        received.push_back(r.audit_record());
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(server.stop(SIGKILL) == 128 + SIGKILL);
  go = false;
  for (auto& t : clients) t.join();
  INFO(received.size() << " answers received");
  REQUIRE(received.size() > 10);
  // A writer after the crash cuts a torn tail, if any; then the log verifies, and holds every answer's record.
  {
    audit::AuditEvent after;
    after.user = "test";
    after.action = "after-crash";
    audit::AuditLog(audit::AuditLogFiles::for_db(w.db)).append(after);
  }
  const auto report = w.verify();
  INFO((report.problem ? report.problem->message : ""));
  CHECK_FALSE(report.problem.has_value());
  const auto lines = w.log_lines();
  for (uint64_t seq : received) {
    REQUIRE(seq >= 1);
    REQUIRE(seq <= lines.size());
    const auto record = json::parse(lines[seq - 1]);
    CHECK(record["seq"] == seq);
    CHECK(record["outcome"] == "allowed");
  }
}

namespace {

// A socket that sent part of a request and then says nothing; from `source`,
// another loopback address (127.0.0.0/8 is all loopback), to be another client.
int slow_client(int port, const char* source = nullptr) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (source) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
  }
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return -1;
  const std::string partial = "GET /api/session HTTP/1.1\r\nHost: x\r\n";
  // A refused client may already be closed: the send's outcome is not the point.
  (void)::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
  return fd;
}

std::string read_some(int fd) {
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[512];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

}  // namespace

TEST_CASE("service: behind a trusted proxy, the client is the proxy's X-Forwarded-For", "[service][audit]") {
  ServiceWorld w;
  ServerProcess server(w.db, w.config("trusted_proxy = 127.0.0.1\n"));
  Http h(server);
  const auto r = h.request("GET", "/api/search?q=vold", "", "-H 'X-Forwarded-For: 10.1.2.3, 192.0.2.7'");
  CHECK(r.status == 401);
  const auto lines = w.log_lines();
  CHECK(json::parse(lines.back())["client"] == "192.0.2.7");  // the address the proxy itself saw
}

TEST_CASE("service: limits give clear answers, and slow clients block nobody", "[service][limits]") {
  ServiceWorld w;
  ServerProcess server(w.db, w.config("read_timeout_seconds = 2\nmax_connections = 40\nmax_body_bytes = 4096\n"
                                      "max_header_bytes = 2048\nmax_connections_per_client = 1000\n"));
  Http h = logged_in(server, "all");
  CHECK(h.request("POST", "/api/purpose", json{{"purpose", std::string(10000, 'x')}}.dump()).status == 413);
  CHECK(h.request("POST", "/api/purpose", json{{"purpose", std::string(10000, 'x')}}.dump(), "-H 'Transfer-Encoding: chunked'").status == 413);
  CHECK(h.request("GET", "/api/session", "", "-H 'X-Big: " + std::string(4000, 'b') + "'").status == 431);
  CHECK(h.get("/api/search?q=" + std::string(1001, 'a')).status == 400);
  CHECK(h.get("/api/search?q=%zz").status == 400);
  CHECK(h.get("/api/search?q=concept%3Anothing").json()["error"]["problem"].get<std::string>().find("concept") != std::string::npos);

  // 30 clients that never finish their request: the next officer is answered at once.
  std::vector<int> slow;
  for (int i = 0; i < 30; ++i) slow.push_back(slow_client(server.port()));
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(h.get("/api/session").status == 200);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1000));
  // Past max_connections: 503, not a hang.
  for (int i = 0; i < 12; ++i) slow.push_back(slow_client(server.port()));
  CHECK(h.get("/api/session").status == 503);
  // The slow ones get 408 after the read timeout, and room is made.
  const std::string answer = read_some(slow.front());
  CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 408"));
  for (int fd : slow) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(h.get("/api/session").status == 200);
}

TEST_CASE("service: one address cannot hold every connection, and a trickled header gets 408 at the header deadline",
          "[service][limits]") {
  ServiceWorld w;
  ServerProcess server(w.db, w.config("max_connections = 20\nmax_connections_per_client = 5\n"
                                      "header_timeout_seconds = 1\nread_timeout_seconds = 30\n"));
  Http h = logged_in(server, "all");
  // One client opens 300 connections and never finishes a header: past its
  // five, each is answered 503 at once and closed, so the server is never full.
  std::vector<int> attacker;
  for (int i = 0; i < 300; ++i) attacker.push_back(slow_client(server.port(), "127.0.0.2"));
  const std::string refused = read_some(attacker.back());
  CHECK_THAT(refused, Catch::StartsWith("HTTP/1.1 503"));
  CHECK(refused.find("your address") != std::string::npos);
  // Meanwhile every other client is answered at once.
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(h.get("/api/session").status == 200);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1000));
  // The five it holds get 408 at the header deadline (1 s), not the read timeout (30 s).
  const auto t1 = std::chrono::steady_clock::now();
  CHECK_THAT(read_some(attacker.front()), Catch::StartsWith("HTTP/1.1 408"));
  CHECK(std::chrono::steady_clock::now() - t1 < std::chrono::seconds(4));
  for (int fd : attacker) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Its room is given back: a whole request from that address is answered.
  const int again = slow_client(server.port(), "127.0.0.2");
  const std::string rest = "\r\n";
  REQUIRE(::send(again, rest.data(), rest.size(), MSG_NOSIGNAL) == 2);
  CHECK_THAT(read_some(again), Catch::StartsWith("HTTP/1.1 401"));
  ::close(again);
}

TEST_CASE("service: the small things an attack found: undecodable URLs audited, HEAD without a body, wrong JSON "
          "types and negative counts 400, the third failed login locks, log lines unforgeable",
          "[service][limits][audit]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h = logged_in(server, "all");
  // A URL that does not decode is a 400 that is still recorded.
  for (const char* bad : {"/api/search?q=%zz", "/api/fam%00ily"}) {
    INFO(bad);
    const auto r = h.get(bad);
    CHECK(r.status == 400);
    REQUIRE(r.audit_record() > 0);
    const auto record = json::parse(w.log_lines().back());
    CHECK(record["seq"] == r.audit_record());
    CHECK(record["outcome"] == "error");
  }
  // HEAD: a GET's headers, and no body after them.
  {
    const int head = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(server.port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(head, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    const std::string req = "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    REQUIRE(::send(head, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
    std::string answer;
    for (std::string part; !(part = read_some(head)).empty();) answer += part;
    ::close(head);
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 200"));
    CHECK(answer.find("Content-Length: ") != std::string::npos);
    CHECK(answer.substr(answer.find("\r\n\r\n") + 4).empty());
  }
  // A field of the wrong type, or a count below zero: 400, not 500 and not 2^64 - 5.
  CHECK(h.request("POST", "/api/purpose", R"({"purpose": 5})").status == 400);
  CHECK(h.request("POST", "/api/purpose", R"({"purpose": ["x"]})").status == 400);
  CHECK(h.request("POST", "/api/purpose", json{{"purpose", "sag 4400-1"}}.dump()).status == 200);
  CHECK(h.request("POST", "/api/screen/seen", R"({"flags": -5})").status == 400);
  CHECK(h.request("POST", "/api/screen/seen", R"({"flags": 1.5})").status == 400);
  CHECK(h.request("POST", "/api/screen/seen", R"({"last_batch": "1"})").status == 400);
  // Three wrong passwords, then a wait.
  Http guesser(server);
  for (int i = 0; i < 3; ++i)
    CHECK(guesser.request("POST", "/api/login", json{{"user", "p-born"}, {"password", "wrong"}}.dump()).status == 401);
  CHECK(guesser.request("POST", "/api/login", json{{"user", "p-born"}, {"password", "wrong"}}.dump()).status == 429);
  // A user name that is a CPR number with a forged log line after it: masked, and one line.
  CHECK(guesser.request("POST", "/api/login", json{{"user", "010162-0492\nerror: forged"}, {"password", "x"}}.dump())
            .status == 401);
  const std::string out = server.output();
  CHECK(out.find("010162-0492") == std::string::npos);
  CHECK(out.find("\nerror: forged") == std::string::npos);
  CHECK(out.find("XXXXXX-XXXX\\nerror: forged") != std::string::npos);
}

TEST_CASE("service: keeps serving across a commit and a replace-all, without a restart", "[service][reload]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h = logged_in(server, "all");
  const auto total = [&](const std::string& q) {
    const auto r = h.get("/api/search?q=" + q);
    REQUIRE(r.status == 200);
    return r.json()["total"].get<int>();
  };
  CHECK(total("id%3ANEW-1") == 0);
  const std::string report =
      R"({"id": "NEW-1", "source": "døgnrapport", "district": "fyn", "occurred": "2025-06-01", "text": "Ny rapport om vold i Odense."})";
  REQUIRE(run_command(kBin + " index --db " + w.db + " " + w.dir.write("new.jsonl", report + "\n") + " >/dev/null 2>&1").exit_code == 0);
  CHECK(total("id%3ANEW-1") == 1);
  // A replace-all while officers search: every answer is whole, then the new index is served.
  std::atomic<bool> go{true};
  std::atomic<int> failures{0}, answers{0};
  Http s = logged_in(server, "all");
  std::thread searcher([&] {
    while (go) {
      const auto r = s.get("/api/search?q=vold");
      if (r.status != 200 || r.json()["total"].get<int>() == 0) ++failures;
      ++answers;
    }
  });
  while (answers == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (int i = 0; i < 3; ++i)
    REQUIRE(run_command(kBin + " index --db " + w.db + " --replace-all " + kDev + "reports.jsonl >/dev/null 2>&1").exit_code == 0);
  go = false;
  searcher.join();
  CHECK(answers > 0);
  CHECK(failures == 0);
  CHECK(total("id%3ANEW-1") == 0);  // the full export did not hold it: the new index is the one served
  CHECK(total("vold") > 0);
}

TEST_CASE("service: SIGTERM lets answers finish and stops — the audit log is checkpointed", "[service]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h = logged_in(server, "all");
  CHECK(h.get("/api/search?q=vold").status == 200);
  CHECK(server.stop(SIGTERM) == 0);
  CHECK_THAT(server.output(), Catch::Contains("stopped"));
  const auto report = w.verify();
  CHECK_FALSE(report.problem.has_value());
  CHECK(report.last_checkpoint == report.records);
}

TEST_CASE("service: TLS with a test certificate, and the session cookie's flags", "[service][tls]") {
  ServiceWorld w;
  const std::string key = w.dir / "key.pem", cert = w.dir / "cert.pem";
  REQUIRE(run_command("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " + cert +
                      " -days 2 -subj /CN=127.0.0.1 >/dev/null 2>&1").exit_code == 0);
  ServerProcess server(w.db, w.config("tls_certificate = " + cert + "\ntls_private_key = " + key + "\n"));
  CHECK(server.url().rfind("https://", 0) == 0);
  Http h(server);
  const auto r = h.login("all");
  REQUIRE(r.status == 200);
  const std::string cookie = r.header("set-cookie");
  CHECK_THAT(cookie, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Strict") && Catch::Contains("Secure"));
  CHECK_THAT(r.header("strict-transport-security"), Catch::Contains("max-age"));
  CHECK(h.purpose("sag 1").status == 200);
  CHECK(h.get("/api/search?q=vold").status == 200);
  // Plain HTTP to the TLS port gets no answer.
  CHECK(run_command("curl -s -m 3 -o /dev/null -w '%{http_code}' http://127.0.0.1:" + std::to_string(server.port()) + "/healthz").out == "000");
}

TEST_CASE("service: failed logins slow down and are logged — CSRF and foreign origins are refused", "[service][login]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h(server);
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i) statuses.push_back(h.login("p-born", "not the password").status);
  CHECK(statuses[0] == 401);
  CHECK(statuses.back() == 429);
  const auto locked = h.login("p-born");  // even the right password waits
  CHECK(locked.status == 429);
  CHECK_FALSE(locked.header("retry-after").empty());
  size_t failed = 0;
  for (const auto& l : w.log_lines()) {
    const auto j = json::parse(l);
    failed += j["action"] == "login" && j["outcome"] == "denied" && j["user"] == "p-born";
  }
  CHECK(failed == 6);
  CHECK_THAT(server.output(), Catch::Contains("failed login for 'p-born'"));

  Http g = logged_in(server, "all", "");
  const std::string token = g.csrf();
  g.forget_csrf();
  CHECK(g.purpose("sag 2").status == 403);  // no CSRF token
  CHECK(g.request("POST", "/api/purpose", R"({"purpose":"x"})",
                  "-H 'X-CSRF-Token: " + token + "' -H 'Origin: http://evil.example'").status == 403);
  CHECK(g.request("POST", "/api/purpose", R"({"purpose":"x"})", "-H 'X-CSRF-Token: " + token + "'").status == 200);
  // Logging out ends the session.
  CHECK(g.request("POST", "/api/logout", "{}", "-H 'X-CSRF-Token: " + token + "'").status == 200);
  CHECK(g.get("/api/session").status == 401);
}

TEST_CASE("service: a password change or a removed user ends their sessions — a new user of the same name gets none",
          "[service][session]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  const auto passwd = [&](const std::string& name, const std::string& password) {
    return run_command("echo " + password + " | " + kBin + " user passwd --db " + w.db + " " + name +
                       " --password-stdin 2>&1");
  };
  Http roles = logged_in(server, "s-born", "sag 1");
  REQUIRE(roles.get("/api/session").status == 200);
  Http other = logged_in(server, "s-nord", "sag 1");
  REQUIRE(other.get("/api/session").status == 200);

  // The password changes (to the same one: a new salt is a new credential).
  REQUIRE(passwd("s-born", kTestPassword).exit_code == 0);
  CHECK(roles.get("/api/session").status == 401);
  CHECK(roles.get("/api/session").status == 401);          // and stays ended
  CHECK(other.get("/api/session").status == 200);          // nobody else's
  CHECK(Http(server).login("s-born").status == 200);       // the new password works

  // Removed, then made again under the same name with other roles and districts.
  Http removed = logged_in(server, "s-nord", "sag 2");
  REQUIRE(removed.get("/api/session").status == 200);
  REQUIRE(run_command(kBin + " user rm --db " + w.db + " s-nord 2>&1").exit_code == 0);
  add_user(w.db, "s-nord", "--role secretariat --role admin --district all");
  CHECK(removed.get("/api/session").status == 401);
  CHECK(removed.get("/api/search?q=vold").status == 401);
  CHECK(other.get("/api/session").status == 401);          // the earlier session of that name too
  Http fresh = logged_in(server, "s-nord", "sag 3");
  CHECK(fresh.get("/api/session").status == 200);
}

TEST_CASE("service: the audit log moved away under the running service: nothing personal is shown", "[service][audit]") {
  ServiceWorld w;
  ServerProcess server(w.db);
  Http h = logged_in(server, "all", "sag 5");
  REQUIRE(h.get("/api/search?q=vold").status == 200);
  std::filesystem::rename(std::filesystem::path(w.db) / "audit.log", std::filesystem::path(w.db) / "audit.log.moved");
  const auto r = h.get("/api/search?q=vold");
  CHECK(r.status == 503);
  CHECK_THAT(r.body, !Catch::Contains("hits"));
  CHECK_FALSE(std::filesystem::exists(std::filesystem::path(w.db) / "audit.log"));
  // A command started now refuses to begin a new chain.
  const auto cli = run_command(kBin + " search --db " + w.db + " --purpose t vold 2>&1");
  CHECK(cli.exit_code == 3);
  CHECK_THAT(cli.out, Catch::Contains("restore the log"));
}

TEST_CASE("service: sessions expire when idle and at their absolute limit", "[service][session]") {
  using namespace std::chrono;
  socialsoeg::server::SessionStore store(minutes(15), hours(8));
  auto now = steady_clock::now();
  store.set_clock_for_tests([&] { return now; });
  const auto token = store.create("p", "credential-p");
  CHECK(store.touch(token));
  now += minutes(14);
  CHECK(store.touch(token));
  now += minutes(16);
  CHECK_FALSE(store.touch(token));  // idle too long
  const auto busy = store.create("q", "credential-q");
  for (int i = 0; i < 47; ++i) {  // used every 10 minutes for 7 h 50 min
    now += minutes(10);
    CHECK(store.touch(busy));
  }
  now += minutes(11);
  CHECK_FALSE(store.touch(busy));  // past 8 h since login, however busy
  CHECK_FALSE(store.touch("made-up"));

  socialsoeg::server::LoginThrottle throttle;
  auto t = steady_clock::now();
  throttle.set_clock_for_tests([&] { return t; });
  for (int i = 0; i < 2; ++i) throttle.failed("u", "1.2.3.4");
  CHECK(throttle.wait_seconds("u", "5.6.7.8") == 0);
  throttle.failed("u", "1.2.3.4");
  CHECK(throttle.wait_seconds("u", "5.6.7.8") > 0);   // the third failure locks: by name, from anywhere
  CHECK(throttle.wait_seconds("v", "1.2.3.4") == 0);  // others behind the same address go on
  for (int i = 0; i < 21; ++i) throttle.failed("w" + std::to_string(i), "9.9.9.9");
  CHECK(throttle.wait_seconds("x", "9.9.9.9") > 0);   // but not a guesser trying many names
  // A good login of the guesser's own does not wipe the address's streak.
  for (int i = 0; i < 19; ++i) throttle.failed("g" + std::to_string(i), "7.7.7.7");
  throttle.succeeded("own", "7.7.7.7");
  CHECK(throttle.wait_seconds("y", "7.7.7.7") == 0);
  throttle.failed("g19", "7.7.7.7");
  CHECK(throttle.wait_seconds("y", "7.7.7.7") > 0);
  t += seconds(3);
  CHECK(throttle.wait_seconds("u", "1.2.3.4") == 0);
  throttle.failed("u", "1.2.3.4");
  CHECK(throttle.wait_seconds("u", "1.2.3.4") >= 4);  // doubling
}

TEST_CASE("service: the shipped settings file loads, and mistakes name their line", "[service][config]") {
  const auto c = socialsoeg::server::ServerConfig::load(std::string(SOCIALSOEG_SOURCE_DIR) + "/config/server.conf");
  CHECK(c.address == "127.0.0.1");
  CHECK(c.port == 8080);
  CHECK(c.max_body_bytes == 65536);
  CHECK_FALSE(c.tls());
  TempDir dir;
  CHECK_THROWS_WITH(socialsoeg::server::ServerConfig::load(dir.write("bad.conf", "workers = 8\nmax_body = 5\n")),
                    Catch::Contains("bad.conf:2: unknown setting 'max_body'"));
  CHECK_THROWS_WITH(socialsoeg::server::ServerConfig::load(dir.write("bad2.conf", "workers = lots\n")),
                    Catch::Contains("bad2.conf:1: workers"));
  CHECK_THROWS_WITH(socialsoeg::server::ServerConfig::load(dir.write("bad3.conf", "tls_certificate = /x.pem\n")),
                    Catch::Contains("both"));
}
