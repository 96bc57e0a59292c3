// The bank of hand-written report sentences (bench/data/phrases.da.txt) that
// the generator strings together into døgnrapporter and journal notes.
//
// Each template carries the concept_id mentions it expresses (affirmed or
// negated), written by the person who wrote the sentence; the generator
// copies them into labels.jsonl as ground truth.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace socialsoeg::sample {

struct ConceptTag {
  std::string concept_id;
  bool affirmed;
};

struct Template {
  std::string text;  // with {slot} placeholders
  std::vector<ConceptTag> tags;
  int line;          // in the phrase file, for error messages
};

class PhraseBank {
 public:
  // Throws DataError with file:line on a malformed line or unknown slot.
  static PhraseBank load(const std::filesystem::path& file);

  // Templates of a section ("title", "opening", "risk", "neutral", "trap",
  // "children", "closing"); empty when the file has none.
  const std::vector<Template>& section(const std::string& name) const;

  // Risk templates that express `concept_id`, affirmed or negated.
  const std::vector<const Template*>& risk(const std::string& concept_id, bool affirmed) const;

  // Concepts with at least one affirmed risk template.
  const std::vector<std::string>& risk_concepts() const { return risk_concepts_; }

  // Titles naming a concept_id (affirmed), and titles naming none.
  const std::vector<const Template*>& titles_for(const std::string& concept_id) const;
  const std::vector<const Template*>& neutral_titles() const { return neutral_titles_; }

 private:
  std::map<std::string, std::vector<Template>> sections_;
  std::map<std::pair<std::string, bool>, std::vector<const Template*>> risk_;
  std::map<std::string, std::vector<const Template*>> titles_;
  std::vector<const Template*> neutral_titles_;
  std::vector<std::string> risk_concepts_;
};

// The slot names templates may use (the phrase file's header lists them).
const std::vector<std::string>& known_slots();

}  // namespace socialsoeg::sample
