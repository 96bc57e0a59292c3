// A token filter does one thing to the token list (Lucene's analysis chain):
// normalise words, stem them, drop what the index cannot hold, and — in the
// Danish analysis — lemmatise, split compounds, mark stopwords. The analyzer
// runs them in a fixed order; each sees the output of the one before.
//
// Filters are immutable after construction and may be shared across threads;
// mutable state lives in the Workspace passed in.
#pragma once

#include <string_view>

#include "analyzers/token.h"
#include "analyzers/workspace.h"

namespace socialsoeg::analysis {

class TokenFilter {
 public:
  virtual ~TokenFilter() = default;
  virtual std::string_view name() const = 0;
  virtual void apply(TokenList& tokens, Side side, Workspace& workspace) const = 0;
};

// NFC, case folding and Danish spelling unification of words (normalizer.h).
class NormalizeFilter final : public TokenFilter {
 public:
  std::string_view name() const override { return "normalize"; }
  void apply(TokenList& tokens, Side side, Workspace& workspace) const override;
};

// Snowball Danish for words the lexicon does not know (no lemma yet).
class StemFilter final : public TokenFilter {
 public:
  std::string_view name() const override { return "snowball-danish"; }
  void apply(TokenList& tokens, Side side, Workspace& workspace) const override;
};

// Drops empty terms and terms longer than kMaxTermBytes. Xapian refuses terms
// over 245 bytes (prefix included); nothing a person searches for is longer
// than 100 bytes, while base64 blobs and URLs pasted into a report are.
// Positions are not renumbered, so phrase distances stay true.
class LengthFilter final : public TokenFilter {
 public:
  static constexpr size_t kMaxTermBytes = 100;
  std::string_view name() const override { return "length"; }
  void apply(TokenList& tokens, Side side, Workspace& workspace) const override;
};

}  // namespace socialsoeg::analysis
