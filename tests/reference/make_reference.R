#!/usr/bin/env Rscript
# Regenerates every tests/reference/<area>.json from the scripts in
# tests/reference/scripts/. Run from the repository root:
#
#     Rscript tests/reference/make_reference.R
#
# Needs R with metafor (3.8-1 was used) and metadat, e.g. Debian's
# r-cran-metafor and r-cran-metadat. Every script writes numbers with 17
# significant digits (byte-stable for the same R and metafor) and a "source"
# block with the versions and the exact calls. CI reads the committed JSON and
# does not need R.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
  library(jsonlite)
})

here <- "tests/reference"
source(file.path(here, "scripts", "common.R"))
for (script in sort(list.files(file.path(here, "scripts"), pattern = "\\.R$", full.names = TRUE))) {
  if (basename(script) == "common.R") next
  message("running ", script)
  source(script, local = new.env())
}
