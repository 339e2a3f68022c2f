# Reference values for the `watwerkt meta` command on dat.bcg (Colditz et al., 1994,
# BCG vaccine trials; metadat). Also writes the CSV the CLI tests read.
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
csv <- data.frame(trial = dat$trial, author = dat$author, year = dat$year,
                  ai = dat$tpos, bi = dat$tneg, ci = dat$cpos, di = dat$cneg,
                  ablat = dat$ablat, alloc = dat$alloc,
                  yi = sprintf("%.17g", dat$yi), vi = sprintf("%.17g", dat$vi))
write.csv(csv, "tests/data/bcg.csv", row.names = FALSE, quote = TRUE)

fit <- function(res) list(estimate = num(res$beta), se = num(res$se), ci_lower = num(res$ci.lb),
                          ci_upper = num(res$ci.ub), tau2 = num(res$tau2), q = num(res$QE),
                          pvalue = num(res$pval))
reml <- rma(yi, vi, data = dat, method = "REML", control = tight)
dl_knha <- rma(yi, vi, data = dat, method = "DL", test = "knha")
mods <- rma(yi, vi, mods = ~ ablat, data = dat, method = "REML", control = tight)
by_alloc <- lapply(split(dat, dat$alloc), function(d) fit(rma(yi, vi, data = d, method = "REML", control = tight)))
write_reference(list(
  source = source_block(c(
    'dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)',
    'rma(yi, vi, data = dat, method = "REML", control = tight)',
    'rma(yi, vi, data = dat, method = "DL", test = "knha")',
    'rma(yi, vi, mods = ~ ablat, data = dat, method = "REML", control = tight)',
    'lapply(split(dat, dat$alloc), function(d) rma(yi, vi, data = d, method = "REML", control = tight))')),
  reml = fit(reml),
  dl_knha = fit(dl_knha),
  mods_ablat = list(estimate = vec(mods$beta), se = vec(mods$se), tau2 = num(mods$tau2),
                    qm = num(mods$QM), qe = num(mods$QE)),
  by_alloc = by_alloc
), "cli")
