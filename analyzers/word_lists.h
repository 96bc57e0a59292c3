// Plain word lists from dictionaries/ (stopwords, compound rules), read once
// at start-up. Each file has a provenance header ('#' lines); errors are
// reported as file:line. Words are normalised as the analyzer normalises them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace socialsoeg::analysis {

using WordSet = std::unordered_set<std::string>;
// A word and the words it stands for (several lines may name the same word).
using WordMap = std::unordered_map<std::string, std::vector<std::string>>;

// One word per line, no sections.
WordSet read_word_list(const std::filesystem::path& file);

// "[section]" headers, one word per line under each.
std::map<std::string, WordSet> read_word_sections(const std::filesystem::path& file);

// "word<TAB>word" per line, no sections.
WordMap read_word_pairs(const std::filesystem::path& file);

}  // namespace socialsoeg::analysis
