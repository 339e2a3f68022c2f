# Reference values for watwerkt.stats.effect_sizes: metafor's escalc() on
# published datasets (metadat), every measure, the continuity-correction
# variants on data with zero cells, and the conversions (t, F, p, OR <-> SMD).
# Sourced by make_reference.R (metafor, metadat, jsonlite and common.R loaded).

cases <- list()
calls <- character(0)

add_case <- function(id, dataset, measure, args, call, options = list()) {
  res <- suppressWarnings(do.call(escalc, c(list(measure = measure), args, options)))
  calls <<- c(calls, call)
  cases[[length(cases) + 1]] <<- list(
    id = id, dataset = dataset, measure = measure,
    options = options,
    args = lapply(args, vec),
    yi = vec(res$yi), vi = vec(res$vi)
  )
}

# --- means: dat.normand1999 (stroke care, Normand 1999) and dat.gibson2002 (has NAs)
nd <- dat.normand1999
two <- function(d) list(m1i = d$m1i, sd1i = d$sd1i, n1i = d$n1i, m2i = d$m2i, sd2i = d$sd2i, n2i = d$n2i)
for (m in c("MD", "SMD", "SMDH", "ROM")) {
  add_case(paste0("normand1999_", m), "dat.normand1999", m, two(nd),
           sprintf('escalc(measure="%s", m1i=m1i, sd1i=sd1i, n1i=n1i, m2i=m2i, sd2i=sd2i, n2i=n2i, data=dat.normand1999)', m))
}
add_case("normand1999_SMD_UB", "dat.normand1999", "SMD", two(nd),
         'escalc(measure="SMD", ..., data=dat.normand1999, vtype="UB")', list(vtype = "UB"))
add_case("normand1999_SMD_LS2", "dat.normand1999", "SMD", two(nd),
         'escalc(measure="SMD", ..., data=dat.normand1999, vtype="LS2")', list(vtype = "LS2"))
add_case("normand1999_MD_HO", "dat.normand1999", "MD", two(nd),
         'escalc(measure="MD", ..., data=dat.normand1999, vtype="HO")', list(vtype = "HO"))
add_case("normand1999_ROM_HO", "dat.normand1999", "ROM", two(nd),
         'escalc(measure="ROM", ..., data=dat.normand1999, vtype="HO")', list(vtype = "HO"))
gb <- dat.gibson2002
for (m in c("MD", "SMD", "SMDH", "ROM")) {
  add_case(paste0("gibson2002_", m), "dat.gibson2002", m, two(gb),
           sprintf('escalc(measure="%s", m1i=m1i, sd1i=sd1i, n1i=n1i, m2i=m2i, sd2i=sd2i, n2i=n2i, data=dat.gibson2002)', m))
}

# --- pre-post: the five training studies (Carlson & Schmidt, 1999) used by Morris
# (2008), treatment then control group, as typed on
# https://www.metafor-project.org/doku.php/analyses:morris2008 (metadat 1.2-0 ships
# no pre-post dataset).
morris <- data.frame(
  m_pre  = c(30.6, 23.5, 0.5, 53.4, 35.6, 23.1, 24.9, 0.6, 55.7, 34.8),
  m_post = c(38.5, 26.8, 0.7, 75.9, 36.0, 19.7, 25.3, 0.6, 60.7, 33.4),
  sd_pre = c(15.0, 3.1, 0.1, 14.5, 4.7, 13.8, 4.1, 0.2, 17.3, 3.1),
  sd_post = c(11.6, 4.1, 0.1, 4.4, 4.6, 14.8, 3.3, 0.2, 17.9, 6.9),
  ni = c(20, 50, 9, 10, 14, 20, 42, 9, 11, 14),
  ri = c(0.47, 0.64, 0.77, 0.89, 0.44, 0.47, 0.64, 0.77, 0.89, 0.44))
add_case("morris2008_SMCR", "Morris (2008), Table 1", "SMCR",
         list(m1i = morris$m_post, m2i = morris$m_pre, sd1i = morris$sd_pre, ni = morris$ni, ri = morris$ri),
         'escalc(measure="SMCR", m1i=m_post, m2i=m_pre, sd1i=sd_pre, ni=ni, ri=ri, data=morris)')
add_case("morris2008_SMCC", "Morris (2008), Table 1", "SMCC",
         list(m1i = morris$m_post, m2i = morris$m_pre, sd1i = morris$sd_post, sd2i = morris$sd_pre, ni = morris$ni, ri = morris$ri),
         'escalc(measure="SMCC", m1i=m_post, m2i=m_pre, sd1i=sd_post, sd2i=sd_pre, ni=ni, ri=ri, data=morris)')
add_case("morris2008_SMCR_LS2", "Morris (2008), Table 1", "SMCR",
         list(m1i = morris$m_post, m2i = morris$m_pre, sd1i = morris$sd_pre, ni = morris$ni, ri = morris$ri),
         'escalc(measure="SMCR", ..., data=morris, vtype="LS2")', list(vtype = "LS2"))

# --- 2x2 tables: dat.bcg (no zeros), dat.nielweise2007 (zeros, one double zero),
# dat.gibson2002 (NAs and a zero cell)
bcg <- list(ai = dat.bcg$tpos, bi = dat.bcg$tneg, ci = dat.bcg$cpos, di = dat.bcg$cneg)
for (m in c("OR", "RR", "RD", "PETO")) {
  add_case(paste0("bcg_", m), "dat.bcg", m, bcg,
           sprintf('escalc(measure="%s", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)', m))
}
add_case("bcg_RD_UB", "dat.bcg", "RD", bcg, 'escalc(measure="RD", ..., data=dat.bcg, vtype="UB")', list(vtype = "UB"))
nw <- list(ai = dat.nielweise2007$ai, n1i = dat.nielweise2007$n1i, ci = dat.nielweise2007$ci, n2i = dat.nielweise2007$n2i)
variants <- list(
  default = list(),
  all = list(to = "all"),
  if0all = list(to = "if0all"),
  none = list(to = "none"),
  drop00 = list(drop00 = TRUE),
  add025 = list(add = 0.25))
for (m in c("OR", "RR", "RD", "PETO")) {
  for (v in names(variants)) {
    add_case(paste0("nielweise2007_", m, "_", v), "dat.nielweise2007", m, nw,
             sprintf('escalc(measure="%s", ai=ai, n1i=n1i, ci=ci, n2i=n2i, data=dat.nielweise2007%s)', m,
                     paste0(sprintf(", %s=%s", names(variants[[v]]), sapply(variants[[v]], deparse)), collapse = "")),
             variants[[v]])
  }
}
gb2 <- list(ai = gb$ai, bi = gb$bi, ci = gb$ci, di = gb$di)
for (m in c("OR", "RR", "RD", "PETO")) {
  add_case(paste0("gibson2002_", m), "dat.gibson2002", m, gb2,
           sprintf('escalc(measure="%s", ai=ai, bi=bi, ci=ci, di=di, data=dat.gibson2002)', m))
}

# --- correlations: dat.molloy2014, dat.mcdaniel1994
for (m in c("COR", "ZCOR")) {
  add_case(paste0("molloy2014_", m), "dat.molloy2014", m, list(ri = dat.molloy2014$ri, ni = dat.molloy2014$ni),
           sprintf('escalc(measure="%s", ri=ri, ni=ni, data=dat.molloy2014)', m))
  add_case(paste0("mcdaniel1994_", m), "dat.mcdaniel1994", m, list(ri = dat.mcdaniel1994$ri, ni = dat.mcdaniel1994$ni),
           sprintf('escalc(measure="%s", ri=ri, ni=ni, data=dat.mcdaniel1994)', m))
}

# --- proportions: dat.pritz1997 (xi == ni in some studies), dat.debruin2009
for (m in c("PR", "PLO")) {
  add_case(paste0("pritz1997_", m), "dat.pritz1997", m, list(xi = dat.pritz1997$xi, ni = dat.pritz1997$ni),
           sprintf('escalc(measure="%s", xi=xi, ni=ni, data=dat.pritz1997)', m))
  add_case(paste0("debruin2009_", m), "dat.debruin2009", m, list(xi = dat.debruin2009$xi, ni = dat.debruin2009$ni),
           sprintf('escalc(measure="%s", xi=xi, ni=ni, data=dat.debruin2009)', m))
  add_case(paste0("pritz1997_", m, "_none"), "dat.pritz1997", m, list(xi = dat.pritz1997$xi, ni = dat.pritz1997$ni),
           sprintf('escalc(measure="%s", xi=xi, ni=ni, data=dat.pritz1997, to="none")', m), list(to = "none"))
}
add_case("pritz1997_PR_UB", "dat.pritz1997", "PR", list(xi = dat.pritz1997$xi, ni = dat.pritz1997$ni),
         'escalc(measure="PR", xi=xi, ni=ni, data=dat.pritz1997, vtype="UB")', list(vtype = "UB"))

# --- conversions
conv <- list()
# t, F and p of an independent-groups comparison -> Hedges' g (escalc SMD with ti=)
sdp <- with(nd, sqrt(((n1i - 1) * sd1i^2 + (n2i - 1) * sd2i^2) / (n1i + n2i - 2)))
ti <- with(nd, (m1i - m2i) / (sdp * sqrt(1 / n1i + 1 / n2i)))
pv <- 2 * pt(abs(ti), df = nd$n1i + nd$n2i - 2, lower.tail = FALSE)
direction <- sign(ti)
t_from_p <- direction * qt(pv / 2, df = nd$n1i + nd$n2i - 2, lower.tail = FALSE)
r_t <- escalc(measure = "SMD", ti = ti, n1i = nd$n1i, n2i = nd$n2i)
r_p <- escalc(measure = "SMD", ti = t_from_p, n1i = nd$n1i, n2i = nd$n2i)
conv$smd_from_t <- list(dataset = "dat.normand1999", ti = vec(ti), n1i = vec(nd$n1i), n2i = vec(nd$n2i),
                        yi = vec(r_t$yi), vi = vec(r_t$vi))
conv$smd_from_f <- list(dataset = "dat.normand1999", fi = vec(ti^2), direction = vec(direction),
                        n1i = vec(nd$n1i), n2i = vec(nd$n2i), yi = vec(r_t$yi), vi = vec(r_t$vi))
conv$smd_from_p <- list(dataset = "dat.normand1999", pi = vec(pv), direction = vec(direction),
                        n1i = vec(nd$n1i), n2i = vec(nd$n2i), yi = vec(r_p$yi), vi = vec(r_p$vi))
calls <- c(calls,
  'ti <- (m1i - m2i)/(sdp*sqrt(1/n1i + 1/n2i)); escalc(measure="SMD", ti=ti, n1i=n1i, n2i=n2i)  # dat.normand1999',
  'pi <- 2*pt(abs(ti), df=n1i+n2i-2, lower.tail=FALSE); escalc(measure="SMD", ti=sign(ti)*qt(pi/2, df=n1i+n2i-2, lower.tail=FALSE), n1i=n1i, n2i=n2i)')
# log odds ratio -> SMD, logit method (escalc measure "OR2DL")
or <- escalc(measure = "OR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
or2d <- escalc(measure = "OR2DL", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
conv$log_or_to_smd <- list(dataset = "dat.bcg", yi_in = vec(or$yi), vi_in = vec(or$vi),
                           yi = vec(or2d$yi), vi = vec(or2d$vi))
# Cohen's d -> log odds ratio, logit method (escalc measure "D2ORL")
di <- with(nd, (m1i - m2i) / sdp)
vd <- with(nd, 1 / n1i + 1 / n2i + di^2 / (2 * (n1i + n2i)))
d2or <- escalc(measure = "D2ORL", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = nd)
conv$smd_to_log_or <- list(dataset = "dat.normand1999", yi_in = vec(di), vi_in = vec(vd),
                           yi = vec(d2or$yi), vi = vec(d2or$vi))
calls <- c(calls,
  'escalc(measure="OR2DL", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)  # vs escalc(measure="OR", ...)',
  'escalc(measure="D2ORL", m1i=m1i, sd1i=sd1i, n1i=n1i, m2i=m2i, sd2i=sd2i, n2i=n2i, data=dat.normand1999)  # vs d=(m1i-m2i)/sdp, vd=1/n1i+1/n2i+d^2/(2*(n1i+n2i))')

write_reference(list(source = source_block(calls), cases = cases, conversions = conv), "effect_sizes")
