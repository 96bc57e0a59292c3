// crash_point(): the test hook of report_loader.h.
#include <signal.h>

#include <cstdlib>
#include <string>

#include "core/errors.h"
#include "indexer/report_loader.h"

namespace socialsoeg::indexer {

void crash_point(const char* where, uint64_t commit_number) {
  static const char* crash = std::getenv("SOCIALSOEG_CRASH_AT");
  static const char* fail = std::getenv("SOCIALSOEG_FAIL_AT");
  if (!crash && !fail) return;
  const std::string wanted = std::string(where) + ":" + std::to_string(commit_number);
  if (crash && wanted == crash) ::raise(SIGKILL);
  if (fail && wanted == fail) throw EnvironmentError("test failure injected at " + wanted + " (SOCIALSOEG_FAIL_AT)");
}

}  // namespace socialsoeg::indexer
