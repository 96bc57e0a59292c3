#include "core/installation.h"

namespace socialsoeg {

Installation Installation::built_in() {
  return {SOCIALSOEG_DEFAULT_DICTIONARIES, SOCIALSOEG_DEFAULT_LEXICON, SOCIALSOEG_DEFAULT_CONFIG, {}};
}

}  // namespace socialsoeg
