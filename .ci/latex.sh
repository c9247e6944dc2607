#!/usr/bin/env bash
# Installs a minimal TeX Live (pdflatex + booktabs, ~10 MB download) for the paper table test
# (analysis PaperExportsTest) and poppler-utils (pdfinfo) for the PDF figures, when missing.
set -euo pipefail
if command -v pdflatex >/dev/null 2>&1 && kpsewhich booktabs.sty >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ci: pdflatex/booktabs/pdfinfo are missing and cannot be installed here (needs root and apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends texlive-latex-base texlive-latex-recommended poppler-utils >/dev/null
pdflatex --version | head -1
