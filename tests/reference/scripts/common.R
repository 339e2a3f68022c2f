# Helpers shared by the reference scripts (sourced by make_reference.R).

#: Tight convergence for every iterative estimator, far below metafor's defaults,
#: so that reference values are exact to ~1e-10 and our tolerances (1e-6) test the
#: method, not the optimiser.
tight <- list(threshold = 1e-12, tol = 1e-13, maxiter = 10000, stepadj = 0.5)

# Numbers as JSON with 17 significant digits ("%.17g", which round-trips doubles
# exactly; jsonlite itself stops at 15); NA/NaN/Inf become null. num() keeps a
# length-1 value a scalar, vec() always writes an array.
.fmt <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
num <- function(x) {
  x <- unname(as.numeric(x))
  if (length(x) == 1) structure(.fmt(x), class = "json")
  else structure(paste0("[", paste(.fmt(x), collapse = ","), "]"), class = "json")
}
vec <- function(x) {
  x <- unname(as.numeric(x))
  structure(paste0("[", paste(.fmt(x), collapse = ","), "]"), class = "json")
}

source_block <- function(calls) {
  list(
    generator = "tests/reference/make_reference.R",
    r_version = R.version.string,
    metafor_version = as.character(packageVersion("metafor")),
    metadat_version = as.character(packageVersion("metadat")),
    calls = calls
  )
}

write_reference <- function(x, area) {
  path <- file.path("tests/reference", paste0(area, ".json"))
  writeLines(toJSON(x, auto_unbox = TRUE, json_verbatim = TRUE, na = "null", null = "null", pretty = TRUE), path)
  message("wrote ", path)
}
