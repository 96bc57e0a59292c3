// Snowball's Danish stemmer (libstemmer), the fallback for words the lexicon
// does not know. Not thread-safe: one per thread (owned by a Workspace).
#pragma once

#include <string>

struct sb_stemmer;

namespace socialsoeg::analysis {

class SnowballStemmer {
 public:
  SnowballStemmer();
  ~SnowballStemmer();
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  // Stems `word` (normalised UTF-8) in place.
  void stem(std::string& word);

 private:
  sb_stemmer* stemmer_;
};

}  // namespace socialsoeg::analysis
