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

WordMap read_word_pairs(const std::filesystem::path& file) {
  WordMap pairs;
  for (const auto& section : read_dictionary_file(file)) {
    if (!section.name.empty()) throw DataError(file.string() + ": sections are not allowed here ([" + section.name + "])");
    for (const auto& [number, text] : section.lines) {
      const size_t tab = text.find('\t');
      if (tab == std::string::npos || text.find('\t', tab + 1) != std::string::npos || tab == 0 || tab + 1 == text.size())
        throw DataError(dictionary_where(file, number) + "two words separated by one tab expected");
      std::string from = text.substr(0, tab), to = text.substr(tab + 1);
      if (from.find(' ') != std::string::npos || to.find(' ') != std::string::npos)
        throw DataError(dictionary_where(file, number) + "one word on each side of the tab expected");
      normalize_word(from);
      normalize_word(to);
      pairs[from].push_back(std::move(to));
    }
  }
  return pairs;
}

}  // namespace socialsoeg::analysis
