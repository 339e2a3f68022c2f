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
#
# Every scripts/<area>.R except common.R is run, in name order; a new area is
# registered by adding its script there (and a section in README.md). Areas:
# batch, bias, cli, effect_sizes, leren_door_schrijven (the example dossier
# dossiers/leren-door-schrijven on dat.bangertdrowns2004), mantel_haenszel,
# multilevel, pooling, synthesis (the example dossier dossiers/recidive-cgt).
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
