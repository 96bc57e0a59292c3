#include "bench/sample/phrase_bank.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "core/errors.h"

namespace socialsoeg::sample {
namespace {

const std::set<std::string> kSections = {"title", "opening", "risk", "neutral", "trap", "children", "closing"};
const std::set<std::string> kConcepts = {"spirituskoersel", "narkokoersel", "vold",        "partnervold",
                                         "trusler",         "selvmordstrussel", "husspektakel", "stoffer",
                                         "beruselse",       "omsorgssvigt", "tilhold",      "boern-til-stede"};

[[noreturn]] void fail(const std::filesystem::path& file, int line, const std::string& why) {
  throw DataError(file.string() + ":" + std::to_string(line) + ": " + why);
}

void check_slots(const std::filesystem::path& file, int line, const std::string& text) {
  static const std::set<std::string> slots(known_slots().begin(), known_slots().end());
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    if (close == std::string::npos) fail(file, line, "unclosed '{'");
    const std::string slot = text.substr(open + 1, close - open - 1);
    if (!slots.count(slot)) fail(file, line, "unknown slot {" + slot + "}");
  }
}

}  // namespace

const std::vector<std::string>& known_slots() {
  static const std::vector<std::string> slots = {
      "kl",     "dag",     "alder",  "alder2", "mand",     "mand2",  "han",    "ham",   "hans",
      "han2",   "ham2",    "hans2",  "navn",   "fornavn",  "navn2",  "partner", "by",   "gade",
      "vej",    "adresse", "promille", "stof", "gram",     "barn",   "barnalder", "børn", "plade",
      "tlf",    "bil",     "dato",   "journal"};
  return slots;
}

PhraseBank PhraseBank::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read phrase bank " + file.string());
  PhraseBank bank;
  std::string line, section;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      if (!kSections.count(section)) fail(file, number, "unknown section [" + section + "]");
      continue;
    }
    if (section.empty()) fail(file, number, "template before the first [section]");
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos)
      fail(file, number, "expected TAGS<TAB>TEXT with exactly one tab");
    Template t{line.substr(tab + 1), {}, number};
    const std::string tags = line.substr(0, tab);
    if (tags != "-") {
      size_t start = 0;
      while (start <= tags.size()) {
        size_t comma = tags.find(',', start);
        if (comma == std::string::npos) comma = tags.size();
        const std::string tag = tags.substr(start, comma - start);
        if (tag.size() < 2 || (tag.back() != '+' && tag.back() != '-')) fail(file, number, "bad tag '" + tag + "'");
        const std::string concept_id = tag.substr(0, tag.size() - 1);
        if (!kConcepts.count(concept_id)) fail(file, number, "unknown concept_id '" + concept_id + "'");
        t.tags.push_back({concept_id, tag.back() == '+'});
        start = comma + 1;
      }
    }
    if (t.text.empty()) fail(file, number, "empty template");
    check_slots(file, number, t.text);
    bank.sections_[section].push_back(std::move(t));
  }
  // Index risk templates and titles by concept_id (pointers into sections_,
  // which no longer changes).
  for (const Template& t : bank.sections_["risk"]) {
    for (const ConceptTag& tag : t.tags) bank.risk_[{tag.concept_id, tag.affirmed}].push_back(&t);
  }
  for (const auto& [key, list] : bank.risk_) {
    if (key.second && key.first != "boern-til-stede")
      bank.risk_concepts_.push_back(key.first);  // partnervold included: it has its own sentences
  }
  for (const Template& t : bank.sections_["title"]) {
    if (t.tags.empty()) bank.neutral_titles_.push_back(&t);
    for (const ConceptTag& tag : t.tags)
      if (tag.affirmed) bank.titles_[tag.concept_id].push_back(&t);
  }
  for (const char* required : {"opening", "risk", "neutral", "closing", "title"})
    if (bank.sections_[required].empty()) fail(file, number, std::string("no [") + required + "] templates");
  return bank;
}

const std::vector<Template>& PhraseBank::section(const std::string& name) const {
  static const std::vector<Template> empty;
  const auto it = sections_.find(name);
  return it == sections_.end() ? empty : it->second;
}

const std::vector<const Template*>& PhraseBank::risk(const std::string& concept_id, bool affirmed) const {
  static const std::vector<const Template*> empty;
  const auto it = risk_.find({concept_id, affirmed});
  return it == risk_.end() ? empty : it->second;
}

const std::vector<const Template*>& PhraseBank::titles_for(const std::string& concept_id) const {
  static const std::vector<const Template*> empty;
  const auto it = titles_.find(concept_id);
  return it == titles_.end() ? empty : it->second;
}

}  // namespace socialsoeg::sample
