#!/usr/bin/env bash
# Installs every Debian 12 package Socialsøg needs to build, test and run.
# Run as root on a fresh machine; both README commands and .ci/run call it.
# Safe to re-run: apt skips what is already installed.
set -euo pipefail

packages=(
  # toolchain; Clang for the sanitizer pass and libFuzzer (libclang-rt-14-dev)
  build-essential cmake pkg-config git ca-certificates clang libclang-rt-14-dev
  # search engine and its command-line tools (xapian-check, xapian-delve)
  libxapian-dev xapian-tools
  # Danish text analysis: ICU segmentation and normalisation, Snowball stemmer,
  # the Danish hunspell lexicon, Snowball's word lists, and a stopword list
  libicu-dev libstemmer-dev hunspell-da hunspell snowball-data liblingua-stopwords-perl
  # program plumbing
  libcli11-dev libspdlog-dev nlohmann-json3-dev
  # hashing (the analyzer's identity, the audit log's chain): libsodium
  libsodium-dev
  # allocator: Xapian's indexer allocates per term; jemalloc is 14% faster
  # than glibc's malloc for it with two writer threads (bench/index.sh)
  libjemalloc-dev
  # tests, and the benchmarks' peers: Lucene++ (needs Boost's headers) and GNU time
  catch2 liblucene++-dev libboost-dev time
  # scripts that need Debian's Python modules run under /usr/bin/python3
  python3 python3-xapian
  # the SQLite shell bench/family_screen.sh runs the screening query in, beside ours
  sqlite3
  # the web service: Boost.Beast (libboost-dev, above) over OpenSSL for TLS;
  # the tests talk to it with curl and make a test certificate with openssl
  libssl-dev openssl curl
  # the browser test: headless Chromium driven by Selenium (run with /usr/bin/python3)
  chromium chromium-driver python3-selenium
  # the service benchmark's load generator
  wrk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#packages[@]} packages already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: missing ${missing[*]}; run as root to install them with apt-get" >&2
  exit 3
fi
echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
