// The phone page, compiled into the binary (server/page/*, embedded at build
// time by embed_assets.cmake): no CDN, no external fonts or scripts.
#pragma once

#include <string_view>

namespace socialsoeg::server {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// The asset served at `path` ("/" is the page), or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace socialsoeg::server
