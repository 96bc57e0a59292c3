#include "analyzers/word_lists.h"

#include "analyzers/dictionary_file.h"
#include "analyzers/normalizer.h"
#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

void add_words(const std::filesystem::path& file, const DictionarySection& section, WordSet& words) {
  for (const auto& [number, text] : section.lines) {
    if (text.find_first_of(" \t") != std::string::npos)
      throw DataError(dictionary_where(file, number) + "one word per line expected");
    std::string w = text;
    normalize_word(w);
    words.insert(std::move(w));
  }
}

}  // namespace

WordSet read_word_list(const std::filesystem::path& file) {
  WordSet words;
  for (const auto& section : read_dictionary_file(file)) {
    if (!section.name.empty()) throw DataError(file.string() + ": sections are not allowed here ([" + section.name + "])");
    add_words(file, section, words);
  }
  return words;
}

std::map<std::string, WordSet> read_word_sections(const std::filesystem::path& file) {
  std::map<std::string, WordSet> sections;
  for (const auto& section : read_dictionary_file(file)) {
    if (section.name.empty())
      throw DataError(dictionary_where(file, section.lines.front().number) + "word before any [section]");
    add_words(file, section, sections[section.name]);
  }
  return sections;
}

}  // namespace socialsoeg::analysis
