#include "indexer/load_support.h"

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/errors.h"
#include "core/hash.h"
#include "indexer/report_loader.h"
#include "indexer/schema.h"

namespace socialsoeg::indexer {

std::string run_key(const std::string& input_key) {
  return std::string(schema::kMetaRunPrefix) + blake2b_hex(input_key, 16);
}

std::string batch_value(uint64_t batch) { return Xapian::sortable_serialise(static_cast<double>(batch)); }

uint64_t batch_of(const std::string& value) {
  return value.empty() ? 0 : static_cast<uint64_t>(Xapian::sortable_unserialise(value));
}

uint64_t last_batch(const Xapian::Database& db) {
  const std::string value = db.get_metadata(std::string(schema::kMetaLastBatch));
  return value.empty() ? 0 : std::stoull(value);
}

void crash_point(const char* where, uint64_t commit_number) {
  static const char* crash = std::getenv("SOCIALSOEG_CRASH_AT");
  static const char* fail = std::getenv("SOCIALSOEG_FAIL_AT");
  if (!crash && !fail) return;
  const std::string wanted = std::string(where) + ":" + std::to_string(commit_number);
  if (crash && wanted == crash) ::raise(SIGKILL);
  if (fail && wanted == fail) throw EnvironmentError("test failure injected at " + wanted + " (SOCIALSOEG_FAIL_AT)");
}

}  // namespace socialsoeg::indexer
