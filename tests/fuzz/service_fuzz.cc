// libFuzzer target over the web service's request handling: the
// bytes become one HTTP request — method, target, headers, body — handed to
// Service::handle, the code behind every socket. Half the inputs carry a
// valid session, cookie and CSRF token, so that the handlers behind the
// login (search, family, screening, saved searches, audit) are reached too.
// Anything but a response (a crash, a sanitizer report, a throw) is a defect.
//
//   SOCIALSOEG_FUZZ_DB=DIR build-asan/tests/fuzz/socialsoeg-fuzz-service [-max_total_time=60] [CORPUS]
// DIR: a database with the dev set and the user "fuzz" (password in
// SOCIALSOEG_FUZZ_PASSWORD), as tests/fuzz/prepare.sh makes it.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "server/service.h"

namespace {

using socialsoeg::server::HttpRequest;
using socialsoeg::server::Service;

struct Harness {
  std::unique_ptr<Service> service;
  std::string cookie, csrf;
};

Harness& harness() {
  static Harness h = [] {
    const char* db = std::getenv("SOCIALSOEG_FUZZ_DB");
    const char* password = std::getenv("SOCIALSOEG_FUZZ_PASSWORD");
    if (!db || !password) {
      std::fprintf(stderr, "set SOCIALSOEG_FUZZ_DB and SOCIALSOEG_FUZZ_PASSWORD (tests/fuzz/prepare.sh)\n");
      std::abort();
    }
    spdlog::set_level(spdlog::level::off);
    Harness out;
    socialsoeg::server::ServerConfig config;
    out.service = std::make_unique<Service>(db, socialsoeg::Installation::built_in(), config);
    HttpRequest login;
    login.method = "POST";
    login.target = "/api/login";
    login.headers["content-type"] = "application/json";
    login.body = nlohmann::json{{"user", "fuzz"}, {"password", password}}.dump();
    login.client = "127.0.0.1";
    const auto r = out.service->handle(login);
    if (r.status != 200) {
      std::fprintf(stderr, "fuzz login failed: %d %s\n", r.status, r.body.c_str());
      std::abort();
    }
    out.csrf = nlohmann::json::parse(r.body)["csrf"];
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie") out.cookie = value.substr(0, value.find(';'));
    HttpRequest purpose;
    purpose.method = "POST";
    purpose.target = "/api/purpose";
    purpose.headers = {{"content-type", "application/json"}, {"cookie", out.cookie}, {"x-csrf-token", out.csrf}};
    purpose.body = R"({"purpose":"fuzz"})";
    purpose.client = "127.0.0.1";
    out.service->handle(purpose);
    return out;
  }();
  return h;
}

// "METHOD TARGET\nname: value\n...\n\nBODY" — loosely: whatever the bytes say.
HttpRequest request_from(std::string_view bytes) {
  HttpRequest r;
  r.client = "127.0.0.1";
  const auto line_end = bytes.find('\n');
  const std::string_view first = bytes.substr(0, line_end);
  const auto space = first.find(' ');
  r.method = std::string(first.substr(0, space));
  r.target = space == std::string_view::npos ? "/" : std::string(first.substr(space + 1));
  if (line_end == std::string_view::npos) return r;
  std::string_view rest = bytes.substr(line_end + 1);
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(line.substr(colon + 1));
  }
  r.body = std::string(rest);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Harness& h = harness();
  // The first byte decides whether the request carries the session.
  const bool with_session = data[0] & 1;
  HttpRequest r = request_from(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (with_session) {
    r.headers["cookie"] = h.cookie;
    r.headers["x-csrf-token"] = h.csrf;
    if (!r.headers.count("content-type")) r.headers["content-type"] = "application/json";
  }
  const auto response = h.service->handle(r);
  if (response.status < 100 || response.status > 599) std::abort();
  return 0;
}
