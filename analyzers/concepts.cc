#include "analyzers/concepts.h"

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>

#include "analyzers/dictionary_file.h"
#include "analyzers/normalizer.h"
#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

// "Spirituskørsel" -> "spirituskørsel", "Børn til stede" -> "børn til stede":
// the label as a word inside a sentence (its first letter; labels start
// with a letter A-Z or Æ, Ø, Å).
std::string lower_label(std::string label) {
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
  else if (label.rfind("\xC3\x86", 0) == 0 || label.rfind("\xC3\x98", 0) == 0 || label.rfind("\xC3\x85", 0) == 0)
    label[1] = static_cast<char>(label[1] + 0x20);
  return label;
}

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
  bool question = false;           // the last word before a question mark
  TokenKind kind = TokenKind::kWord;
  uint32_t start = 0, end = 0, position = 0;
  Token::Break break_before = Token::Break::kNone;
  unsigned classes = 0;  // bit 1 << Element::Kind for each class (#number, #age, …) the word is one of
};

bool element_matches(const ConceptDictionary::Element& e, const Slot& s);

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
    slots.back().question = slots.back().question || t.before_question;
    if (t.extra == Token::Extra::kNone) {
      slots.back().form = t.form.empty() ? std::string_view(t.term) : std::string_view(t.form);
      slots.back().name = t.name;
    }
  }
  // Which classes each word is, once, rather than once per pattern that starts with one.
  using Kind = ConceptDictionary::Element::Kind;
  for (Slot& slot : slots)
    for (const Kind kind : {Kind::kDecimal, Kind::kNumber, Kind::kChildAge, Kind::kChildAgeWord, Kind::kAdultAge, Kind::kName}) {
      ConceptDictionary::Element e;
      e.kind = kind;
      if (element_matches(e, slot)) slot.classes |= 1u << static_cast<unsigned>(kind);
    }
  return slots;
}

template <class V, class S>
bool has(const V& v, const S& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Ages a child can have, written as words ("sin søn på seks år", "to børn
// på 3 og 7 år"). "en"/"et" are left out: as words they are nearly always
// the article.
// "eller", "og", "samt": the words that join the items of a list.
bool is_coordinator(const Slot& s) {
  return s.form == "eller" || s.form == "og" || s.form == "samt" || s.form == "el";
}

bool is_child_age_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"to",   "tre",    "fire",    "fem",     "seks",   "syv",
                                                "otte", "ni",     "ti",      "elleve",  "tolv",   "tretten",
                                                "fjorten", "femten", "seksten", "sytten", "halvandet"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// "fireårig", "etårig", "halvandetårig": an age under 18 in one word (the
// digits of "12-årige" are a number token of their own, matched by #age).
bool is_child_age_adjective(std::string_view lemma) {
  constexpr std::string_view kYears = "årig";
  if (lemma.size() <= kYears.size() || !lemma.ends_with(kYears)) return false;
  const std::string_view count = lemma.substr(0, lemma.size() - kYears.size());
  return count == "en" || count == "et" || is_child_age_word(count);
}

// Patterns match a word's own lemmas (and exact forms), never its compound
// parts: "vold mod tjenestemand" is not "vold mod ... mand".
bool element_matches(const ConceptDictionary::Element& e, const Slot& s) {
  using Kind = ConceptDictionary::Element::Kind;
  switch (e.kind) {
    case Kind::kDecimal: return s.kind == TokenKind::kDecimal;
    case Kind::kNumber: return s.kind == TokenKind::kDecimal || s.kind == TokenKind::kNumber;
    case Kind::kChildAge:
      if (s.kind == TokenKind::kWord) return is_child_age_word(s.form);
      return s.kind == TokenKind::kNumber && !s.whole.empty() && s.whole[0].size() <= 2 &&
             std::stoi(std::string(s.whole[0])) < 18;
    case Kind::kName: return s.name;
    case Kind::kAdultAge:
      return s.kind == TokenKind::kNumber && !s.whole.empty() && s.whole[0].size() <= 3 &&
             std::stoi(std::string(s.whole[0])) >= 18;
    case Kind::kChildAgeWord:
      for (const auto& t : s.whole)
        if (is_child_age_adjective(t)) return true;
      return false;
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
      // A gap stays inside its clause part: "banken, og havde oplyst sine"
      // is no "banke ~ sine".
      for (size_t k = i; k < i + skip && !crosses; ++k)
        crosses = k > first && (slots[k].break_before == Token::Break::kClause ||
                                (!el.gap_crosses_comma && slots[k].break_before == Token::Break::kComma));
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

// "#decimal", "#age" …: elements that match a class of tokens, not words.
std::optional<ConceptDictionary::Element::Kind> class_element(const std::string& word) {
  using Kind = ConceptDictionary::Element::Kind;
  static constexpr std::pair<std::string_view, Kind> kClasses[] = {
      {"#decimal", Kind::kDecimal}, {"#number", Kind::kNumber},     {"#age", Kind::kChildAge},
      {"#aged", Kind::kChildAgeWord}, {"#adult", Kind::kAdultAge}, {"#name", Kind::kName}};
  for (const auto& [name, kind] : kClasses)
    if (word == name) return kind;
  return std::nullopt;
}

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
    if (word == "~" || word == "~,") {
      e.kind = ConceptDictionary::Element::Kind::kGap;
      e.gap_crosses_comma = word == "~,";
    } else if (const auto kind = class_element(word)) {
      e.kind = *kind;
    } else {
      size_t start = 0;
      while (start <= word.size()) {
        size_t bar = word.find('|', start);
        if (bar == std::string::npos) bar = word.size();
        const std::string alt = word.substr(start, bar - start);
        start = bar + 1;
        // "#decimal|#number" would be read as the words "decimal" and "number".
        if (alt.size() > 1 && alt[0] == '#')
          throw DataError(where + "a class such as " + alt + " stands alone, not among alternatives ('" + word +
                          "'): write one pattern per class");
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
  // "PATTERN ; window N ; sentence ; across ; stop W... ; only CONCEPT" (negation.da.txt)
  auto parse_cue = [](const std::string& line, const TermsOf& terms, const std::string& where) {
    Cue cue;
    size_t semi = line.find(';');
    cue.pattern = parse_pattern(line.substr(0, semi), terms, where);
    while (semi != std::string::npos) {
      const size_t next = line.find(';', semi + 1);
      std::istringstream option(line.substr(semi + 1, next == std::string::npos ? std::string::npos : next - semi - 1));
      semi = next;
      std::string key;
      if (!(option >> key)) continue;
      if (key == "window") {
        if (!(option >> cue.window) || cue.window == 0) throw DataError(where + "window needs a number of words");
      } else if (key == "sentence") {
        cue.sentence = true;
      } else if (key == "across") {
        cue.sentence = cue.across = true;
      } else if (key == "stop") {
        for (std::string w; option >> w;) {
          if (w == ",") cue.stop_at_comma = true;
          else
            for (const auto& t : terms(w)) cue.stops.push_back(t);
        }
      } else if (key == "only") {
        option >> cue.only;
      } else {
        throw DataError(where + "unknown cue option '" + key + "' (window, sentence, across, stop, only)");
      }
    }
    return cue;
  };
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
      } else if (key == "label") {
        info.label = value;
      } else if (key == "phrase") {
        info.phrase = value;
      } else if (key == "risk") {
        if (value != "yes" && value != "no") throw DataError(where + "risk is yes or no");
        info.risk = value == "yes";
      } else if (key == "parent") {
        info.parent = value;
      } else if (key == "yield") {
        // "yield C" or "yield C text": the whole text, every mention
        const size_t sp = value.find(' ');
        info.yields_to = value.substr(0, sp);
        if (sp != std::string::npos) {
          const std::string scope = value.substr(sp + 1);
          if (scope == "text") info.yields_in_text = true;
          else if (scope == "all") info.yields_every_mention = true;
          else throw DataError(where + "yield CONCEPT [all|text]");
        }
      } else if (key == "defer") {
        info.defers_to = value;
      } else if (key == "word") {
        Pattern p = parse_pattern(value, terms_of, where);
        if (p.size() != 1) throw DataError(where + "a word is one word; use 'pattern' for more");
        for (const auto& t : p[0].terms) d.word_index_[t].push_back(id);
        d.word_rules_.push_back({std::move(p), id});
      } else if (key == "pattern" || key == "keep") {
        d.phrase_rules_.push_back({parse_pattern(value, terms_of, where), id, key == "keep"});
      } else if (key == "negated") {
        d.negated_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "not") {
        d.not_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "absent") {
        d.absent_rules_.push_back({parse_pattern(value, terms_of, where), id});
      } else if (key == "cooccur" || key == "cooccur-back") {
        const size_t space2 = value.find(' ');
        if (space2 == std::string::npos) throw DataError(where + key + " CONCEPT WORDS");
        d.cooccur_rules_.push_back(
            {value.substr(0, space2), parse_pattern(value.substr(space2 + 1), terms_of, where), id, key == "cooccur-back"});
      } else {
        throw DataError(where + "unknown key '" + key + "' (alias, label, phrase, risk, parent, word, pattern, keep, negated, not, absent, cooccur, cooccur-back, yield, defer)");
      }
    }
    if (info.alias.empty()) throw DataError(concepts.string() + ": [" + info.id + "] has no alias");
    if (info.label.empty()) throw DataError(concepts.string() + ": [" + info.id + "] has no label");
    if (info.phrase.empty()) info.phrase = lower_label(info.label);
    d.concepts_.push_back(std::move(info));
  }
  for (size_t r = 0; r < d.phrase_rules_.size(); ++r) d.phrase_index_.add(d.phrase_rules_[r].pattern, r);
  for (size_t r = 0; r < d.negated_rules_.size(); ++r) d.negated_index_.add(d.negated_rules_[r].pattern, r);
  for (size_t r = 0; r < d.not_rules_.size(); ++r) d.not_index_.add(d.not_rules_[r].pattern, r);
  for (size_t r = 0; r < d.absent_rules_.size(); ++r) d.absent_index_.add(d.absent_rules_[r].pattern, r);
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
      if (s.name == "pre" || s.name == "post" || s.name == "hypothetical") {
        Cue cue = parse_cue(line, terms_of, where);
        if (!cue.only.empty() && !d.lookup(cue.only)) throw DataError(where + "unknown concept '" + cue.only + "'");
        (s.name == "pre" ? d.pre_cues_ : s.name == "post" ? d.post_cues_ : d.hypothetical_cues_).push_back(std::move(cue));
      } else if (s.name == "pseudo") {
        d.pseudo_cues_.push_back(parse_pattern(line, terms_of, where));
      } else if (s.name == "terminate") {
        for (const auto& t : terms_of(line)) d.terminators_.push_back(t);
      } else {
        throw DataError(where + "unknown section [" + s.name + "] (pre, post, hypothetical, pseudo, terminate)");
      }
    }
  }
  for (size_t c = 0; c < d.pre_cues_.size(); ++c) d.pre_index_.add(d.pre_cues_[c].pattern, c);
  for (size_t c = 0; c < d.post_cues_.size(); ++c) d.post_index_.add(d.post_cues_[c].pattern, c);
  for (size_t c = 0; c < d.hypothetical_cues_.size(); ++c) d.hypothetical_index_.add(d.hypothetical_cues_[c].pattern, c);
  for (size_t c = 0; c < d.pseudo_cues_.size(); ++c) d.pseudo_index_.add(d.pseudo_cues_[c], c);
  return d;
}

void ConceptDictionary::FirstTermIndex::add(const Pattern& p, size_t id) {
  const Element& first = p.front();
  if (first.optional || first.kind == Element::Kind::kGap) {
    anywhere_.push_back(id);
    return;
  }
  if (first.kind != Element::Kind::kTerms) {
    by_class_.emplace_back(id, 1u << static_cast<unsigned>(first.kind));
    return;
  }
  for (const auto& t : first.terms) by_term_[t].push_back(id);
  for (const auto& f : first.forms) by_form_[f].push_back(id);
}

void ConceptDictionary::FirstTermIndex::candidates(const std::vector<std::string_view>& terms, std::string_view form,
                                                   unsigned classes, std::vector<size_t>& out) const {
  out.assign(anywhere_.begin(), anywhere_.end());
  size_t sources = out.empty() ? 0 : 1;
  if (classes) {
    const size_t before = out.size();
    for (const auto& [id, bit] : by_class_)
      if (classes & bit) out.push_back(id);
    if (out.size() > before) ++sources;
  }
  for (const auto& t : terms)
    if (auto it = by_term_.find(t); it != by_term_.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      ++sources;
    }
  if (auto it = by_form_.find(form); it != by_form_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
    ++sources;
  }
  if (sources > 1) {  // each list is in id order already
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
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
    bool keep = false;               // from a "keep" pattern: never yields
  };
  std::vector<Found> found, negated_spans;
  auto add = [&](size_t concept_id, size_t first, size_t last, bool keep = false) {
    // One that overlaps a mention we have widens it: "truede" and "truede
    // med at slå" are one threat, whose words reach "slå".
    for (Found& f : found)
      if (f.concept_id == concept_id && f.first <= last && first <= f.last) {
        f.first = std::min(f.first, first);
        f.last = std::max(f.last, last);
        f.keep = f.keep || keep;
        return;
      }
    found.push_back({concept_id, first, last, keep});
  };
  std::vector<size_t> candidates;
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
    phrase_index_.candidates(slots[i].whole, slots[i].form, slots[i].classes, candidates);
    for (size_t r : candidates)
      if (const size_t end = match_at(phrase_rules_[r].pattern, slots, i))
        add(phrase_rules_[r].concept_id, i, end - 1, phrase_rules_[r].keep);
    negated_index_.candidates(slots[i].whole, slots[i].form, slots[i].classes, candidates);
    for (size_t r : candidates)
      if (const size_t end = match_at(negated_rules_[r].pattern, slots, i)) {
        add(negated_rules_[r].concept_id, i, end - 1);
        negated_spans.push_back({negated_rules_[r].concept_id, i, end - 1});
      }
  }
  // "not" patterns: look-alike uses that a word rule would take ("det truede
  // med regn" is no threat).
  for (size_t i = 0; i < slots.size(); ++i) {
    not_index_.candidates(slots[i].whole, slots[i].form, slots[i].classes, candidates);
    for (size_t n : candidates)
      if (const size_t end = match_at(not_rules_[n].pattern, slots, i))
        std::erase_if(found, [&](const Found& f) {
          return f.concept_id == not_rules_[n].concept_id && f.first <= end - 1 && i <= f.last;
        });
  }
  // A single word inside another concept's longer mention belongs to that
  // mention when it is one of the words the mention is made of — its first
  // or last ("kørte påvirket af hash" is drug-driving, not also drugs;
  // "overdosis piller" a suicide attempt) — or its concept yields or defers
  // to the longer one. A word the pattern only stepped over keeps its own
  // mention: in "slog en beruset 27-årig mand" the man is drunk and was hit.
  auto absorbs = [&](const Found& g, const Found& f) {
    const ConceptInfo& word = concepts_[f.concept_id];
    const std::string& longer = concepts_[g.concept_id].id;
    return f.first == g.first || f.last == g.last || word.yields_to == longer || word.defers_to == longer;
  };
  std::vector<Found> kept;
  for (const Found& f : found) {
    bool inside = false;
    if (f.first == f.last)
      for (const Found& g : found)
        inside = inside || (g.concept_id != f.concept_id && g.last > g.first && g.first <= f.first && f.last <= g.last &&
                            absorbs(g, f));
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
      // A concept the sentence already mentions needs no second mention.
      bool mentioned = false;
      for (const Found& g : found) mentioned = mentioned || (g.concept_id == r.concept_id && g.first >= begin && g.last < end);
      if (mentioned) continue;
      // "cooccur-back": the word may stand in the sentence before, where a
      // report names the partner before it tells what he did.
      const size_t from = r.reaches_back && begin > 0 ? sentence_of(begin - 1, begin - 1).first : begin;
      for (size_t j = from; j < end; ++j)
        if (match_at(r.pattern, slots, j)) {
          add(r.concept_id, found[k].first, found[k].last);
          // A negated state gives a negated act ("føreren var ædru").
          for (size_t g = 0, negs = negated_spans.size(); g < negs; ++g)
            if (negated_spans[g].concept_id == found[k].concept_id && negated_spans[g].first == found[k].first &&
                negated_spans[g].last == found[k].last)
              negated_spans.push_back({r.concept_id, found[k].first, found[k].last});
          break;
        }
    }
  }
  // "absent" patterns: a text that says so has no mention of the concept
  // (children left alone were not present at what the adult did).
  for (size_t i = 0; i < slots.size(); ++i) {
    absent_index_.candidates(slots[i].whole, slots[i].form, slots[i].classes, candidates);
    for (size_t a : candidates)
      if (match_at(absent_rules_[a].pattern, slots, i))
        std::erase_if(found, [&](const Found& f) { return f.concept_id == absent_rules_[a].concept_id; });
  }
  // After co-occurrence, so that a state it turned into an act yields to it
  // ("en kraftigt beruset mand på førersædet" is drink-driving).
  std::erase_if(found, [&](const Found& f) {
    const ConceptInfo& info = concepts_[f.concept_id];
    if (info.yields_to.empty() || f.keep) return false;
    if (!info.yields_in_text && !info.yields_every_mention && f.first != f.last) return false;
    const auto [begin, end] = info.yields_in_text ? std::pair<size_t, size_t>{0, slots.size()} : sentence_of(f.first, f.last);
    // Only to a mention of the same polarity: "Føreren var ædru, men
    // passageren var fuld" keeps the drunk passenger; "Bilisten havde ikke
    // drukket" is drink-driving negated, and nothing else.
    auto is_negated_span = [&](const Found& x) {
      return std::any_of(negated_spans.begin(), negated_spans.end(), [&](const Found& n) {
        return n.concept_id == x.concept_id && n.first == x.first && n.last == x.last;
      });
    };
    const bool negated_state = is_negated_span(f);
    for (const Found& g : found)
      if (concepts_[g.concept_id].id == info.yields_to && g.first >= begin && g.last < end &&
          (negated_state || !is_negated_span(g)))
        return true;
    return false;
  });
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
  auto applies = [&](const Cue& cue, const Found& f) {
    return cue.only.empty() || cue.only == concepts_[f.concept_id].id;
  };
  // Whether a cue's own stops end its scope in the slots [from, to).
  auto stopped = [&](const Cue& cue, size_t from, size_t to) {
    for (size_t j = from; j < to && j < slots.size(); ++j) {
      if (cue.stop_at_comma && slots[j].break_before == Token::Break::kComma) return true;
      for (const auto& t : slots[j].whole)
        if (has(cue.stops, t)) return true;
    }
    return false;
  };
  // Each cue list's matches at a word, found once and only near a mention:
  // slot -> (cue, one past its end).
  struct Hits {
    const std::vector<Cue>* cues;
    const FirstTermIndex* index;
    std::vector<std::vector<std::pair<size_t, size_t>>> at;
    std::vector<bool> known;
  };
  auto hits_for = [&](const std::vector<Cue>& cues, const FirstTermIndex& index) {
    return Hits{&cues, &index, std::vector<std::vector<std::pair<size_t, size_t>>>(slots.size()),
                std::vector<bool>(slots.size(), false)};
  };
  Hits pre_hits = hits_for(pre_cues_, pre_index_), post_hits = hits_for(post_cues_, post_index_),
       hypothetical_hits = hits_for(hypothetical_cues_, hypothetical_index_);
  auto hits = [&](Hits& h, size_t k) -> const std::vector<std::pair<size_t, size_t>>& {
    if (!h.known[k]) {
      h.known[k] = true;
      h.index->candidates(slots[k].whole, slots[k].form, slots[k].classes, candidates);
      for (size_t c : candidates)
        if (const size_t end = match_at((*h.cues)[c].pattern, slots, k)) h.at[k].emplace_back(c, end);
    }
    return h.at[k];
  };
  std::vector<int8_t> pseudo(slots.size(), -1);  // unknown, no, yes
  auto pseudo_at = [&](size_t k) {
    if (pseudo[k] < 0) {
      pseudo[k] = 0;
      pseudo_index_.candidates(slots[k].whole, slots[k].form, slots[k].classes, candidates);
      for (size_t c : candidates)
        if (match_at(pseudo_cues_[c], slots, k)) pseudo[k] = 1;
    }
    return pseudo[k] == 1;
  };
  auto negated = [&](const Found& f) {
    for (const Found& n : negated_spans)
      if (n.concept_id == f.concept_id && n.first == f.first && n.last == f.last) return true;
    // Cues inside the mention ("børnene var ikke hjemme"), unless they are
    // a pseudo-negation the pattern itself spells ("kunne ikke tage vare på").
    for (size_t k = f.first + 1; k <= f.last; ++k) {
      if (pseudo_at(k) || pseudo_at(k - 1)) continue;
      for (const auto& [c, end] : hits(pre_hits, k))
        if (applies(pre_cues_[c], f) && end <= f.last + 1) return true;
    }
    // Cues before the mention, back to the start of its clause: within the
    // cue's window (eight words unless it says otherwise: NegEx looks five
    // either side; Danish police prose puts the cue a little further ahead,
    // "der blev ikke fundet euforiserende stoffer"), or anywhere in the
    // sentence for the cues that govern a whole sentence ("frifandt i går en
    // 44-årig, der var tiltalt for at have stukket ...").
    for (size_t back = 1; back <= f.first; ++back) {
      const size_t k = f.first - back;
      if (slots[k + 1].break_before == Token::Break::kClause || terminates(slots[k])) break;
      if (pseudo_at(k)) continue;
      for (const auto& [c, end] : hits(pre_hits, k)) {
        const Cue& cue = pre_cues_[c];
        if (!applies(cue, f) || (!cue.sentence && back > (cue.window ? cue.window : kPreWindow))) continue;
        if (end <= f.first && !stopped(cue, end, f.first + 1)) return true;
      }
    }
    // Cues inside it, from its first word ("0,0 promille"), and after it, to
    // the end of its clause: within six words, or the sentence ("... er
    // henlagt").
    for (size_t k = f.first; k < slots.size(); ++k) {
      if (k > f.first && (slots[k].break_before == Token::Break::kClause || terminates(slots[k]))) break;
      if (pseudo_at(k) || (k > 0 && pseudo_at(k - 1))) continue;
      for (const auto& [c, end] : hits(post_hits, k)) {
        const Cue& cue = post_cues_[c];
        if (!applies(cue, f) || (!cue.sentence && k > f.last + (cue.window ? cue.window : kPostWindow))) continue;
        if (!stopped(cue, f.last + 1, k)) return true;
      }
    }
    // A verdict reaches back over the rest of its sentence, past commas and
    // "men" ("tiltalt for at have slået ham, men retten frifandt ham"),
    // unless its own stops come between, or it names its own charge: "dømt
    // for vold, men frifundet for trusler" keeps the violence.
    const size_t sentence_end = sentence_of(f.first, f.last).second;
    auto names_its_charge = [&](size_t end) {
      return end < sentence_end && std::find(slots[end].whole.begin(), slots[end].whole.end(), "for") != slots[end].whole.end();
    };
    for (size_t k = f.last + 1; k < sentence_end; ++k) {
      if (pseudo_at(k) || pseudo_at(k - 1)) continue;
      for (const auto& [c, end] : hits(post_hits, k)) {
        const Cue& cue = post_cues_[c];
        if (cue.across && applies(cue, f) && !stopped(cue, f.last + 1, k) && !names_its_charge(end)) return true;
      }
    }
    return false;
  };
  // ConText's "hypothetical": a mention asked about, advised against or
  // made a condition of ("Hvis du er udsat for vold", "kampagne mod
  // spritkørsel", "Hvad gør politiet ved husspektakler?") reports nothing.
  auto hypothetical = [&](const Found& f) {
    const auto [begin, end] = sentence_of(f.first, f.last);
    if (slots[end - 1].question) return true;
    for (size_t k = begin; k < end; ++k) {
      if (k >= f.first && k <= f.last) continue;
      for (const auto& [c, cue_end] : hits(hypothetical_hits, k)) {
        const Cue& cue = hypothetical_cues_[c];
        if (!applies(cue, f)) continue;
        if (cue.sentence) return true;
        // Otherwise the cue reaches forward, to the end of its clause part.
        if (k < f.first && cue_end <= f.first && !stopped(cue, cue_end, f.first + 1) &&
            (!cue.window || f.first - k <= cue.window))
          return true;
      }
    }
    return false;
  };

  // A negation reaches along a coordination: "Ingen af de to førere var
  // påvirket af spiritus eller narko" negates the narko as well, however far
  // the list runs past the cue's window. `found` is in text order.
  std::vector<bool> is_negated(found.size());
  for (size_t k = 0; k < found.size(); ++k) {
    const Found& f = found[k];
    is_negated[k] = negated(f);
    for (size_t g = 0; g < k && !is_negated[k]; ++g) {
      if (!is_negated[g]) continue;
      const Found& before = found[g];
      if (before.last >= f.first) continue;
      const size_t between = f.first - before.last - 1;
      const bool listed = (between == 1 && slots[f.first].break_before == Token::Break::kNone &&
                           is_coordinator(slots[before.last + 1])) ||
                          (between == 0 && slots[f.first].break_before == Token::Break::kComma);
      is_negated[k] = listed && slots[before.last + 1].break_before != Token::Break::kClause;
    }
  }
  std::vector<ConceptMention> out;
  for (size_t k = 0; k < found.size(); ++k) {
    const Found& f = found[k];
    out.push_back({concepts_[f.concept_id].id, !is_negated[k] && !hypothetical(f), slots[f.first].start,
                   slots[f.last].end, slots[f.first].position, slots[f.last].position});
  }
  return out;
}

}  // namespace socialsoeg::analysis
