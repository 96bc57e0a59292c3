#include "analyzers/concepts.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "analyzers/dictionary_file.h"
#include "analyzers/normalizer.h"
#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

// NegEx looks five words either side; Danish police prose puts the cue a
// little further ahead ("der blev ikke fundet euforiserende stoffer").
constexpr size_t kPreWindow = 8;
constexpr size_t kPostWindow = 6;
constexpr size_t kMaxGap = 4;  // "~" in a pattern: up to four words between

// The terms at one position of the token list.
struct Slot {
  // Views into the token list, which outlives the slots.
  std::vector<std::string_view> whole;  // lemmas of the word itself (and joined compounds)
  std::vector<std::string_view> parts;  // compound parts
  std::string_view form;                // the word as written (normalised)
  bool name = false;               // a capitalised word inside a sentence
  TokenKind kind = TokenKind::kWord;
  uint32_t start = 0, end = 0, position = 0;
  Token::Break break_before = Token::Break::kNone;
};

std::vector<Slot> slots_of(const TokenList& tokens) {
  std::vector<Slot> slots;
  for (const Token& t : tokens) {
    if (slots.empty() || slots.back().position != t.position) {
      slots.emplace_back();
      slots.back().position = t.position;
      slots.back().kind = t.kind;
      slots.back().start = t.start;
      slots.back().end = t.end;
      slots.back().break_before = t.break_before;
    }
    (t.extra == Token::Extra::kPart ? slots.back().parts : slots.back().whole).push_back(t.term);
    if (t.extra == Token::Extra::kNone) {
      slots.back().form = t.form.empty() ? std::string_view(t.term) : std::string_view(t.form);
      slots.back().name = t.name;
    }
  }
  return slots;
}

template <class V, class S>
bool has(const V& v, const S& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Patterns match a word's own lemmas (and exact forms), never its compound
// parts: "vold mod tjenestemand" is not "vold mod ... mand".
bool element_matches(const ConceptDictionary::Element& e, const Slot& s) {
  using Kind = ConceptDictionary::Element::Kind;
  switch (e.kind) {
    case Kind::kDecimal: return s.kind == TokenKind::kDecimal;
    case Kind::kNumber: return s.kind == TokenKind::kDecimal || s.kind == TokenKind::kNumber;
    case Kind::kChildAge:
      return s.kind == TokenKind::kNumber && !s.whole.empty() && s.whole[0].size() <= 2 &&
             std::stoi(std::string(s.whole[0])) < 18;
    case Kind::kGap: return true;
    case Kind::kTerms:
      for (const auto& t : e.terms)
        if (has(s.whole, t)) return true;
      return has(e.forms, s.form);
  }
  return false;
}

// Index one past the last slot of a match of pattern[e..] starting at slot i,
// or 0 when there is none. Matches never run across the end of a clause.
size_t match_from(const ConceptDictionary::Pattern& p, size_t e, const std::vector<Slot>& slots, size_t i,
                  size_t first) {
  if (e == p.size()) return i;
  const auto& el = p[e];
  if (el.kind == ConceptDictionary::Element::Kind::kGap) {
    for (size_t skip = 0; skip <= kMaxGap; ++skip) {
      if (i + skip > slots.size()) break;
      bool crosses = false;
      for (size_t k = i; k < i + skip && !crosses; ++k) crosses = k > first && slots[k].break_before == Token::Break::kClause;
      if (crosses) break;
      if (const size_t end = match_from(p, e + 1, slots, i + skip, first)) return end;
    }
    return 0;
  }
  if (i < slots.size() && (i == first || slots[i].break_before != Token::Break::kClause) && element_matches(el, slots[i])) {
    if (const size_t end = match_from(p, e + 1, slots, i + 1, first)) return end;
  }
  if (el.optional) return match_from(p, e + 1, slots, i, first);
  return 0;
}

size_t match_at(const ConceptDictionary::Pattern& p, const std::vector<Slot>& slots, size_t i) {
  if (i >= slots.size()) return 0;
  return match_from(p, 0, slots, i, i);
}

}  // namespace

namespace {

ConceptDictionary::Pattern parse_pattern(const std::string& text, const ConceptDictionary::TermsOf& terms_of,
                                         const std::string& where) {
  ConceptDictionary::Pattern p;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    ConceptDictionary::Element e;
    if (word.size() > 1 && word.back() == '?') {
      e.optional = true;
      word.pop_back();
    }
    if (word == "~") {
      e.kind = ConceptDictionary::Element::Kind::kGap;
    } else if (word == "#decimal") {
      e.kind = ConceptDictionary::Element::Kind::kDecimal;
    } else if (word == "#number") {
      e.kind = ConceptDictionary::Element::Kind::kNumber;
    } else if (word == "#age") {
      e.kind = ConceptDictionary::Element::Kind::kChildAge;
    } else {
      size_t start = 0;
      while (start <= word.size()) {
        size_t bar = word.find('|', start);
        if (bar == std::string::npos) bar = word.size();
        const std::string alt = word.substr(start, bar - start);
        start = bar + 1;
        if (alt.size() > 1 && alt[0] == '=') {  // an exact written form
          std::string form = alt.substr(1);
          normalize_word(form);
          e.forms.push_back(form);
          continue;
        }
        const auto terms = terms_of(alt);
        if (terms.empty()) throw DataError(where + "'" + alt + "' gives no term");
        for (const auto& t : terms)
          if (!has(e.terms, t)) e.terms.push_back(t);
      }
    }
    p.push_back(std::move(e));
  }
  if (p.empty()) throw DataError(where + "empty pattern");
  return p;
}

}  // namespace

ConceptDictionary ConceptDictionary::load(const std::filesystem::path& concepts, const std::filesystem::path& negation,
                                          const TermsOf& terms_of) {
  ConceptDictionary d;
  for (const DictionarySection& s : read_dictionary_file(concepts)) {
    if (s.name.empty()) throw DataError(dictionary_where(concepts, s.lines.front().number) + "line before any [concept]");
    const size_t id = d.concepts_.size();
    ConceptInfo info;
    info.id = s.name;
    for (const auto& [number, line] : s.lines) {
      const std::string where = dictionary_where(concepts, number);
      const size_t space = line.find(' ');
      const std::string key = line.substr(0, space), value = space == std::string::npos ? "" : line.substr(space + 1);
      if (value.empty()) throw DataError(where + "'" + key + "' needs a value");
      if (key == "alias") {
        info.alias = value;
      } else if (key == "risk") {
        if (value != "yes" && value != "no") throw DataError(where + "risk is yes or no");
        info.risk = value == "yes";
      } else if (key == "parent") {
        info.parent = value;
      } else if (key == "yield") {
        info.yields_to = value;
      } else if (key == "defer") {
        info.defers_to = value;
      } else if (key == "word") {
        Pattern p = parse_pattern(value, terms_of, where);
        if (p.size() != 1) throw DataError(where + "a word is one word; use 'pattern' for more");
        for (const auto& t : p[0].terms) d.word_index_[t].push_back(id);
        d.word_rules_.push_back({std::move(p), id});
      } else if (key == "pattern") {
        d.phrase_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "negated") {
        d.negated_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "not") {
        d.not_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "cooccur") {
        const size_t space2 = value.find(' ');
        if (space2 == std::string::npos) throw DataError(where + "cooccur CONCEPT WORDS");
        d.cooccur_rules_.push_back({value.substr(0, space2), parse_pattern(value.substr(space2 + 1), terms_of, where), id});
      } else {
        throw DataError(where + "unknown key '" + key + "' (alias, risk, parent, word, pattern, negated, not, cooccur, yield, defer)");
      }
    }
    if (info.alias.empty()) throw DataError(concepts.string() + ": [" + info.id + "] has no alias");
    d.concepts_.push_back(std::move(info));
  }
  for (size_t r = 0; r < d.phrase_rules_.size(); ++r) {
    const Element& first = d.phrase_rules_[r].pattern.front();
    if (first.kind != Element::Kind::kTerms || first.optional) {
      d.phrase_unindexed_.push_back(r);
      continue;
    }
    for (const auto& t : first.terms) d.phrase_by_first_[t].push_back(r);
    for (const auto& f : first.forms) d.phrase_by_first_[std::string(1, '=').append(f)].push_back(r);
  }
  for (const auto& c : d.concepts_)
    if (!c.defers_to.empty() && !d.lookup(c.defers_to))
      throw DataError(concepts.string() + ": [" + c.id + "] defers to unknown concept '" + c.defers_to + "'");
  for (const auto& c : d.concepts_)
    if (!c.yields_to.empty() && !d.lookup(c.yields_to))
      throw DataError(concepts.string() + ": [" + c.id + "] yields to unknown concept '" + c.yields_to + "'");
  for (const auto& r : d.cooccur_rules_)
    if (!d.lookup(r.with)) throw DataError(concepts.string() + ": cooccur names unknown concept '" + r.with + "'");
  for (const auto& c : d.concepts_)
    if (!c.parent.empty() && !d.lookup(c.parent))
      throw DataError(concepts.string() + ": [" + c.id + "] has unknown parent '" + c.parent + "'");
  for (const DictionarySection& s : read_dictionary_file(negation)) {
    for (const auto& [number, line] : s.lines) {
      const std::string where = dictionary_where(negation, number);
      if (s.name == "pre") {
        d.pre_cues_.push_back(parse_pattern(line, terms_of, where));
      } else if (s.name == "post") {
        d.post_cues_.push_back(parse_pattern(line, terms_of, where));
      } else if (s.name == "pseudo") {
        d.pseudo_cues_.push_back(parse_pattern(line, terms_of, where));
      } else if (s.name == "terminate") {
        for (const auto& t : terms_of(line)) d.terminators_.push_back(t);
      } else {
        throw DataError(where + "unknown section [" + s.name + "] (pre, post, pseudo, terminate)");
      }
    }
  }
  return d;
}

const ConceptInfo* ConceptDictionary::lookup(const std::string& id_or_alias) const {
  for (const auto& c : concepts_)
    if (c.id == id_or_alias || c.alias == id_or_alias) return &c;
  return nullptr;
}

std::vector<ConceptMention> ConceptDictionary::find(const TokenList& tokens) const {
  const std::vector<Slot> slots = slots_of(tokens);
  struct Found {
    size_t concept_id, first, last;  // slot range, inclusive
  };
  std::vector<Found> found, negated_spans;
  auto add = [&](size_t concept_id, size_t first, size_t last) {
    for (const Found& f : found)
      if (f.concept_id == concept_id && f.first <= last && first <= f.last) return;  // overlaps one we have
    found.push_back({concept_id, first, last});
  };
  std::vector<size_t> candidates;
  std::string form_key;
  for (size_t i = 0; i < slots.size(); ++i) {
    // Words: the word's own lemma first; its compound parts only when the
    // whole word is no concept_id word itself.
    // Names are no mentions ("ved Voldene i Fredericia").
    std::set<size_t> whole, parts;
    if (!slots[i].name) {
      for (const auto& t : slots[i].whole)
        if (auto it = word_index_.find(std::string(t)); it != word_index_.end()) whole.insert(it->second.begin(), it->second.end());
      if (whole.empty())
        for (const auto& t : slots[i].parts)
          if (auto it = word_index_.find(std::string(t)); it != word_index_.end()) parts.insert(it->second.begin(), it->second.end());
    }
    for (size_t c : whole.empty() ? parts : whole) add(c, i, i);
    candidates.assign(phrase_unindexed_.begin(), phrase_unindexed_.end());
    for (const auto& t : slots[i].whole)
      if (auto it = phrase_by_first_.find(std::string(t)); it != phrase_by_first_.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    form_key.assign(1, '=');
    form_key.append(slots[i].form);
    if (auto it = phrase_by_first_.find(form_key); it != phrase_by_first_.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    std::sort(candidates.begin(), candidates.end());  // file order, as without the index
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (size_t r : candidates)
      if (const size_t end = match_at(phrase_rules_[r].pattern, slots, i)) add(phrase_rules_[r].concept_id, i, end - 1);
    for (const Rule& r : negated_rules_)
      if (const size_t end = match_at(r.pattern, slots, i)) {
        add(r.concept_id, i, end - 1);
        negated_spans.push_back({r.concept_id, i, end - 1});
      }
  }
  // "not" patterns: look-alike uses that a word rule would take ("det truede
  // med regn" is no threat).
  for (size_t i = 0; i < slots.size(); ++i)
    for (const Rule& r : not_rules_)
      if (const size_t end = match_at(r.pattern, slots, i))
        std::erase_if(found, [&](const Found& f) { return f.concept_id == r.concept_id && f.first <= end - 1 && i <= f.last; });
  // A single word inside another concept's longer mention belongs to that
  // mention: "kørte påvirket af hash" is drug-driving, not also drugs.
  std::vector<Found> kept;
  for (const Found& f : found) {
    bool inside = false;
    if (f.first == f.last)
      for (const Found& g : found)
        inside = inside || (g.concept_id != f.concept_id && g.last > g.first && g.first <= f.first && f.last <= g.last);
    if (!inside) kept.push_back(f);
  }
  found = std::move(kept);
  // "yield": a single word of a concept in a sentence that mentions the
  // concept it yields to belongs to that one.
  auto sentence_of = [&](size_t first, size_t last) {
    size_t begin = first, end = last + 1;
    while (begin > 0 && slots[begin].break_before != Token::Break::kClause) --begin;
    while (end < slots.size() && slots[end].break_before != Token::Break::kClause) ++end;
    return std::pair{begin, end};
  };
  std::erase_if(found, [&](const Found& f) {
    const std::string& to = concepts_[f.concept_id].defers_to;
    if (to.empty()) return false;
    for (const Found& g : found)
      if (concepts_[g.concept_id].id == to && g.first <= f.last && f.first <= g.last) return true;
    return false;
  });
  std::erase_if(found, [&](const Found& f) {
    const std::string& to = concepts_[f.concept_id].yields_to;
    if (to.empty() || f.first != f.last) return false;
    const auto [begin, end] = sentence_of(f.first, f.last);
    for (const Found& g : found)
      if (concepts_[g.concept_id].id == to && g.first >= begin && g.last < end) return true;
    return false;
  });
  // Co-occurrence: a mention of one concept in a sentence that also names one
  // of the given words is a mention of another ("vold" + "samlever" is
  // partner violence).
  for (const CooccurRule& r : cooccur_rules_) {
    size_t with = concepts_.size();
    for (size_t c = 0; c < concepts_.size(); ++c)
      if (concepts_[c].id == r.with) with = c;
    for (size_t k = 0, n = found.size(); k < n; ++k) {
      if (found[k].concept_id != with) continue;
      const auto [begin, end] = sentence_of(found[k].first, found[k].last);
      for (size_t j = begin; j < end; ++j)
        if (match_at(r.pattern, slots, j)) {
          add(r.concept_id, found[k].first, found[k].last);
          break;
        }
    }
  }
  // A mention of a kind is a mention of its parent ("partnervold" is "vold").
  for (size_t k = 0, n = found.size(); k < n; ++k) {
    const std::string& parent = concepts_[found[k].concept_id].parent;
    if (parent.empty()) continue;
    for (size_t c = 0; c < concepts_.size(); ++c)
      if (concepts_[c].id == parent) add(c, found[k].first, found[k].last);
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.first != b.first ? a.first < b.first : a.concept_id < b.concept_id;
  });

  auto terminates = [&](const Slot& s) {
    for (const auto& t : s.whole)
      if (has(terminators_, t)) return true;
    return false;
  };
  auto cue_at = [&](const std::vector<Pattern>& cues, size_t k) -> size_t {
    for (const Pattern& p : cues)
      if (const size_t end = match_at(p, slots, k)) return end;
    return 0;
  };
  auto negated = [&](const Found& f) {
    for (const Found& n : negated_spans)
      if (n.concept_id == f.concept_id && n.first == f.first && n.last == f.last) return true;
    // Cues inside the mention ("børnene var ikke hjemme"), unless they are
    // a pseudo-negation the pattern itself spells ("kunne ikke tage vare på").
    for (size_t k = f.first + 1; k <= f.last; ++k) {
      if (cue_at(pseudo_cues_, k) || cue_at(pseudo_cues_, k - 1)) continue;
      const size_t end = cue_at(pre_cues_, k);
      if (end && end <= f.last + 1) return true;
    }
    // Cues before the mention, back to the start of its clause.
    for (size_t back = 1; back <= kPreWindow && back <= f.first; ++back) {
      const size_t k = f.first - back;
      if (slots[k + 1].break_before == Token::Break::kClause || terminates(slots[k])) break;
      if (cue_at(pseudo_cues_, k)) continue;
      const size_t end = cue_at(pre_cues_, k);
      if (end && end <= f.first) return true;
    }
    // Cues inside it ("viste 0,0 promille") and after it, to the end of its clause.
    for (size_t k = f.first + 1; k < slots.size() && k <= f.last + kPostWindow; ++k) {
      if (slots[k].break_before == Token::Break::kClause || terminates(slots[k])) break;
      if (cue_at(post_cues_, k)) return true;
    }
    return false;
  };

  std::vector<ConceptMention> out;
  for (const Found& f : found) {
    out.push_back({concepts_[f.concept_id].id, !negated(f), slots[f.first].start, slots[f.last].end,
                   slots[f.first].position, slots[f.last].position});
  }
  return out;
}

}  // namespace socialsoeg::analysis
