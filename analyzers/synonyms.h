// Query-time expansion from dictionaries/synonyms.da.txt: the members of the
// groups a query term belongs to. Each member is stored as the analyzer's own
// terms for it (lemmas), so expansion meets the index by construction.
// Immutable and thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace socialsoeg::analysis {

struct Expansion {
  std::vector<std::string> terms;  // all must occur: one term, or a multi-word member
  bool family;                     // a word-family relative rather than a synonym
};

class Synonyms {
 public:
  // `analyse` turns one member's text into its query-side terms (one list per word).
  using TermsOf = std::function<std::vector<std::vector<std::string>>(const std::string&)>;
  static Synonyms load(const std::filesystem::path& file, const TermsOf& analyse);

  // The other members of every group `term` belongs to (never `term` itself).
  std::vector<Expansion> expand(const std::string& term) const;

 private:
  struct Member {
    std::vector<std::string> terms;
  };
  struct Group {
    std::vector<Member> members;
    bool family;
  };
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::vector<size_t>> by_term_;  // single-word member term -> groups
};

}  // namespace socialsoeg::analysis
