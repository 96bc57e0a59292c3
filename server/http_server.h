// The transport: HTTP/1.1 (and HTTPS) on Boost.Beast, asynchronous — no
// thread is held by an idle or slow connection — with every limit of
// ServerConfig enforced: header and body size (431, 413, chunked bodies
// included), read and write timeouts (408, then closed), a cap on
// connections (503). Requests are answered on a pool of worker threads, so
// that a slow search or an audit fsync never stalls the network threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "server/http_types.h"
#include "server/server_config.h"

namespace socialsoeg::server {

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds now (EnvironmentError when the address is taken or TLS files are bad).
  HttpServer(const ServerConfig& config, Handler handler);
  ~HttpServer();

  uint16_t port() const;  // the bound port (config port 0: chosen by the system)
  // Serves until stop() — or, with `stop_on_signals`, SIGTERM or SIGINT —
  // and returns when every thread has finished.
  void run(bool stop_on_signals = false);
  // Graceful: stops accepting, lets answers in progress finish (up to the
  // configured grace), then returns from run(). Safe from any thread.
  void stop();

  size_t connections() const;

  struct Impl;  // the Beast machinery (http_server.cc)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace socialsoeg::server
