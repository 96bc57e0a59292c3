// The Danish full-form lexicon: normalised word form -> lemma(s), compiled at
// build time from Debian's hunspell-da (tools/build_lexicon.cc) and
// memory-mapped here, so opening costs no parsing and many processes share
// one copy in the page cache. Immutable and thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::analysis {

class Lexicon {
 public:
  // Throws EnvironmentError when the file is missing or not a lexicon.
  static std::shared_ptr<const Lexicon> open(const std::filesystem::path& file);
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  struct Entry {
    uint8_t flags = 0;
    uint8_t lemma_count = 0;
    uint16_t classes = 0;  // lexicon_format::WordClasses of the form as a headword
    const uint32_t* lemmas = nullptr;  // string offsets; use lemma(i)
    explicit operator bool() const { return lemma_count != 0; }
  };

  // The entry of a normalised form; false when the lexicon does not know it.
  Entry find(std::string_view form) const;
  // The lemmas a form has as the first part of a compound, where hunspell
  // lets it begin one ("volds" -> vold, "læge" -> læge; "læg" is no start
  // of "lægehjælp"); false when it may not.
  Entry find_begin(std::string_view form) const;
  std::string_view lemma(const Entry& e, size_t i) const;

  size_t form_count() const;
  size_t bytes() const { return size_; }
  std::string source() const;

 private:
  Lexicon() = default;
  std::string_view string_at(uint32_t offset) const;

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace socialsoeg::analysis
