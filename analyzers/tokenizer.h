// The first stage of analysis: text in, raw tokens out.
//
// ICU finds the word boundaries; the protected-token recogniser joins the
// segments that form one CPR number, date, section, clock time, decimal,
// licence plate or phone number and writes them canonically. Words leave here
// as written (UTF-8 of the original letters); the filters after the tokenizer
// normalise, lemmatise and stem them. Positions count tokens from 1.
#pragma once

#include <string_view>
#include <vector>

#include "analyzers/segmenter.h"
#include "analyzers/token.h"
#include "analyzers/utf16_text.h"

namespace socialsoeg::analysis {

// Appends the tokens of `text` (already segmented) to `out`.
void tokenize(const Utf16Text& text, const std::vector<Segment>& segments, TokenList& out);

}  // namespace socialsoeg::analysis
