#include "core/settings_file.h"

#include <fstream>

#include "core/errors.h"

namespace socialsoeg {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

void read_settings(const std::filesystem::path& file,
                   const std::function<void(const std::string&, const std::string&, const std::string&)>& set) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read the settings file " + file.string());
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string where = file.string() + ":" + std::to_string(number) + ": ";
    const auto hash = line.find('#');
    const std::string content = trim(hash == std::string::npos ? line : line.substr(0, hash));
    if (content.empty()) continue;
    const auto eq = content.find('=');
    if (eq == std::string::npos) throw DataError(where + "expected key = value");
    set(trim(content.substr(0, eq)), trim(content.substr(eq + 1)), where);
  }
}

}  // namespace socialsoeg
