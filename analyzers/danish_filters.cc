#include "analyzers/danish_filters.h"

namespace socialsoeg::analysis {
namespace {

// How far a hanging hyphen reaches for its head: "spiritus-/narkokørsel" (1),
// "spiritus- og narkokørsel" (2), "hash-, kokain- eller amfetaminpåvirket" (4).
constexpr size_t kSuspendedReach = 6;

Token extra(const Token& of, std::string term, Token::Extra kind) {
  Token t = of;
  t.term = std::move(term);
  t.extra = kind;
  t.lemmatized = true;
  t.suspended_hyphen = false;
  return t;
}

}  // namespace

void StopwordFilter::apply(TokenList& tokens, Side, Workspace&) const {
  for (Token& t : tokens)
    if (t.kind == TokenKind::kWord && stopwords_.count(t.term)) t.stopword = true;
}

void LemmaFilter::apply(TokenList& tokens, Side side, Workspace&) const {
  const bool index = side == Side::kIndex;
  TokenList out;
  out.reserve(tokens.size() * 2);
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token t = tokens[i];
    if (t.kind != TokenKind::kWord) {
      out.push_back(std::move(t));
      continue;
    }
    // Function words stay as written: "for" is not "fare", and phrases such
    // as "sigtet for vold" keep their exact glue.
    // The suppletive forms of the auxiliaries ("var", "blev", "har") keep
    // their lemma beside them from a fixed table, as do the abbreviations
    // ("kl." = klokken).
    const auto fixed = fixed_lemmas_.find(t.term);
    if (t.stopword) {
      t.lemmatized = true;
      out.push_back(t);
      if (fixed != fixed_lemmas_.end())
        for (const auto& l : fixed->second) out.push_back(extra(t, l, Token::Extra::kLemma));
      continue;
    }
    const std::string surface = t.term;
    t.form = surface;
    const WordAnalysis a = morphology_->analyze(surface, index && !t.name && !t.stopword);
    if (!a.lemmas.empty()) {
      t.term = a.lemmas.front();
      t.lemmatized = true;
    }
    out.push_back(t);
    for (size_t k = 1; k < a.lemmas.size(); ++k) out.push_back(extra(t, a.lemmas[k], Token::Extra::kLemma));
    if (fixed != fixed_lemmas_.end())
      for (const auto& l : fixed->second) out.push_back(extra(t, l, Token::Extra::kLemma));
    if (index && a.split) {
      out.push_back(extra(t, a.split->first, Token::Extra::kPart));
      for (const auto& h : a.split->head) out.push_back(extra(t, h, Token::Extra::kPart));
    }
    // "spiritus-" + the head of the next compound = "spirituskørsel".
    if (t.suspended_hyphen) {
      for (size_t j = i + 1; j < tokens.size() && j <= i + kSuspendedReach; ++j) {
        const Token& next = tokens[j];
        if (next.kind != TokenKind::kWord || next.suspended_hyphen || next.stopword) continue;
        if (auto s = morphology_->split(next.term)) {
          const std::string joined = surface + next.term.substr(s->head_offset);
          const WordAnalysis ja = morphology_->analyze(joined, false);
          if (!ja.lemmas.empty())
            for (const auto& l : ja.lemmas) out.push_back(extra(t, l, Token::Extra::kJoined));
          if (index)
            for (const auto& h : s->head) out.push_back(extra(t, h, Token::Extra::kPart));
        }
        break;
      }
    }
  }
  // One term per position at most once (a part may equal another lemma).
  TokenList unique;
  unique.reserve(out.size());
  for (Token& t : out) {
    bool seen = false;
    for (size_t k = unique.size(); k-- > 0 && unique[k].position == t.position && !seen;) seen = unique[k].term == t.term;
    if (!seen) unique.push_back(std::move(t));
  }
  tokens = std::move(unique);
}

}  // namespace socialsoeg::analysis
