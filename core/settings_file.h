// The settings files' format (config/*.conf): `key = value` per line, '#'
// starts a comment, blank lines ignored. One reader, so that every settings
// file reports mistakes the same way (file:line).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace socialsoeg {

// Calls `set(key, value, where)` for each setting, `where` being "FILE:LINE: ".
// EnvironmentError when the file cannot be read; DataError for a line without '='.
void read_settings(const std::filesystem::path& file,
                   const std::function<void(const std::string& key, const std::string& value, const std::string& where)>& set);

}  // namespace socialsoeg
