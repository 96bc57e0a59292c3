#include "analyzers/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "analyzers/lexicon_format.h"
#include "core/errors.h"

namespace socialsoeg::analysis {

namespace fmt = lexicon_format;

namespace {
const fmt::Header& header_of(const uint8_t* data) { return *reinterpret_cast<const fmt::Header*>(data); }
}  // namespace

std::shared_ptr<const Lexicon> Lexicon::open(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw EnvironmentError("cannot open lexicon " + file.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(fmt::Header))) {
    ::close(fd);
    throw EnvironmentError("lexicon " + file.string() + " is truncated");
  }
  void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) throw EnvironmentError("cannot map lexicon " + file.string());
  std::shared_ptr<Lexicon> lex(new Lexicon());
  lex->data_ = static_cast<const uint8_t*>(map);
  lex->size_ = static_cast<size_t>(st.st_size);
  const fmt::Header& h = header_of(lex->data_);
  if (std::memcmp(h.magic, fmt::kMagic, sizeof h.magic) != 0 || h.file_size != lex->size_ ||
      (h.slot_count & (h.slot_count - 1)) != 0 || h.slots_offset + uint64_t{h.slot_count} * sizeof(fmt::Slot) > h.file_size)
    throw EnvironmentError("lexicon " + file.string() + " is not a Socialsøg lexicon of this version; rebuild it");
  return lex;
}

Lexicon::~Lexicon() {
  if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
}

std::string_view Lexicon::string_at(uint32_t offset) const {
  const uint8_t* p = data_ + header_of(data_).strings_offset + offset;
  return {reinterpret_cast<const char*>(p + 1), p[0]};
}

Lexicon::Entry Lexicon::find(std::string_view form) const {
  const fmt::Header& h = header_of(data_);
  if (form.empty() || form.size() > 255) return {};
  const auto* slots = reinterpret_cast<const fmt::Slot*>(data_ + h.slots_offset);
  const uint32_t mask = h.slot_count - 1;
  for (uint32_t i = static_cast<uint32_t>(fmt::hash(form)) & mask;; i = (i + 1) & mask) {
    const fmt::Slot& s = slots[i];
    if (s.key == fmt::kEmpty) return {};
    if (string_at(s.key) == form) {
      const uint8_t* e = data_ + h.entries_offset + s.entry;
      Entry entry;
      entry.flags = e[0];
      entry.lemma_count = e[1];
      std::memcpy(&entry.classes, e + 2, sizeof entry.classes);
      entry.lemmas = reinterpret_cast<const uint32_t*>(e + 4);  // entries are 4-byte aligned
      return entry;
    }
  }
}

Lexicon::Entry Lexicon::find_begin(std::string_view form) const {
  if (form.empty() || form.size() > 254) return {};
  char key[256];
  key[0] = fmt::kBeginPrefix;
  std::memcpy(key + 1, form.data(), form.size());
  return find(std::string_view(key, form.size() + 1));
}

std::string_view Lexicon::lemma(const Entry& e, size_t i) const { return string_at(e.lemmas[i]); }

size_t Lexicon::form_count() const { return header_of(data_).form_count; }

std::string Lexicon::source() const { return header_of(data_).source; }

}  // namespace socialsoeg::analysis
