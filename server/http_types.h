// A request and a response as the service sees them: no sockets, no library
// types. The transport (http_server) fills and sends them; the service
// (service.h) and its fuzz target work on them alone.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace socialsoeg::server {

struct HttpRequest {
  std::string method;                       // GET, POST, DELETE, …
  std::string target;                       // path and query string, as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client;                       // the peer's address (never a header the client sent)
  bool tls = false;

  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Set-Cookie, Content-Disposition, …
  bool close = false;  // close the connection after this response
};

}  // namespace socialsoeg::server
