#include "analyzers/synonyms.h"

#include <algorithm>
#include <fstream>

#include "core/errors.h"

namespace socialsoeg::analysis {

Synonyms Synonyms::load(const std::filesystem::path& file, const TermsOf& analyse) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read dictionary file " + file.string());
  Synonyms s;
  std::string line, section;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = file.string() + ":" + std::to_string(number) + ": ";
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      if (section != "synonyms" && section != "families") throw DataError(where + "unknown section [" + section + "]");
      continue;
    }
    if (section.empty()) throw DataError(where + "group before any [section]");
    Group g{{}, section == "families"};
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
