// Per-thread scratch state for analysis: the ICU break iterator, the Snowball
// stemmer and reusable buffers. An Analyzer is immutable and shared between
// threads; each thread that analyses brings its own Workspace.
#pragma once

#include <vector>

#include "analyzers/segmenter.h"
#include "analyzers/snowball_stemmer.h"
#include "analyzers/utf16_text.h"

namespace socialsoeg::analysis {

struct Workspace {
  WordSegmenter segmenter;
  SnowballStemmer stemmer;
  Utf16Text text;
  std::vector<Segment> segments;
};

}  // namespace socialsoeg::analysis
