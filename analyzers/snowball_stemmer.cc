#include "analyzers/snowball_stemmer.h"

#include <libstemmer.h>

#include "core/errors.h"

namespace socialsoeg::analysis {

SnowballStemmer::SnowballStemmer() : stemmer_(sb_stemmer_new("danish", "UTF_8")) {
  if (stemmer_ == nullptr) throw EnvironmentError("libstemmer has no Danish UTF-8 stemmer");
}

SnowballStemmer::~SnowballStemmer() { sb_stemmer_delete(stemmer_); }

void SnowballStemmer::stem(std::string& word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (out == nullptr) throw EnvironmentError("libstemmer ran out of memory");
  word.assign(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace socialsoeg::analysis
