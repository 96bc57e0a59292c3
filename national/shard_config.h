// Where each police district's reports database is (config/shards.conf):
// the settings format, one line per district, the district's slug as key.
//
//   timeout_ms = 2000                      # per remote operation and connect
//   bornholm = local /var/lib/socialsoeg/bornholm
//   fyn = tcp 127.0.0.1:7331               # xapian-tcpsrv on loopback, or the
//                                          # local end of a TLS tunnel
//
// A local entry names a database directory (as `--db` does); a tcp entry a
// xapian-tcpsrv, which must never listen on an open network address: bind it
// to loopback on its host and reach it through an authenticated tunnel.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "index/places.h"

namespace socialsoeg::national {

struct Shard {
  enum class Kind { kLocal, kTcp };
  std::string district;  // police district slug
  Kind kind = Kind::kLocal;
  std::filesystem::path path;  // kLocal: the database directory
  std::string host;            // kTcp
  unsigned port = 0;           // kTcp
  std::string where;           // "FILE:LINE: ", for messages

  // "bornholm (local /var/…)", "fyn (tcp 127.0.0.1:7331)": what messages name.
  std::string describe() const;
};

struct ShardConfig {
  std::vector<Shard> shards;  // in file order, one per district
  unsigned timeout_ms = 2000;

  // DataError (FILE:LINE, the field, why) for an unknown district, a district
  // named twice, a kind other than local/tcp, a bad host:port or timeout;
  // EnvironmentError when the file cannot be read. A relative local path is
  // read from the file's folder.
  static ShardConfig load(const std::filesystem::path& file, const index::Places& places);
};

}  // namespace socialsoeg::national
