// The web service's settings (config/server.conf, `socialsoeg serve --config`):
// where it listens, TLS, and every limit — so that a slow, huge or hostile
// request gets a clear 4xx/503 and never a hang.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace socialsoeg::server {

struct ServerConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;              // 0: any free port (tests)
  std::filesystem::path tls_certificate;  // PEM; both set: HTTPS only
  std::filesystem::path tls_private_key;
  unsigned io_threads = 2;           // network: asynchronous, no thread per connection
  unsigned workers = 16;             // requests being answered at once (they wait on the audit fsync together)
  size_t max_connections = 256;      // beyond: 503 and close
  // From one address (the trusted proxy excepted): beyond, 503 at once, nothing
  // read — so that one client cannot hold every connection.
  size_t max_connections_per_client = 32;
  size_t max_body_bytes = 64 * 1024; // beyond: 413 (chunked bodies too)
  size_t max_header_bytes = 8 * 1024;  // beyond: 431
  size_t max_query_bytes = 1000;     // a search text longer than this: 400 (the query language's own limit)
  unsigned header_timeout_seconds = 5;  // a request's header not read by then: 408, closed
  unsigned read_timeout_seconds = 15;   // a request (header and body) not read by then: 408, closed
  unsigned write_timeout_seconds = 15;
  unsigned idle_timeout_seconds = 60;   // a kept-alive connection with nothing to say: closed
  unsigned session_idle_minutes = 15;
  unsigned session_absolute_hours = 8;
  unsigned shutdown_grace_seconds = 10;  // SIGTERM: answers in progress get this long
  std::string trusted_proxy;         // the one peer address whose X-Forwarded-For is believed (empty: none)

  bool tls() const { return !tls_certificate.empty(); }

  // Defaults, then `file`'s settings. DataError (file:line) for an unknown key or a bad value.
  static ServerConfig load(const std::filesystem::path& file);
};

}  // namespace socialsoeg::server
