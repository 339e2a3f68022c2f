# Reference values for watwerkt.stats.mantel_haenszel / peto: metafor's rma.mh()
# (OR, RR, RD) and rma.peto() on 2x2 datasets from metadat: dat.bcg (no zero
# cells), dat.nielweise2007 (zero cells and one double-zero study), dat.hine1989
# (small trials) and dat.gibson2002 (tables with missing cells: omitted).
# Sourced by make_reference.R (metafor, metadat, jsonlite and common.R loaded).

cases <- list()
calls <- character(0)

fit_case <- function(id, dataset, fun, tab, call, options = list()) {
  res <- suppressWarnings(do.call(fun, c(tab, options)))
  calls <<- c(calls, call)
  out <- list(
    id = id, dataset = dataset, method = if (identical(fun, rma.peto)) "PETO" else "MH",
    measure = if (identical(fun, rma.peto)) "PETO" else options$measure,
    options = options, args = lapply(tab, vec),
    k = num(res$k), k_yi = num(res$k.yi), k_all = num(res$k.all),
    estimate = num(res$beta), se = num(res$se), zval = num(res$zval), pval = num(res$pval),
    ci_lb = num(res$ci.lb), ci_ub = num(res$ci.ub),
    QE = num(res$QE), QEp = num(res$QEp), I2 = num(res$I2), H2 = num(res$H2))
  if (!identical(fun, rma.peto) && options$measure == "OR") {
    out$MH <- num(res$MH); out$MHp <- num(res$MHp)
    out$TA <- num(res$TA); out$TAp <- num(res$TAp); out$k_pos <- num(res$k.pos)
  }
  cases[[length(cases) + 1]] <<- out
}

tabs <- list(
  "dat.bcg" = with(dat.bcg, list(ai = tpos, bi = tneg, ci = cpos, di = cneg)),
  "dat.nielweise2007" = with(dat.nielweise2007, list(ai = ai, bi = n1i - ai, ci = ci, di = n2i - ci)),
  "dat.hine1989" = with(dat.hine1989, list(ai = ai, bi = n1i - ai, ci = ci, di = n2i - ci)),
  "dat.gibson2002" = with(dat.gibson2002, list(ai = ai, bi = bi, ci = ci, di = di)))
for (ds in names(tabs)) {
  short <- sub("dat.", "", ds, fixed = TRUE)
  for (m in c("OR", "RR", "RD")) {
    fit_case(paste0(short, "_MH_", m), ds, rma.mh, tabs[[ds]],
             sprintf('rma.mh(ai=ai, bi=bi, ci=ci, di=di, measure="%s")  # %s', m, ds), list(measure = m))
  }
  fit_case(paste0(short, "_PETO"), ds, rma.peto, tabs[[ds]],
           sprintf("rma.peto(ai=ai, bi=bi, ci=ci, di=di)  # %s", ds))
}
# the studies of dat.nielweise2007 without events in the treatment arm: the MH
# odds and risk ratios are not estimable (NA), Peto's method still is
zero <- with(subset(dat.nielweise2007, ai == 0), list(ai = ai, bi = n1i - ai, ci = ci, di = n2i - ci))
for (m in c("OR", "RR", "RD")) {
  fit_case(paste0("nielweise2007zero_MH_", m), "dat.nielweise2007 (ai == 0)", rma.mh, zero,
           sprintf('rma.mh(ai=ai, n1i=n1i, ci=ci, n2i=n2i, data=dat.nielweise2007, subset=ai==0, measure="%s")', m),
           list(measure = m))
}
fit_case("nielweise2007zero_PETO", "dat.nielweise2007 (ai == 0)", rma.peto, zero,
         "rma.peto(ai=ai, n1i=n1i, ci=ci, n2i=n2i, data=dat.nielweise2007, subset=ai==0)")
fit_case("bcg_MH_OR_level90", "dat.bcg", rma.mh, tabs[["dat.bcg"]],
         'rma.mh(ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg, measure="OR", level=90)',
         list(measure = "OR", level = 90))
fit_case("nielweise2007_MH_OR_nocorrect", "dat.nielweise2007", rma.mh, tabs[["dat.nielweise2007"]],
         'rma.mh(ai=ai, n1i=n1i, ci=ci, n2i=n2i, data=dat.nielweise2007, measure="OR", correct=FALSE)',
         list(measure = "OR", correct = FALSE))
fit_case("nielweise2007_PETO_level90", "dat.nielweise2007", rma.peto, tabs[["dat.nielweise2007"]],
         "rma.peto(ai=ai, n1i=n1i, ci=ci, n2i=n2i, data=dat.nielweise2007, level=90)",
         list(level = 90))

write_reference(list(source = source_block(calls), cases = cases), "mantel_haenszel")
