# Reference values for watwerkt.stats.bias, .sensitivity and .influence:
# regtest(), ranktest(), trimfill(), fsn(), leave1out(), influence(),
# rstandard(), rstudent() and dfbetas() of metafor, on five metadat datasets
# x four tau2 estimators. Writes tests/reference/bias.json.
#
# Run from the repository root (make_reference.R does this for every script):
#   Rscript -e 'suppressPackageStartupMessages({library(metafor);library(metadat);library(jsonlite)}); source("tests/reference/scripts/common.R"); source("tests/reference/scripts/bias.R")'

# ------------------------------------------------------------------ datasets
# Each entry: the exact escalc()/column call that gives yi, vi (and ni, the total
# sample size, where the data have one; used by the sample-size predictors of
# regtest()).
dataset_calls <- list(
  bcg = 'dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg); dat$ni <- with(dat.bcg, tpos + tneg + cpos + cneg)',
  hackshaw1998 = 'dat <- dat.hackshaw1998; dat$ni <- NA',
  molloy2014 = 'dat <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)',
  raudenbush1985 = 'dat <- dat.raudenbush1985; dat$ni <- with(dat.raudenbush1985, n1i + n2i)',
  landenberger2005 = 'dat <- escalc(measure = "OR", ai = n.cbt.non, bi = n.cbt.rec, ci = n.ctrl.non, di = n.ctrl.rec, data = dat.landenberger2005); dat$ni <- with(dat.landenberger2005, n.cbt.non + n.cbt.rec + n.ctrl.non + n.ctrl.rec)'
)
methods <- c("FE", "DL", "REML", "PM")
# regtest() variants beyond the default (model = "rma", predictor = "sei"),
# fitted with method = "REML"; the sample-size predictors only where ni exists.
egger_variants <- list(
  list(model = "rma", predictor = "vi"),
  list(model = "rma", predictor = "ni"),
  list(model = "rma", predictor = "ninv"),
  list(model = "rma", predictor = "sqrtni"),
  list(model = "rma", predictor = "sqrtninv"),
  list(model = "lm", predictor = "sei"),
  list(model = "lm", predictor = "vi")
)
trimfill_estimators <- c("L0", "R0", "Q0")

fit_call <- 'res <- rma(yi, vi, ni = ni, data = dat, method = method, test = test, control = tight)'
calls <- list(
  datasets = dataset_calls,
  fit = fit_call,
  methods = methods,
  egger = 'regtest(res)  # for every method and test in {"z", "knha"}',
  egger_variants = 'regtest(res, model = model, predictor = predictor)  # method = "REML", test = "z"; see egger_variants',
  ranktest = c('ranktest(res)', 'ranktest(res, exact = FALSE)'),
  trimfill = 'trimfill(res, estimator = estimator, control = tight)  # estimator in {"L0", "R0", "Q0"}; test = "z"',
  trimfill_side = 'trimfill(res, side = "left" / "right", control = tight)  # method = "REML"',
  fsn = c('fsn(yi, vi, data = dat)',
          'fsn(yi, vi, data = dat, type = "Orwin")', 'fsn(yi, vi, data = dat, type = "Orwin", weighted = TRUE)',
          'fsn(yi, vi, data = dat, type = "Orwin", target = target)  # target = 0.1 * sign(mean(yi))',
          'fsn(yi, vi, data = dat, type = "Rosenberg")', 'fsn(yi, vi, data = dat, alpha = 0.01)'),
  leave1out = c('leave1out(res)  # for every method and test in {"z", "knha"}',
                'r <- rma(yi, vi, data = dat, method = method, test = test, control = tight, subset = -i)  # per omitted study i',
                'predict(r)  # pi.lb, pi.ub (FE: ci.lb, ci.ub)', 'r$se.tau2', 'confint(r, control = tight)  # not for FE'),
  influence = c('influence(res)  # for every method and test in {"z", "knha"}', 'rstandard(res)', 'rstudent(res)', 'dfbetas(res)'),
  trimfill_errors = c('dat <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997)',
                      'trimfill(rma(yi, vi, data = dat, method = "FE"), estimator = "Q0")  # error'),
  influence_moderators = c('res <- rma(yi, vi, mods = ~ ablat, data = dat, method = method, control = tight)  # bcg only',
                           'influence(res)', 'rstandard(res)', 'rstudent(res)', 'dfbetas(res)')
)

num_or_null <- function(x) if (is.null(x)) NULL else num(x)

# -------------------------------------------------------------------- output
out <- list(source = source_block(calls), methods = methods, datasets = list(),
            egger = list(), egger_variants = list(), ranktest = list(), trimfill = list(),
            trimfill_side = list(), trimfill_errors = list(), fsn = list(), leave1out = list(), influence = list(),
            influence_moderators = list())

for (name in names(dataset_calls)) {
  eval(parse(text = dataset_calls[[name]]))
  yi <- as.numeric(dat$yi)
  vi <- as.numeric(dat$vi)
  ni <- as.numeric(dat$ni)
  has_ni <- all(!is.na(ni))
  if (!has_ni) dat$ni <- NULL
  out$datasets[[name]] <- list(yi = vec(yi), vi = vec(vi), ni = if (has_ni) vec(ni) else NULL)

  fit <- function(method, test = "z") {
    if (has_ni) rma(yi, vi, ni = ni, data = dat, method = method, test = test, control = tight)
    else rma(yi, vi, data = dat, method = method, test = test, control = tight)
  }

  # ---- rank correlation test (independent of the tau2 estimator)
  res <- fit("REML")
  rk <- suppressWarnings(ranktest(res))  # warns "Cannot compute exact p-value with ties"
  rk_ties <- anyDuplicated(vi) > 0
  rk_approx <- ranktest(res, exact = FALSE)
  out$ranktest[[name]] <- list(tau = num(rk$tau), pvalue = num(rk$pval), ties = rk_ties,
                               pvalue_normal = num(rk_approx$pval))

  # ---- fail-safe N (independent of the tau2 estimator)
  target <- 0.1 * sign(mean(yi))
  f_ros <- fsn(yi, vi, data = dat)
  f_orw <- fsn(yi, vi, data = dat, type = "Orwin")
  f_orww <- fsn(yi, vi, data = dat, type = "Orwin", weighted = TRUE)
  f_orwt <- fsn(yi, vi, data = dat, type = "Orwin", target = target)
  f_rsb <- fsn(yi, vi, data = dat, type = "Rosenberg")
  f_a01 <- fsn(yi, vi, data = dat, alpha = 0.01)
  fs <- function(f) list(n = num(f$fsnum), pvalue = num(f$pval), mean_effect = num(f$meanes),
                         target = num(f$target), alpha = num(f$alpha))
  out$fsn[[name]] <- list(Rosenthal = fs(f_ros), Orwin = fs(f_orw),
                          Orwin_weighted = fs(f_orww), Orwin_target = fs(f_orwt),
                          Rosenberg = fs(f_rsb), Rosenthal_alpha01 = fs(f_a01))

  eg <- list(); tf <- list(); l1 <- list(); inf <- list()
  for (method in methods) {
    for (test in c("z", "knha")) {
      if (method == "FE" && test == "knha") next
      key <- if (test == "z") method else paste0(method, "_knha")
      res <- fit(method, test)

      # ---- Egger's regression test
      rt <- regtest(res)
      eg[[key]] <- list(statistic = num(rt$zval), pvalue = num(rt$pval), df = num(rt$ddf),
                        limit_estimate = num(rt$est), limit_ci_lower = num(rt$ci.lb),
                        limit_ci_upper = num(rt$ci.ub),
                        slope = num(coef(rt$fit)[2]), slope_se = num(rt$fit$se[2]),
                        tau2 = num(rt$fit$tau2))

      # ---- leave-one-out
      lo <- leave1out(res)
      k <- res$k
      # per refit: prediction interval (FE: metafor gives none; the CI, as MetaResult),
      # se of tau2 and the Q-profile CIs of tau2, I2, H2 (not for FE)
      extra <- matrix(NA_real_, nrow = k, ncol = 9,
                      dimnames = list(NULL, c("pi_lower", "pi_upper", "tau2_se", "tau2_ci_lower", "tau2_ci_upper",
                                              "i2_ci_lower", "i2_ci_upper", "h2_ci_lower", "h2_ci_upper")))
      for (i in seq_len(k)) {
        r <- rma(yi, vi, data = dat, method = method, test = test, control = tight, subset = -i)
        p <- predict(r)
        extra[i, 1:2] <- if (is.null(p$pi.lb)) c(p$ci.lb, p$ci.ub) else c(p$pi.lb, p$pi.ub)
        if (method != "FE") {
          ci <- confint(r, control = tight)$random
          extra[i, 3:9] <- c(r$se.tau2, ci["tau^2", "ci.lb"], ci["tau^2", "ci.ub"], ci["I^2(%)", "ci.lb"],
                             ci["I^2(%)", "ci.ub"], ci["H^2", "ci.lb"], ci["H^2", "ci.ub"])
        }
      }
      l1[[key]] <- list(estimate = vec(lo$estimate), se = vec(lo$se),
                        statistic = vec(if (test == "z") lo$zval else lo$tval), pvalue = vec(lo$pval),
                        ci_lower = vec(lo$ci.lb), ci_upper = vec(lo$ci.ub), q = vec(lo$Q),
                        q_pvalue = vec(lo$Qp), tau2 = vec(if (is.null(lo$tau2)) rep(0, k) else lo$tau2),
                        i2 = vec(lo$I2), h2 = vec(lo$H2))
      for (col in colnames(extra)) l1[[key]][[col]] <- vec(extra[, col])

      # ---- influence diagnostics
      ifl <- influence(res)
      rs <- rstandard(res)
      ru <- rstudent(res)
      db <- dfbetas(res)
      inf[[key]] <- list(rstudent = vec(ifl$inf$rstudent), dffits = vec(ifl$inf$dffits),
                         cook_d = vec(ifl$inf$cook.d), cov_r = vec(ifl$inf$cov.r),
                         tau2_del = vec(ifl$inf$tau2.del), qe_del = vec(ifl$inf$QE.del),
                         hat = vec(ifl$inf$hat), weight = vec(ifl$inf$weight),
                         dfbetas = vec(db$intrcpt), influential = as.logical(ifl$is.infl),
                         rstudent_resid = vec(ru$resid), rstudent_se = vec(ru$se),
                         rstandard_resid = vec(rs$resid), rstandard_se = vec(rs$se),
                         rstandard_z = vec(rs$z))
    }

    # ---- trim and fill (metafor's refit uses the default test = "z")
    res <- fit(method)
    tfm <- list()
    for (estimator in trimfill_estimators) {
      t <- trimfill(res, estimator = estimator, control = tight)
      tfm[[estimator]] <- list(k0 = num(t$k0), se_k0 = num(t$se.k0), side = t$side,
                               p_k0 = num(t$p.k0), estimate = num(t$beta), se = num(t$se),
                               statistic = num(t$zval), pvalue = num(t$pval),
                               ci_lower = num(t$ci.lb), ci_upper = num(t$ci.ub), tau2 = num(t$tau2),
                               yi = vec(t$yi), vi = vec(t$vi), fill = as.logical(t$fill))
    }
    tf[[method]] <- tfm
  }
  out$egger[[name]] <- eg
  out$trimfill[[name]] <- tf
  out$leave1out[[name]] <- l1
  out$influence[[name]] <- inf

  # ---- Egger variants (REML, test = "z")
  res <- fit("REML")
  ev <- list()
  for (v in egger_variants) {
    if (v$predictor %in% c("ni", "ninv", "sqrtni", "sqrtninv") && !has_ni) next
    rt <- regtest(res, model = v$model, predictor = v$predictor)
    ev[[paste(v$model, v$predictor, sep = "_")]] <- list(
      model = v$model, predictor = v$predictor,
      statistic = num(rt$zval), pvalue = num(rt$pval), df = num(rt$ddf),
      limit_estimate = num_or_null(rt$est), limit_ci_lower = num_or_null(rt$ci.lb),
      limit_ci_upper = num_or_null(rt$ci.ub))
  }
  out$egger_variants[[name]] <- ev

  # ---- trim and fill with the side given (REML, L0)
  out$trimfill_side[[name]] <- lapply(c(left = "left", right = "right"), function(side) {
    t <- trimfill(res, side = side, control = tight)
    list(k0 = num(t$k0), se_k0 = num(t$se.k0), side = t$side, estimate = num(t$beta),
         se = num(t$se), ci_lower = num(t$ci.lb), ci_upper = num(t$ci.ub), tau2 = num(t$tau2))
  })
}

# ---- influence in a meta-regression (bcg, absolute latitude)
eval(parse(text = dataset_calls[["bcg"]]))
out$influence_moderators$bcg <- list(ablat = vec(dat$ablat))
for (method in methods) {
  res <- rma(yi, vi, mods = ~ ablat, data = dat, method = method, control = tight)
  ifl <- influence(res)
  rs <- rstandard(res)
  ru <- rstudent(res)
  db <- dfbetas(res)
  out$influence_moderators$bcg[[method]] <- list(
    rstudent = vec(ifl$inf$rstudent), dffits = vec(ifl$inf$dffits), cook_d = vec(ifl$inf$cook.d),
    cov_r = vec(ifl$inf$cov.r), tau2_del = vec(ifl$inf$tau2.del), qe_del = vec(ifl$inf$QE.del),
    hat = vec(ifl$inf$hat), weight = vec(ifl$inf$weight),
    dfbetas_intercept = vec(db$intrcpt), dfbetas_ablat = vec(db$ablat),
    influential = as.logical(ifl$is.infl),
    rstudent_resid = vec(ru$resid), rstudent_se = vec(ru$se),
    rstandard_resid = vec(rs$resid), rstandard_se = vec(rs$se), rstandard_z = vec(rs$z))
}

# ---- trim and fill where metafor stops: Q0 on dat.pritz1997 (negative value under
# the square root of the Q0 estimator; R fails with "missing value where TRUE/FALSE needed")
dat <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997)
res <- rma(yi, vi, data = dat, method = "FE")
err <- tryCatch({ suppressWarnings(trimfill(res, estimator = "Q0")); "none" }, error = function(e) conditionMessage(e))
out$trimfill_errors <- list(pritz1997 = list(yi = vec(dat$yi), vi = vec(dat$vi), method = "FE",
                                             estimator = "Q0", error = err))

write_reference(out, "bias")
