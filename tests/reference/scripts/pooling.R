# Reference values for watwerkt.stats.pool, .regression and .subgroup:
# rma() with all nine tau2 estimators x test "z"/"knha" on six metadat datasets,
# confint() (Q-profile CIs of tau2, I2, H2) and predict() (prediction interval);
# meta-regression (coefficients, QM, QE, tau2, R2, predictions) on three
# datasets, one with missing moderator values; subgroup analysis of dat.bcg by
# allocation (mixed-effects moderator test and RevMan's test for subgroup
# differences); k = 1 and k = 2. Writes tests/reference/pooling.json.
#
# Run from the repository root (make_reference.R does this for every script):
#   Rscript -e 'suppressPackageStartupMessages({library(metafor);library(metadat);library(jsonlite)}); source("tests/reference/scripts/common.R"); source("tests/reference/scripts/pooling.R")'

dataset_calls <- list(
  bcg = 'dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)',
  raudenbush1985 = 'dat <- dat.raudenbush1985',
  molloy2014 = 'dat <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)',
  normand1999 = 'dat <- escalc(measure = "MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = dat.normand1999)',
  hackshaw1998 = 'dat <- dat.hackshaw1998',
  landenberger2005 = 'dat <- escalc(measure = "OR", ai = n.cbt.non, bi = n.cbt.rec, ci = n.ctrl.non, di = n.ctrl.rec, data = dat.landenberger2005)',
  bcg_k1 = 'dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)[1, ]',
  bcg_k2 = 'dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)[1:2, ]'
)
methods <- c("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
tests <- c("z", "knha")

fit_call <- 'res <- rma(yi, vi, data = dat, method = method, test = test, control = tight)'
ci_call <- 'ci <- confint(res, control = tight)  # not for FE or k = 1'
pred_call <- 'pred <- predict(res)'

load_data <- function(call) {
  env <- new.env()
  eval(parse(text = call), envir = env)
  env$dat
}

pool_outputs <- function(res, k) {
  pred <- predict(res)
  ci <- if (res$method != "FE" && k > 1) confint(res, control = tight)$random else NULL
  pi_lb <- if (is.null(pred$pi.lb)) pred$ci.lb else pred$pi.lb
  pi_ub <- if (is.null(pred$pi.ub)) pred$ci.ub else pred$pi.ub
  list(
    k = res$k,
    estimate = num(res$beta), se = num(res$se), statistic = num(res$zval),
    pvalue = num(res$pval), ci_lower = num(res$ci.lb), ci_upper = num(res$ci.ub),
    pi_lower = num(pi_lb), pi_upper = num(pi_ub),
    tau2 = num(res$tau2), tau2_se = num(res$se.tau2),
    tau2_ci_lower = num(if (is.null(ci)) NA else ci["tau^2", "ci.lb"]),
    tau2_ci_upper = num(if (is.null(ci)) NA else ci["tau^2", "ci.ub"]),
    i2 = num(res$I2),
    i2_ci_lower = num(if (is.null(ci)) NA else ci["I^2(%)", "ci.lb"]),
    i2_ci_upper = num(if (is.null(ci)) NA else ci["I^2(%)", "ci.ub"]),
    h2 = num(res$H2),
    h2_ci_lower = num(if (is.null(ci)) NA else ci["H^2", "ci.lb"]),
    h2_ci_upper = num(if (is.null(ci)) NA else ci["H^2", "ci.ub"]),
    q = num(res$QE), q_df = res$k - res$p, q_pvalue = num(res$QEp),
    test = res$test,
    ll = num(logLik(res))
  )
}

pool <- list()
for (name in names(dataset_calls)) {
  dat <- load_data(dataset_calls[[name]])
  fits <- list()
  for (method in methods) {
    for (test in tests) {
      res <- suppressWarnings(rma(yi, vi, data = dat, method = method, test = test, control = tight))
      fits[[paste(method, test, sep = "_")]] <- pool_outputs(res, nrow(dat))
    }
  }
  pool[[name]] <- list(yi = vec(dat$yi), vi = vec(dat$vi), fits = fits)
}

# ---------------------------------------------------------------- fixed tau2
fixed_call <- 'res <- rma(yi, vi, data = dat, method = method, test = test, tau2 = 0.3, control = tight)'
dat <- load_data(dataset_calls$bcg)
fixed <- list()
for (method in methods[-1]) {
  for (test in tests) {
    res <- rma(yi, vi, data = dat, method = method, test = test, tau2 = 0.3, control = tight)
    pred <- predict(res)
    fixed[[paste(method, test, sep = "_")]] <- list(
      estimate = num(res$beta), se = num(res$se), pvalue = num(res$pval),
      ci_lower = num(res$ci.lb), ci_upper = num(res$ci.ub),
      pi_lower = num(pred$pi.lb), pi_upper = num(pred$pi.ub),
      tau2 = num(res$tau2), tau2_se = num(res$se.tau2), i2 = num(res$I2), h2 = num(res$H2)
    )
  }
}

# ------------------------------------------------------------- meta-regression
regression_calls <- list(
  bcg = list(
    data = dataset_calls$bcg,
    mods = c("ablat", "year"),
    newmods = 'cbind(c(10, 30, 50), c(1950, 1960, 1970))'
  ),
  raudenbush1985 = list(
    data = 'dat <- dat.raudenbush1985; dat$weeks <- as.numeric(dat$weeks)',
    mods = c("weeks"),
    newmods = 'c(0, 1, 2, 3)'
  ),
  bangertdrowns2004 = list(
    data = 'dat <- dat.bangertdrowns2004',
    mods = c("imag", "meta"),
    newmods = 'cbind(c(0, 1, 0, 1), c(0, 0, 1, 1))'
  )
)
reg_call <- 'res <- rma(yi, vi, mods = ~ <mods>, data = dat, method = method, test = test, control = tight)'

regression <- list()
for (name in names(regression_calls)) {
  spec <- regression_calls[[name]]
  dat <- load_data(spec$data)
  fml <- as.formula(paste("~", paste(spec$mods, collapse = " + ")))
  newmods <- eval(parse(text = spec$newmods))
  mods_out <- lapply(spec$mods, function(m) vec(dat[[m]]))
  names(mods_out) <- spec$mods
  fits <- list()
  for (method in methods) {
    for (test in tests) {
      res <- suppressWarnings(rma(yi, vi, mods = fml, data = dat, method = method, test = test, control = tight))
      pred <- predict(res, newmods = newmods)
      pi_lb <- if (is.null(pred$pi.lb)) pred$ci.lb else pred$pi.lb
      pi_ub <- if (is.null(pred$pi.ub)) pred$ci.ub else pred$pi.ub
      fits[[paste(method, test, sep = "_")]] <- list(
        k = res$k, p = res$p,
        estimate = vec(res$beta), se = vec(res$se), statistic = vec(res$zval),
        pvalue = vec(res$pval), ci_lower = vec(res$ci.lb), ci_upper = vec(res$ci.ub),
        vcov = vec(res$vb),
        qm = num(res$QM), qm_df = vec(res$QMdf), qm_pvalue = num(res$QMp),
        qe = num(res$QE), qe_df = res$k - res$p, qe_pvalue = num(res$QEp),
        tau2 = num(res$tau2), tau2_se = num(res$se.tau2),
        i2 = num(res$I2), h2 = num(res$H2), r2 = num(if (is.null(res$R2)) NA else res$R2),
        test = res$test,
        omitted = vec(which(!res$not.na) - 1),
        pred_estimate = vec(pred$pred), pred_se = vec(pred$se),
        pred_ci_lower = vec(pred$ci.lb), pred_ci_upper = vec(pred$ci.ub),
        pred_pi_lower = vec(pi_lb), pred_pi_upper = vec(pi_ub)
      )
    }
  }
  regression[[name]] <- list(
    yi = vec(dat$yi), vi = vec(dat$vi), mods = mods_out, newmods = vec(t(cbind(newmods))),
    newmods_ncol = length(spec$mods), fits = fits
  )
}

# ------------------------------------------------------------------ subgroups
sub_call <- 'res <- rma(yi, vi, mods = ~ factor(alloc), data = dat, method = method, test = test, control = tight); per group: rma(yi, vi, data = dat, subset = alloc == g, method = method, test = test, control = tight); RevMan: rma(estimates, sei = ses, method = "FE")'
dat <- load_data(dataset_calls$bcg)
groups <- sort(unique(dat$alloc))
subgroup <- list(groups = dat$alloc, fits = list())
for (method in methods) {
  for (test in tests) {
    mix <- suppressWarnings(rma(yi, vi, mods = ~ factor(alloc), data = dat, method = method, test = test, control = tight))
    by_group <- list()
    est <- c()
    ses <- c()
    for (g in groups) {
      sub <- dat[dat$alloc == g, ]
      res <- suppressWarnings(rma(yi, vi, data = sub, method = method, test = test, control = tight))
      by_group[[g]] <- list(k = res$k, estimate = num(res$beta), se = num(res$se),
                            tau2 = num(res$tau2), pvalue = num(res$pval),
                            ci_lower = num(res$ci.lb), ci_upper = num(res$ci.ub))
      est <- c(est, res$beta)
      ses <- c(ses, res$se)
    }
    rev <- rma(est, sei = ses, method = "FE")
    subgroup$fits[[paste(method, test, sep = "_")]] <- list(
      qm = num(mix$QM), qm_df = vec(mix$QMdf), qm_pvalue = num(mix$QMp),
      q_between = num(rev$QE), q_between_df = length(groups) - 1, q_between_pvalue = num(rev$QEp),
      by_group = by_group
    )
  }
}

write_reference(
  list(
    source = source_block(list(
      datasets = dataset_calls, fit = fit_call, confint = ci_call, predict = pred_call,
      methods = methods, tests = tests, fixed_tau2 = fixed_call,
      regression = regression_calls, regression_fit = reg_call,
      regression_predict = 'predict(res, newmods = newmods)', subgroup = sub_call
    )),
    pool = pool,
    fixed_tau2 = fixed,
    regression = regression,
    subgroup = subgroup
  ),
  "pooling"
)
