// For the web service's end-to-end tests: the real `socialsoeg serve` as a
// child process on a free loopback port, and an HTTP client (curl, as an
// officer's browser would be: cookies, the CSRF header) to talk to it.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "process.h"
#include "temp_dir.h"

namespace socialsoeg::test {

class ServerProcess {
 public:
  // Starts `socialsoeg serve --db DB --listen 127.0.0.1:0 [--config CONFIG]` and waits for its start-up line.
  explicit ServerProcess(const std::string& db, const std::string& config = "") : out_(db + ".serve.out") {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      if (config.empty())
        ::execl(kBin.c_str(), kBin.c_str(), "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", nullptr);
      else
        ::execl(kBin.c_str(), kBin.c_str(), "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", "--config",
                config.c_str(), nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 600; ++i) {
      const std::string text = read_file(out_);
      const auto at = text.find("://127.0.0.1:");
      if (at != std::string::npos && text.find(',', at) != std::string::npos) {
        port_ = std::stoi(text.substr(at + 13));
        scheme_ = text.substr(text.find("listening on ") + 13, text.find("://") - text.find("listening on ") - 13);
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("serve exited: " + text);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("serve did not start: " + read_file(out_));
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::string url(const std::string& path = "") const {
    return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string output() const { return read_file(out_); }
  // Sends `signal` and waits for the exit; returns the exit status (128+signal when killed).
  int stop(int signal = SIGTERM) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  std::string out_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string scheme_ = "http";
};

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  uint64_t audit_record() const {
    const auto it = headers.find("x-audit-record");
    return it == headers.end() ? 0 : std::stoull(it->second);
  }
};

// A browser-like client: a cookie jar and the CSRF token from the session.
class Http {
 public:
  explicit Http(const ServerProcess& server) : server_(&server), dir_(std::make_unique<TempDir>()) {}

  HttpResult request(const std::string& method, const std::string& path, const std::string& json_body = "",
                     const std::string& extra = "") {
    const TempDir& d = *dir_;
    std::string cmd = "curl -s -k -X " + method + " -o " + d / "body" + " -D " + d / "headers" + " -w '%{http_code}' -b " +
                      d / "jar" + " -c " + d / "jar " + extra;
    if (!csrf_.empty() && method != "GET") cmd += " -H 'X-CSRF-Token: " + csrf_ + "'";
    if (!json_body.empty()) cmd += " -H 'Content-Type: application/json' --data-binary " + shell_quote(json_body);
    cmd += " " + shell_quote(server_->url(path));
    const auto r = run_command(cmd);
    HttpResult out;
    out.status = std::atoi(r.out.c_str());
    out.body = read_file(d / "body");
    std::istringstream headers(read_file(d / "headers"));
    for (std::string line; std::getline(headers, line);) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      out.headers[name] = value;
    }
    return out;
  }
  HttpResult get(const std::string& path) { return request("GET", path); }
  HttpResult post(const std::string& path, const nlohmann::json& body) { return request("POST", path, body.dump()); }

  // Logs in; keeps the CSRF token. Returns the login response.
  HttpResult login(const std::string& user, const std::string& password = kTestPassword) {
    auto r = post("/api/login", {{"user", user}, {"password", password}});
    if (r.status == 200) csrf_ = r.json().value("csrf", "");
    return r;
  }
  HttpResult purpose(const std::string& p) { return post("/api/purpose", {{"purpose", p}}); }
  void forget_csrf() { csrf_.clear(); }
  const std::string& csrf() const { return csrf_; }

 private:
  const ServerProcess* server_;
  std::unique_ptr<TempDir> dir_;
  std::string csrf_;
};

}  // namespace socialsoeg::test
