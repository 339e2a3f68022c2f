# Reference values for watwerkt.stats.batch.meta_analysis_batch (tests/reference/batch.json).
#
# Real published datasets (metadat), split into groups the way a dossier splits its
# evidence into cells; every group is fitted on its own with rma() for every method
# and test, with tight convergence. The data (yi, vi, group keys) are written too,
# so the Python tests need neither R nor metadat.
#
# Sourced by make_reference.R (which loads metafor, metadat, jsonlite and common.R).

methods <- c("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
tests <- c("z", "knha")

# ---- the grouped data ------------------------------------------------------
calls <- list()
lab <- function(d, ...) d

kon <- dat.konstantopoulos2011
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bd <- dat.bangertdrowns2004
lan <- escalc(measure = "OR", ai = n.ctrl.rec, bi = n.ctrl.non, ci = n.cbt.rec, di = n.cbt.non,
              data = dat.landenberger2005)
mol <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)
nor <- escalc(measure = "MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
              n2i = n2i, data = dat.normand1999)
col <- escalc(measure = "OR", ai = pre.xti, n1i = pre.nti, ci = pre.xci, n2i = pre.nci,
              data = dat.collins1985b)
pri <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997)
rau <- dat.raudenbush1985
hac <- dat.hackshaw1998
calls$data <- c(
  'kon <- dat.konstantopoulos2011',
  'bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)',
  'bd <- dat.bangertdrowns2004',
  'lan <- escalc(measure = "OR", ai = n.ctrl.rec, bi = n.ctrl.non, ci = n.cbt.rec, di = n.cbt.non, data = dat.landenberger2005)',
  'mol <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)',
  'nor <- escalc(measure = "MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat.normand1999)',
  'col <- escalc(measure = "OR", ai = pre.xti, n1i = pre.nti, ci = pre.xci, n2i = pre.nci, data = dat.collins1985b)',
  'pri <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997)',
  'rau <- dat.raudenbush1985',
  'hac <- dat.hackshaw1998'
)

# One "dossier": every dataset is a cell (source, part); plus a one-study cell and a
# two-study cell, keyed by two columns.
cell <- function(src, part, d) data.frame(source = src, part = part, yi = as.numeric(d$yi), vi = as.numeric(d$vi))
dossier <- rbind(
  cell("raudenbush1985", "all", rau),
  cell("landenberger2005", "all", lan),
  cell("bcg", "first", bcg[1, ]),
  cell("molloy2014", "all", mol),
  cell("normand1999", "all", nor),
  cell("normand1999", "pair", nor[1:2, ]),
  cell("hackshaw1998", "all", hac),
  cell("collins1985b", "all", col),
  cell("pritz1997", "all", pri)
)
calls$dossier <- 'rbind of (source, part, yi, vi) cells: every dataset whole ("all"), bcg[1, ] ("first"), nor[1:2, ] ("pair")'

grouped <- list(
  konstantopoulos2011_district = list(
    data = data.frame(district = kon$district, yi = kon$yi, vi = kon$vi), by = "district"),
  bcg_alloc = list(data = data.frame(alloc = bcg$alloc, yi = as.numeric(bcg$yi), vi = as.numeric(bcg$vi)),
                   by = "alloc"),
  bangertdrowns2004_grade = list(data = data.frame(grade = bd$grade, yi = bd$yi, vi = bd$vi), by = "grade"),
  dossier = list(data = dossier, by = c("source", "part"))
)

# ---- fits -------------------------------------------------------------------
fit_group <- function(yi, vi, method, test) {
  k <- length(yi)
  if (k == 1L) test <- "z"  # rma() itself switches to "z" for k = 1 (with a warning)
  res <- rma(yi, vi, method = method, test = test, control = tight)
  pred <- predict(res)
  out <- list(
    k = res$k, estimate = c(res$beta), se = res$se, statistic = res$zval, pvalue = res$pval,
    ci_lower = res$ci.lb, ci_upper = res$ci.ub, pi_lower = pred$pi.lb, pi_upper = pred$pi.ub,
    tau2 = res$tau2, tau2_se = if (is.null(res$se.tau2)) NA else res$se.tau2,
    i2 = res$I2, h2 = res$H2, q = res$QE, q_pvalue = res$QEp,
    tau2_ci_lower = NA, tau2_ci_upper = NA, i2_ci_lower = NA, i2_ci_upper = NA,
    h2_ci_lower = NA, h2_ci_upper = NA
  )
  if (method != "FE" && k > 1) {
    ci <- confint(res, type = "QP", control = list(tol = 1e-13, maxiter = 10000))$random
    out$tau2_ci_lower <- ci["tau^2", "ci.lb"]
    out$tau2_ci_upper <- ci["tau^2", "ci.ub"]
    out$i2_ci_lower <- ci["I^2(%)", "ci.lb"]
    out$i2_ci_upper <- ci["I^2(%)", "ci.ub"]
    out$h2_ci_lower <- ci["H^2", "ci.lb"]
    out$h2_ci_upper <- ci["H^2", "ci.ub"]
  }
  out
}
calls$fit <- c(
  'for every group g (rows of the group, in their order): res <- rma(yi, vi, method = method, test = test, control = tight) (test = "z" when k = 1)',
  'pred <- predict(res)',
  'confint(res, type = "QP", control = list(tol = 1e-13, maxiter = 10000))$random (not for FE or k = 1)'
)

outputs <- c("k", "estimate", "se", "statistic", "pvalue", "ci_lower", "ci_upper", "pi_lower",
             "pi_upper", "tau2", "tau2_se", "i2", "h2", "q", "q_pvalue", "tau2_ci_lower",
             "tau2_ci_upper", "i2_ci_lower", "i2_ci_upper", "h2_ci_lower", "h2_ci_upper")

scalar <- function(x) if (is.null(x) || length(x) == 0) NA_real_ else as.numeric(x)[1]

datasets <- list()
for (name in names(grouped)) {
  g <- grouped[[name]]
  d <- g$data
  key <- do.call(paste, c(d[g$by], sep = "\r"))
  groups <- unique(key)  # order of first appearance
  fits <- list()
  for (method in methods) for (test in tests) {
    per <- lapply(groups, function(gk) {
      rows <- key == gk
      fit_group(d$yi[rows], d$vi[rows], method, test)
    })
    fits[[paste(method, test, sep = "_")]] <- lapply(setNames(outputs, outputs), function(o)
      vec(vapply(per, function(p) scalar(p[[o]]), numeric(1))))
  }
  first <- match(groups, key)
  datasets[[name]] <- list(
    by = g$by,
    data = c(lapply(setNames(g$by, g$by), function(b) d[[b]]), list(yi = vec(d$yi), vi = vec(d$vi))),
    groups = lapply(setNames(g$by, g$by), function(b) d[[b]][first]),
    fits = fits
  )
}

write_reference(list(
  source = source_block(calls),
  methods = methods,
  tests = tests,
  outputs = outputs,
  datasets = datasets
), "batch")
