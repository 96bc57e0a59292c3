#include "analyzers/dictionary_file.h"

#include <fstream>

#include "core/errors.h"

namespace socialsoeg::analysis {

std::vector<DictionarySection> read_dictionary_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read dictionary file " + file.string());
  std::vector<DictionarySection> sections;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t last = line.find_last_not_of(" \t\r");
    line = line.substr(first, last - first + 1);
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') {
      sections.push_back({line.substr(1, line.size() - 2), {}});
      continue;
    }
    if (sections.empty()) sections.push_back({"", {}});
    sections.back().lines.push_back({number, line});
  }
  return sections;
}

std::string dictionary_where(const std::filesystem::path& file, int line) {
  return file.string() + ":" + std::to_string(line) + ": ";
}

}  // namespace socialsoeg::analysis
