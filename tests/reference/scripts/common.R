# Helpers shared by the reference scripts (sourced by make_reference.R).

#: Tight convergence for every iterative estimator, far below metafor's defaults,
#: so that reference values are exact to ~1e-10 and our tolerances (1e-6) test the
#: method, not the optimiser.
tight <- list(threshold = 1e-12, tol = 1e-13, maxiter = 10000, stepadj = 0.5)

# NA/NaN/Inf as JSON null; numbers with 17 significant digits.
num <- function(x) {
  x <- unname(as.numeric(x))
  lapply(x, function(v) if (is.na(v) || !is.finite(v)) NULL else v)
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
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE), path)
  message("wrote ", path)
}
