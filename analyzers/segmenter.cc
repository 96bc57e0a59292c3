#include "analyzers/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "core/errors.h"

namespace socialsoeg::analysis {
namespace {

// One prototype per process: creating a word BreakIterator loads and compiles
// rule data (milliseconds); cloning one is cheap.
const icu::BreakIterator& prototype() {
  static const icu::BreakIterator* const proto = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::BreakIterator* it = icu::BreakIterator::createWordInstance(icu::Locale("da", "DK"), status);
    if (U_FAILURE(status) || it == nullptr)
      throw EnvironmentError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    return it;
  }();
  return *proto;
}

SegmentKind classify(const Utf16Text& text, int32_t begin, int32_t status) {
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return SegmentKind::kNumber;
  if (status >= UBRK_WORD_LETTER) return SegmentKind::kLetters;  // letter, kana, ideographic
  const char16_t c = text.at(begin);
  if (c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C || c == 0x85)
    return SegmentKind::kBreak;
  if (u_isUWhiteSpace(c)) return SegmentKind::kSpace;
  return SegmentKind::kOther;
}

}  // namespace

WordSegmenter::WordSegmenter() : iterator_(prototype().clone()) {
  if (!iterator_) throw EnvironmentError("could not clone ICU word break iterator");
}

WordSegmenter::~WordSegmenter() = default;

void WordSegmenter::segment(const Utf16Text& text, std::vector<Segment>& out) {
  out.clear();
  if (text.size() == 0) return;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUChars(nullptr, reinterpret_cast<const UChar*>(text.data()), text.size(), &status);
  iterator_->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    throw EnvironmentError(std::string("ICU segmentation failed: ") + u_errorName(status));
  }
  int32_t begin = iterator_->first();
  for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE; begin = end, end = iterator_->next()) {
    out.push_back({begin, end, classify(text, begin, iterator_->getRuleStatus())});
  }
  // The iterator keeps a pointer to ut; give it an empty text before closing.
  iterator_->setText(icu::UnicodeString());
  utext_close(ut);
}

}  // namespace socialsoeg::analysis
