#include "server/server_config.h"

#include <charconv>

#include "core/errors.h"
#include "core/settings_file.h"

namespace socialsoeg::server {
namespace {

template <typename T>
T number(const std::string& value, const std::string& where, const std::string& key, T min, T max) {
  T n{};
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max)
    throw DataError(where + key + ": '" + value + "' is not a number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

}  // namespace

ServerConfig ServerConfig::load(const std::filesystem::path& file) {
  ServerConfig c;
  read_settings(file, [&](const std::string& key, const std::string& value, const std::string& where) {
    if (key == "listen") {
      const auto colon = value.rfind(':');
      if (colon == std::string::npos) throw DataError(where + "listen: give ADDRESS:PORT, e.g. 127.0.0.1:8080");
      c.address = value.substr(0, colon);
      c.port = number<uint16_t>(value.substr(colon + 1), where, "listen port", 0, 65535);
    } else if (key == "tls_certificate") {
      c.tls_certificate = value;
    } else if (key == "tls_private_key") {
      c.tls_private_key = value;
    } else if (key == "io_threads") {
      c.io_threads = number<unsigned>(value, where, key, 1, 64);
    } else if (key == "workers") {
      c.workers = number<unsigned>(value, where, key, 1, 1024);
    } else if (key == "max_connections") {
      c.max_connections = number<size_t>(value, where, key, 1, 100000);
    } else if (key == "max_connections_per_client") {
      c.max_connections_per_client = number<size_t>(value, where, key, 1, 100000);
    } else if (key == "max_body_bytes") {
      c.max_body_bytes = number<size_t>(value, where, key, 1024, 64 << 20);
    } else if (key == "max_header_bytes") {
      c.max_header_bytes = number<size_t>(value, where, key, 1024, 1 << 20);
    } else if (key == "max_query_bytes") {
      c.max_query_bytes = number<size_t>(value, where, key, 16, 1000);
    } else if (key == "header_timeout_seconds") {
      c.header_timeout_seconds = number<unsigned>(value, where, key, 1, 3600);
    } else if (key == "read_timeout_seconds") {
      c.read_timeout_seconds = number<unsigned>(value, where, key, 1, 3600);
    } else if (key == "write_timeout_seconds") {
      c.write_timeout_seconds = number<unsigned>(value, where, key, 1, 3600);
    } else if (key == "idle_timeout_seconds") {
      c.idle_timeout_seconds = number<unsigned>(value, where, key, 1, 3600);
    } else if (key == "session_idle_minutes") {
      c.session_idle_minutes = number<unsigned>(value, where, key, 1, 24 * 60);
    } else if (key == "session_absolute_hours") {
      c.session_absolute_hours = number<unsigned>(value, where, key, 1, 24 * 7);
    } else if (key == "shutdown_grace_seconds") {
      c.shutdown_grace_seconds = number<unsigned>(value, where, key, 0, 600);
    } else if (key == "trusted_proxy") {
      c.trusted_proxy = value;
    } else {
      throw DataError(where + "unknown setting '" + key + "'");
    }
  });
  if (c.tls_certificate.empty() != c.tls_private_key.empty())
    throw DataError(file.string() + ": give both tls_certificate and tls_private_key, or neither");
  return c;
}

}  // namespace socialsoeg::server
