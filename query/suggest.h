// "Did you mean …": the closest known names to a mistyped one (unknown
// concept, field, district), by edit distance over code points.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::query {

// Damerau-Levenshtein (optimal string alignment) distance over code points.
size_t edit_distance(std::string_view a, std::string_view b);

// Up to `n` candidates closest to `word`, nearest first (ties in the given
// order); only those within a distance that still looks like a typo.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates, size_t n = 3);

// "did you mean X or Y?" from closest(), or `otherwise` when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         const std::string& otherwise = {});

}  // namespace socialsoeg::query
