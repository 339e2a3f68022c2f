# Reference values for watwerkt.stats.multilevel and watwerkt.stats.robust:
# metafor::rma.mv with nested random intercepts (REML and ML, z and t tests),
# the multilevel I2 of metafor's documentation, fit statistics, likelihood-ratio
# tests against models with one variance component fixed at 0, and
# robust() cluster-robust inference (CR1 without clubSandwich; CR2 with
# Satterthwaite df and the HTZ Wald test through clubSandwich). The data of each
# model (yi, vi, groupings, model matrix) are written alongside, so the Python
# tests need no R. Sourced by make_reference.R (common.R defines num/vec/...).
suppressPackageStartupMessages(library(clubSandwich))

tight_mv <- list(rel.tol = 1e-12, iter.max = 10000, eval.max = 10000)

# Multilevel I2 (metafor documentation / Cheung 2014): typical within-study
# variance from P = W - W X (X'WX)^-1 X'W with W = diag(1/vi).
i2_multilevel <- function(res) {
  W <- diag(1 / res$vi)
  X <- model.matrix(res)
  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W
  typical <- (res$k - res$p) / sum(diag(P))
  list(total = 100 * sum(res$sigma2) / (sum(res$sigma2) + typical),
       levels = 100 * res$sigma2 / (sum(res$sigma2) + typical))
}

robust_block <- function(rob) {
  list(
    beta = vec(rob$beta), se = vec(rob$se), statistic = vec(rob$zval),
    pvalue = vec(rob$pval), ci_lower = vec(rob$ci.lb), ci_upper = vec(rob$ci.ub),
    df = vec(rob$dfs), qm = num(rob$QM), qm_df = vec(rob$QMdf), qm_pvalue = num(rob$QMp),
    n_clusters = rob$n
  )
}

dat_konst <- dat.konstantopoulos2011
dat_assink <- dat.assink2016
dat_assink$deltype <- factor(dat_assink$deltype)
dat_born <- escalc(measure = "OR", ai = waward, n1i = wtotal, ci = maward, n2i = mtotal,
                   data = dat.bornmann2007)
dat_crede <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.crede2010)
dat_crede$id <- seq_len(nrow(dat_crede))

# name, data, grouping columns (outermost first), mods formula, method, test
specs <- list(
  list(name = "konstantopoulos2011_reml_z", data = "dat_konst", groups = c("district", "school"), mods = NULL, method = "REML", test = "z"),
  list(name = "konstantopoulos2011_ml_z", data = "dat_konst", groups = c("district", "school"), mods = NULL, method = "ML", test = "z"),
  list(name = "konstantopoulos2011_reml_t", data = "dat_konst", groups = c("district", "school"), mods = NULL, method = "REML", test = "t"),
  list(name = "assink2016_reml_z", data = "dat_assink", groups = c("study", "esid"), mods = NULL, method = "REML", test = "z"),
  list(name = "assink2016_reml_z_mods", data = "dat_assink", groups = c("study", "esid"), mods = "~ year + pubstatus", method = "REML", test = "z"),
  list(name = "assink2016_ml_t_mods", data = "dat_assink", groups = c("study", "esid"), mods = "~ year", method = "ML", test = "t"),
  list(name = "bornmann2007_reml_z", data = "dat_born", groups = c("study", "obs"), mods = NULL, method = "REML", test = "z"),
  list(name = "bornmann2007_ml_z_mods", data = "dat_born", groups = c("study", "obs"), mods = "~ type", method = "ML", test = "z"),
  list(name = "crede2010_reml_z", data = "dat_crede", groups = c("studyid", "sampleid", "id"), mods = NULL, method = "REML", test = "z"),
  list(name = "crede2010_ml_t_mods", data = "dat_crede", groups = c("studyid", "sampleid", "id"), mods = "~ source", method = "ML", test = "t")
)

calls <- character(0)
models <- list()
for (s in specs) {
  d <- get(s$data); message(s$name)
  if (!is.null(s$mods)) d <- d[complete.cases(model.frame(as.formula(s$mods), d, na.action = na.pass)), ]
  random <- as.formula(paste("~ 1 |", paste(s$groups, collapse = "/")))
  mods <- if (is.null(s$mods)) NULL else as.formula(s$mods)
  fit <- function(sigma2 = NA, control = tight_mv) {
    args <- list(yi = d$yi, V = d$vi, random = random, data = d, method = s$method,
                 test = s$test, sigma2 = sigma2, control = control)
    if (!is.null(mods)) args$mods <- mods
    # nlminb's rel.tol as tight as it still reports convergence
    for (rt in c(1e-12, 1e-11, 1e-10)) {
      if (is.null(control$optimizer)) control$rel.tol <- rt
      args$control <- control
      out <- try(do.call(rma.mv, args), silent = TRUE)
      if (!inherits(out, "try-error")) return(out)
    }
    stop(out)
  }
  nvc <- length(s$groups)
  res <- fit(rep(NA, nvc))
  # check the optimum: refit with a second optimiser started there
  res2 <- fit(rep(NA, nvc), list(optimizer = "optim", optmethod = "BFGS", reltol = 1e-15,
                                  maxit = 10000, sigma2.init = res$sigma2 + 1e-6))
  if (logLik(res2) > logLik(res) + 1e-9) stop("rma.mv not at the optimum for ", s$name)
  call <- sprintf("rma.mv(yi, vi, mods = %s, random = ~ 1 | %s, data = %s, method = '%s', test = '%s', control = list(rel.tol = 1e-12 (or 1e-11, 1e-10 when nlminb reports false convergence), iter.max = 10000, eval.max = 10000))",
                  if (is.null(s$mods)) "NULL" else s$mods, paste(s$groups, collapse = "/"),
                  s$data, s$method, s$test)
  calls <- c(calls, call)
  fs <- fitstats(res)
  i2 <- i2_multilevel(res)
  lrt <- lapply(seq_len(nvc), function(i) {
    s2 <- rep(NA, nvc); s2[i] <- 0
    a <- anova(res, fit(s2))
    list(statistic = num(a$LRT), pvalue = num(a$pval), df = a$parms.f - a$parms.r,
         loglik_reduced = num(a$fit.stats.r["ll"]))
  })
  pred <- if (res$int.only) predict(res) else NULL
  cl <- d[[s$groups[1]]]
  rob1 <- robust(res, cluster = cl)
  rob2 <- robust(res, cluster = cl, clubSandwich = TRUE)
  calls <- c(calls, sprintf("robust(<%s>, cluster = %s); robust(<%s>, cluster = %s, clubSandwich = TRUE)",
                            s$name, s$groups[1], s$name, s$groups[1]))
  X <- model.matrix(res)
  models[[s$name]] <- list(
    data = list(
      yi = vec(res$yi), vi = vec(res$vi),
      groups = lapply(s$groups, function(g) as.character(d[[g]])),
      group_names = s$groups,
      X = lapply(seq_len(ncol(X)), function(j) vec(X[, j])),
      terms = colnames(X)
    ),
    method = s$method, test = s$test, k = res$k, p = res$p,
    beta = vec(res$beta), se = vec(res$se), statistic = vec(res$zval), pvalue = vec(res$pval),
    ci_lower = vec(res$ci.lb), ci_upper = vec(res$ci.ub),
    pi_lower = if (is.null(pred)) NULL else num(pred$pi.lb),
    pi_upper = if (is.null(pred)) NULL else num(pred$pi.ub),
    sigma2 = vec(res$sigma2),
    q = num(res$QE), q_df = res$k - res$p, q_pvalue = num(res$QEp),
    qm = num(res$QM), qm_df = vec(res$QMdf), qm_pvalue = num(res$QMp),
    i2_total = num(i2$total), i2_levels = vec(i2$levels),
    loglik = num(fs["logLik:", 1]), deviance = num(fs["deviance:", 1]),
    aic = num(fs["AIC:", 1]), bic = num(fs["BIC:", 1]), aicc = num(fs["AICc:", 1]),
    lrt = lrt,
    robust_cr1 = robust_block(rob1),
    robust_cr2 = robust_block(rob2)
  )
}

# robust() on rma.uni fits (meta_analysis / meta_regression)
uni_specs <- list(
  list(name = "konstantopoulos2011_uni_reml", data = "dat_konst", mods = NULL, method = "REML", cluster = "district"),
  list(name = "assink2016_uni_reml_mods", data = "dat_assink", mods = "~ year + pubstatus", method = "REML", cluster = "study"),
  list(name = "bornmann2007_uni_dl", data = "dat_born", mods = NULL, method = "DL", cluster = "study")
)
uni <- list()
for (s in uni_specs) {
  d <- get(s$data); message(s$name)
  mods <- if (is.null(s$mods)) NULL else as.formula(s$mods)
  args <- list(yi = d$yi, vi = d$vi, data = d, method = s$method, control = tight)
  if (!is.null(mods)) args$mods <- mods
  res <- do.call(rma, args)
  cl <- d[[s$cluster]]
  rob1 <- robust(res, cluster = cl)
  rob2 <- robust(res, cluster = cl, clubSandwich = TRUE)
  calls <- c(calls, sprintf("robust(rma(yi, vi, mods = %s, data = %s, method = '%s', control = tight), cluster = %s[, clubSandwich = TRUE])",
                            if (is.null(s$mods)) "NULL" else s$mods, s$data, s$method, s$cluster))
  X <- model.matrix(res)
  uni[[s$name]] <- list(
    data = list(yi = vec(res$yi), vi = vec(res$vi), cluster = as.character(cl),
                X = lapply(seq_len(ncol(X)), function(j) vec(X[, j])), terms = colnames(X)),
    method = s$method, tau2 = num(res$tau2), beta = vec(res$beta), se = vec(res$se),
    robust_cr1 = robust_block(rob1),
    robust_cr2 = robust_block(rob2)
  )
}

# robust() CR1 on an rma.uni fit with user weights (metafor's A = diag(weights) path)
d <- dat_konst
res <- rma(yi, vi, weights = rep(1, nrow(d)), data = d, method = "REML", control = tight)
rob1 <- robust(res, cluster = d$district)
calls <- c(calls, "robust(rma(yi, vi, weights = rep(1, 56), data = dat_konst, method = 'REML', control = tight), cluster = district)")
uni_weighted <- list(
  konstantopoulos2011_uni_reml_unit_weights = list(
    data = list(yi = vec(res$yi), vi = vec(res$vi), weights = vec(rep(1, nrow(d))),
                cluster = as.character(d$district)),
    method = "REML", tau2 = num(res$tau2), beta = vec(res$beta),
    robust_cr1 = robust_block(rob1)
  )
)

src <- source_block(calls)
src$clubsandwich_version <- as.character(packageVersion("clubSandwich"))
write_reference(list(source = src, multilevel = models, uni = uni, uni_weighted = uni_weighted), "multilevel")
