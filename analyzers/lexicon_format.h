// On-disk format of the compiled lexicon (lemmas.bin), shared by the build
// tool that writes it and the Lexicon that memory-maps it.
//
//   Header | slots[slot_count] | entries | strings
//
// slots: an open-addressing hash table (linear probing, load <= 0.5) of
//   {key string offset, entry offset}; kEmpty marks a free slot.
// entries: per form, one byte of EntryFlags, one byte lemma count, a u16 of
//   WordClasses, then that many u32 string offsets (the lemmas, best first).
// Keys are the normalised forms, and kBeginPrefix + a form for the forms that
//   hunspell lets begin a compound ("+volds" -> vold, "+læge" -> læge,
//   "+børne" -> børn): their lemmas are the words they begin a compound as.
// strings: u8 length + bytes, UTF-8, normalised exactly as the analyzer
//   normalises words (normalizer.h), so a token's term is its key.
// All integers little-endian (the only byte order Debian's amd64/arm64 use).
#pragma once

#include <cstdint>
#include <string_view>

namespace socialsoeg::analysis::lexicon_format {

inline constexpr char kMagic[8] = {'S', 'S', 'L', 'E', 'X', 'v', '2', '\0'};
// A key that starts so is a compound-start form; no normalised word does.
inline constexpr char kBeginPrefix = '+';
inline constexpr uint32_t kEmpty = 0xFFFFFFFFu;

struct Header {
  char magic[8];
  uint32_t slot_count;    // a power of two
  uint32_t form_count;
  uint32_t slots_offset;  // byte offsets from the start of the file
  uint32_t entries_offset;
  uint32_t strings_offset;
  uint32_t file_size;
  char source[64];        // what it was built from, NUL-terminated
};

struct Slot {
  uint32_t key;    // string offset (relative to strings_offset)
  uint32_t entry;  // entry offset (relative to entries_offset)
};

enum EntryFlags : uint8_t {
  kProperNoun = 1,    // a name in the lexicon ("Rusland", "Aalborg"): never split
  kCompoundOnly = 2,  // a form hunspell allows only inside compounds
};

// What a form is as a headword: the word classes of the hunspell entries
// whose own word it is (from the comments of their affix classes), so
// "billede" is a neuter noun with plural -r and "lede" a verb and a common
// noun. Only kHeadword for uninflected entries (adverbs, particles, fixed
// participles: "næsten", "løbende"); zero for forms that are no headword.
enum WordClasses : uint16_t {
  kNoun = 1,
  kVerb = 2,
  kAdjective = 4,
  kCommonGender = 8,   // a noun of common gender ("en bil")
  kNeuterGender = 16,  // a noun of neuter gender ("et hus")
  kPluralE = 32,       // plural in -e ("huse", "ture")
  kPluralEr = 64,      // plural in -(e)r ("biler", "kulturer")
  kPluralZero = 128,   // plural unchanged ("tal", "år")
  kHeadword = 256,     // some entry's own word, whatever its classes (so 0 classes = uninflected)
  kPluralNone = 512,   // a noun without plural forms ("torso": "synlighed", "vold" as a mass noun)
};

// FNV-1a, 64 bit: simple, fast on short keys, and stable across builds.
inline uint64_t hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace socialsoeg::analysis::lexicon_format
