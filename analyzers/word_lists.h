// Plain word lists from dictionaries/ (stopwords, compound rules), read once
// at start-up. Each file has a provenance header ('#' lines); errors are
// reported as file:line. Words are normalised as the analyzer normalises them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <unordered_set>

namespace socialsoeg::analysis {

using WordSet = std::unordered_set<std::string>;

// One word per line, no sections.
WordSet read_word_list(const std::filesystem::path& file);

// "[section]" headers, one word per line under each.
std::map<std::string, WordSet> read_word_sections(const std::filesystem::path& file);

}  // namespace socialsoeg::analysis
