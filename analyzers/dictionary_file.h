// The one reader of dictionaries/ files. Every file there has the same
// shape: a provenance header of '#' lines, blank lines anywhere, optional
// "[section]" headers, one entry per line. Errors name file:line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace socialsoeg::analysis {

struct DictionaryLine {
  int number;        // 1-based line number in the file
  std::string text;  // trimmed, never empty
};

struct DictionarySection {
  std::string name;  // "" for lines before the first [section]
  std::vector<DictionaryLine> lines;
};

// Throws EnvironmentError when the file cannot be read.
std::vector<DictionarySection> read_dictionary_file(const std::filesystem::path& file);

// "file:line: " for error messages.
std::string dictionary_where(const std::filesystem::path& file, int line);

}  // namespace socialsoeg::analysis
