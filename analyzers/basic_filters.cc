#include <algorithm>

#include "analyzers/normalizer.h"
#include "analyzers/token_filter.h"

namespace socialsoeg::analysis {

void NormalizeFilter::apply(TokenList& tokens, Side, Workspace&) const {
  for (Token& t : tokens)
    if (t.kind == TokenKind::kWord) normalize_word(t.term);
}

void StemFilter::apply(TokenList& tokens, Side, Workspace& workspace) const {
  for (Token& t : tokens)
    if (t.kind == TokenKind::kWord && !t.lemmatized) workspace.stemmer.stem(t.term);
}

void LengthFilter::apply(TokenList& tokens, Side, Workspace&) const {
  std::erase_if(tokens, [](const Token& t) { return t.term.empty() || t.term.size() > kMaxTermBytes; });
}

}  // namespace socialsoeg::analysis
