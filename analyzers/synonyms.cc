#include "analyzers/synonyms.h"

#include <algorithm>

#include "analyzers/dictionary_file.h"
#include "core/errors.h"

namespace socialsoeg::analysis {

Synonyms Synonyms::load(const std::filesystem::path& file, const TermsOf& analyse) {
  Synonyms s;
  for (const auto& section : read_dictionary_file(file)) {
    if (section.name != "synonyms" && section.name != "families")
      throw DataError(dictionary_where(file, section.lines.empty() ? 0 : section.lines.front().number) +
                      (section.name.empty() ? std::string("group before any [section]")
                                            : "unknown section [" + section.name + "]"));
    for (const auto& [number, line] : section.lines) {
      const std::string where = dictionary_where(file, number);
      Group g{{}, section.name == "families"};
      size_t start = 0;
      while (start <= line.size()) {
        size_t bar = line.find(" | ", start);
        if (bar == std::string::npos) bar = line.size();
        const std::string text = line.substr(start, bar - start);
        start = bar + 3;
        const auto words = analyse(text);
        if (words.empty()) throw DataError(where + "member '" + text + "' has no searchable word");
        // A member stands for its first (best) lemma; a multi-word member
        // requires the first lemma of each of its words.
        if (words.size() == 1) {
          g.members.push_back({{words[0].front()}});
        } else {
          Member m;
          for (const auto& w : words) m.terms.push_back(w.front());
          g.members.push_back(std::move(m));
        }
      }
      if (g.members.size() < 2) throw DataError(where + "a group needs at least two members");
      const size_t id = s.groups_.size();
      for (const Member& m : g.members)
        if (m.terms.size() == 1) s.by_term_[m.terms[0]].push_back(id);
      s.groups_.push_back(std::move(g));
    }
  }
  return s;
}

std::vector<Expansion> Synonyms::expand(const std::string& term) const {
  std::vector<Expansion> out;
  const auto it = by_term_.find(term);
  if (it == by_term_.end()) return out;
  for (size_t id : it->second) {
    const Group& g = groups_[id];
    for (const Member& m : g.members) {
      if (m.terms.size() == 1 && m.terms[0] == term) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const Expansion& e) { return e.terms == m.terms; });
      if (!seen) out.push_back({m.terms, g.family});
    }
  }
  return out;
}

}  // namespace socialsoeg::analysis
