#!/usr/bin/env bash
# Builds a self-contained tagcli for Linux x86_64 machines that have no Swift toolchain
# (Spark executors, servers): dist/tagcli/tagcli with the Swift runtime and Foundation linked in
# statically (--static-swift-stdlib), and the C libraries it loads (OpenBLAS, libgfortran,
# libxml2, ICU, ...) copied into dist/tagcli/lib, found through RPATH $ORIGIN/lib. Only glibc
# (2.36 or newer, as on Debian 12) is taken from the target machine.
#   bash Scripts/build-release.sh            # -> dist/tagcli/
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
swift build -c release --product tagcli --static-swift-stdlib \
  -Xlinker -rpath -Xlinker '$ORIGIN/lib'
binary=$(swift build -c release --product tagcli --show-bin-path)/tagcli
rm -rf dist/tagcli.partial
mkdir -p dist/tagcli.partial/lib
cp "$binary" dist/tagcli.partial/tagcli
# Every shared library outside glibc itself goes beside the binary.
ldd "$binary" | awk '/=> \// { print $3 }' | while read -r library; do
  case "$(basename "$library")" in
    libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|ld-linux*|libresolv.so.*|libutil.so.*) ;;
    *) cp -L "$library" dist/tagcli.partial/lib/ ;;
  esac
done
cp models/en_ewt-upos.tagger dist/tagcli.partial/
rm -rf dist/tagcli
mv dist/tagcli.partial dist/tagcli
dist/tagcli/tagcli --help >/dev/null
echo "built dist/tagcli ($(du -sh dist/tagcli | cut -f1)):"
ls dist/tagcli dist/tagcli/lib
