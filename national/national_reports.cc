#include "national/national_reports.h"

#include "core/errors.h"
#include "index/database_dir.h"

namespace socialsoeg::national {
namespace {

Xapian::Database open_shard(const Shard& shard, unsigned timeout_ms, const std::string& identity) {
  if (shard.kind == Shard::Kind::kLocal) return index::DatabaseDir(shard.path).open_live_for_reading(&identity);
  // Xapian's remote backend: every operation and the connect bounded by the
  // timeout, so a district that hangs costs at most that.
  const auto ms = static_cast<useconds_t>(timeout_ms);
  Xapian::Database db = Xapian::Remote::open(shard.host, shard.port, ms, ms);
  index::check_identity(db, identity, shard.host + ":" + std::to_string(shard.port));
  return db;
}

}  // namespace

NationalReports open_national(const ShardConfig& config, const std::string& identity) {
  NationalReports out;
  for (const Shard& shard : config.shards) {
    try {
      out.db.add_database(open_shard(shard, config.timeout_ms, identity));
      out.reached.push_back(shard.district);
    } catch (const Xapian::Error& e) {
      out.missing.push_back({shard.district, e.get_type() + std::string(": ") + e.get_msg()});
    } catch (const EnvironmentError& e) {
      out.missing.push_back({shard.district, e.what()});
    }
  }
  if (out.reached.empty()) {
    std::string why;
    for (const auto& m : out.missing) why += "\n  " + m.district + ": " + m.why;
    throw EnvironmentError("no district database could be opened:" + why);
  }
  return out;
}

}  // namespace socialsoeg::national
