// What the loader tells the person running it — progress, resumed runs,
// rejected records — through a sink its caller gives (the command line sends
// it to its logger). A load without one stays silent: the loader writes to no
// stream of its own. Messages never hold a CPR number (rejections are
// redacted before they get here).
#pragma once

#include <functional>
#include <string>

namespace socialsoeg::indexer {

enum class LoadNote { kInfo, kWarning, kError };
using LoadLog = std::function<void(LoadNote, const std::string& message)>;

inline void note(const LoadLog& log, LoadNote level, const std::string& message) {
  if (log) log(level, message);
}

}  // namespace socialsoeg::indexer
