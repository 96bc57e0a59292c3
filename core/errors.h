// Typed errors shared by every library.
//
// Libraries throw one of four kinds, so that the command line can map each to
// an exit code (docs/contract.md §7, docs/access.md) without knowing where it
// came from:
//   UsageError       — the caller asked for something malformed (bad query,
//                      unknown option value): exit 1.
//   DataError        — input records or dictionary files are wrong: exit 2.
//   EnvironmentError — the world is not as required (database missing or
//                      locked, file unreadable): exit 3.
//   AccessDenied     — the user's role does not allow the action, or the
//                      user is unknown or not authenticated: exit 4.
#pragma once

#include <stdexcept>
#include <string>

namespace socialsoeg {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public Error {
 public:
  using Error::Error;
};

class DataError : public Error {
 public:
  using Error::Error;
};

class EnvironmentError : public Error {
 public:
  using Error::Error;
};

class AccessDenied : public Error {
 public:
  using Error::Error;
};

// Exit codes of contract §7, plus 4 for a denied action (docs/access.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitData = 2,
  kExitEnvironment = 3,
  kExitDenied = 4,
};

}  // namespace socialsoeg
