#!/usr/bin/env bash
# Installs what building and running Galley needs on Debian or Ubuntu: a C
# compiler and the OpenGL/X11/Wayland headers Fyne builds against, a CJK
# font so Chinese has glyphs, and a CJK TrueType font a PDF writer can embed
# (Droid Sans Fallback: internal/pdftest sets the test PDFs in it; Noto CJK
# comes only as .ttc/CFF, which fpdf cannot embed). With GALLEY_WITH_TESTS=1
# (scripts/test.sh sets it) also Python 3 for the scoring script,
# LibreOffice's writer and poppler's pdftotext, so a test can check that a
# real word processor renders our DOCX files as intended and read back the
# test PDFs, Xvfb with ImageMagick for screenshots, and PostgreSQL's server
# programs: the storage tests start a throwaway server of their own (Debian
# puts them in /usr/lib/postgresql/VERSION/bin; the tests look there).
# Each package is installed only when missing, so a second run is quick.
set -euo pipefail

packages=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev fonts-noto-cjk fonts-droid-fallback)
if [[ "${GALLEY_WITH_TESTS:-0}" == 1 ]]; then
	packages+=(python3 libreoffice-writer-nogui poppler-utils xvfb xauth imagemagick postgresql)
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	echo "installing: ${missing[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
	export PATH=$PATH:/usr/local/go/bin
fi
command -v go >/dev/null 2>&1 || { echo "Go 1.26 or newer is needed: https://go.dev/dl/" >&2; exit 1; }
