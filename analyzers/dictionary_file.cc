#include "analyzers/dictionary_file.h"

#include "core/line_file.h"

namespace socialsoeg::analysis {

std::vector<DictionarySection> read_dictionary_file(const std::filesystem::path& file) {
  // Comments, blank lines and trimming as every line file of the project (core/line_file.h).
  std::vector<DictionarySection> sections;
  for (auto& [number, line] : read_content_lines(file, "dictionary file")) {
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') {
      sections.push_back({line.substr(1, line.size() - 2), {}});
      continue;
    }
    if (sections.empty()) sections.push_back({"", {}});
    sections.back().lines.push_back({number, std::move(line)});
  }
  return sections;
}

std::string dictionary_where(const std::filesystem::path& file, int line) {
  return file.string() + ":" + std::to_string(line) + ": ";
}

}  // namespace socialsoeg::analysis
