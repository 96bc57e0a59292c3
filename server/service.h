// The web service's application: every request in, one response
// out — static page, JSON API, sessions, roles, district scopes, purpose and
// one audit record per API request, durable before the response leaves.
// No sockets here (http_server.h carries the bytes); this is also what the
// fuzz target drives.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/installation.h"
#include "server/http_types.h"
#include "server/server_config.h"

namespace socialsoeg::server {

struct ServiceState;

class Service {
 public:
  // Loads the installation's analyzer, tables and screening rule and opens
  // the audit log of `db_dir`.
  Service(std::filesystem::path db_dir, Installation installation, ServerConfig config);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Never throws: every failure is a response (4xx, or 503 when the audit log
  // or the database cannot be used).
  HttpResponse handle(const HttpRequest& request);

  // "listening on …, database …, analyzer …" without personal data.
  std::string describe() const;
  ServiceState& state() { return *state_; }

 private:
  std::unique_ptr<ServiceState> state_;
};

}  // namespace socialsoeg::server
