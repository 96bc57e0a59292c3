#include "analyzers/word_lists.h"

#include <fstream>

#include "analyzers/normalizer.h"
#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

template <class OnWord, class OnSection>
void read_lines(const std::filesystem::path& file, OnWord on_word, OnSection on_section) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read dictionary file " + file.string());
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      on_section(line.substr(1, line.size() - 2), number);
      continue;
    }
    if (line.find_first_of(" \t") != std::string::npos)
      throw DataError(file.string() + ":" + std::to_string(number) + ": one word per line expected");
    normalize_word(line);
    on_word(line, number);
  }
}

}  // namespace

WordSet read_word_list(const std::filesystem::path& file) {
  WordSet words;
  read_lines(
      file, [&](const std::string& w, int) { words.insert(w); },
      [&](const std::string&, int line) {
        throw DataError(file.string() + ":" + std::to_string(line) + ": sections are not allowed here");
      });
  return words;
}

std::map<std::string, WordSet> read_word_sections(const std::filesystem::path& file) {
  std::map<std::string, WordSet> sections;
  WordSet* current = nullptr;
  read_lines(
      file,
      [&](const std::string& w, int line) {
        if (!current) throw DataError(file.string() + ":" + std::to_string(line) + ": word before any [section]");
        current->insert(w);
      },
      [&](const std::string& name, int) { current = &sections[name]; });
  return sections;
}

}  // namespace socialsoeg::analysis
