// What the end-to-end tests of the program share: where the binary and the
// dev set are, and CPR numbers compared whatever their spelling.
#pragma once

#include <algorithm>
#include <string>

namespace socialsoeg::test {

inline const std::string kBin = SOCIALSOEG_BIN;
inline const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev/";

// DDMMYY-SSSS or DDMMYYSSSS -> the ten digits.
inline std::string digits(std::string cpr) {
  std::erase(cpr, '-');
  return cpr;
}

}  // namespace socialsoeg::test
