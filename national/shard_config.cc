#include "national/shard_config.h"

#include <charconv>
#include <set>
#include <sstream>

#include "core/errors.h"
#include "core/settings_file.h"

namespace socialsoeg::national {
namespace {

unsigned parse_number(const std::string& text, unsigned low, unsigned high, const std::string& where, const std::string& what) {
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < low || n > high)
    throw DataError(where + what + ": expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                    ", found '" + text + "'");
  return n;
}

}  // namespace

std::string Shard::describe() const {
  return district + (kind == Kind::kLocal ? " (local " + path.string() + ")" : " (tcp " + host + ":" + std::to_string(port) + ")");
}

ShardConfig ShardConfig::load(const std::filesystem::path& file, const index::Places& places) {
  ShardConfig config;
  std::set<std::string> seen;
  read_settings(file, [&](const std::string& key, const std::string& value, const std::string& where) {
    if (key == "timeout_ms") {
      config.timeout_ms = parse_number(value, 100, 600'000, where, "timeout_ms");
      return;
    }
    if (!places.is_district(key)) throw DataError(where + key + ": not a police district (nor timeout_ms)");
    if (!seen.insert(key).second) throw DataError(where + key + ": named twice (one database per district)");
    std::istringstream fields(value);
    std::string kind, target, extra;
    fields >> kind >> target;
    if (target.empty() || (fields >> extra))
      throw DataError(where + key + ": expected 'local PATH' or 'tcp HOST:PORT', found '" + value + "'");
    Shard shard;
    shard.district = key;
    shard.where = where;
    if (kind == "local") {
      shard.kind = Shard::Kind::kLocal;
      shard.path = std::filesystem::path(target).is_absolute() ? std::filesystem::path(target) : file.parent_path() / target;
    } else if (kind == "tcp") {
      shard.kind = Shard::Kind::kTcp;
      const auto colon = target.rfind(':');
      if (colon == std::string::npos || colon == 0)
        throw DataError(where + key + ": expected tcp HOST:PORT, found '" + target + "'");
      shard.host = target.substr(0, colon);
      shard.port = parse_number(target.substr(colon + 1), 1, 65535, where, key + " port");
    } else {
      throw DataError(where + key + ": unknown kind '" + kind + "' (local or tcp)");
    }
    config.shards.push_back(std::move(shard));
  });
  if (config.shards.empty()) throw DataError(file.string() + ": names no district database");
  return config;
}

}  // namespace socialsoeg::national
