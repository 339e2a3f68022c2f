# Reference values for watwerkt.synthesis on the second example dossier
# (dossiers/leren-door-schrijven): metafor's rma() on dat.bangertdrowns2004, whose
# yi/vi (bias-corrected SMD, intervention minus control; higher achievement is
# better) coding.csv copies unchanged, REML. Writes tests/reference/leren_door_schrijven.json.
#
# The outcome's desired direction is "increase", so watwerkt does not flip the sign:
# the Python test compares estimates and bounds as they are.
#
# Per component (wic, feedback, info, pers, imag, meta; 1 = present, 0 = absent,
# NA = not coded): the pooled estimate of the studies with the component (code 1),
# and the subgroup contrast with (1) versus without (0) it as a Wald-type test on
# two separately fitted random-effects models (metafor's tip "comparing estimates of
# independent meta-analyses or subgroups": an FE meta-regression of the two
# estimates on a with/without dummy). Studies whose code is NA are in neither group
# (as rma(yi, vi, mods = ~ x) leaves them out); k_coded counts the non-missing codes.
#
# Run from the repository root (make_reference.R does this for every script).

dat <- dat.bangertdrowns2004

fit_block <- function(res) {
  pr <- predict(res)
  list(k = res$k, estimate = num(res$beta), se = num(res$se), pvalue = num(res$pval),
       ci_lower = num(res$ci.lb), ci_upper = num(res$ci.ub),
       pi_lower = num(pr$pi.lb), pi_upper = num(pr$pi.ub),
       tau2 = num(res$tau2), i2 = num(res$I2), q = num(res$QE), q_pvalue = num(res$QEp))
}

overall <- rma(yi, vi, data = dat, method = "REML", control = tight)
l1o <- leave1out(overall)
egger <- regtest(overall)
tf <- trimfill(overall, control = tight)
out <- list(
  source = source_block(list(
    data = "dat.bangertdrowns2004 (yi, vi as distributed)",
    overall = 'rma(yi, vi, data = dat, method = "REML")',
    loo = "leave1out(overall)",
    egger = "regtest(overall)",
    trimfill = "trimfill(overall, control = tight)",
    principle = 'rma(yi, vi, subset = which(<x> == 1)); rma(yi, vi, subset = which(<x> == 0)); rma(c(b_1, b_0), sei = c(se_1, se_0), mods = ~ c(1, 0), method = "FE")'
  )),
  overall = c(fit_block(overall), list(
    n_participants = sum(dat$ni),
    loo_min = num(min(l1o$estimate)), loo_max = num(max(l1o$estimate)),
    egger_pvalue = num(egger$pval), trimfill_k0 = tf$k0, trimfill_side = tf$side,
    trimfill_estimate = num(tf$beta)
  ))
)

components <- c(
  wic = "schrijven-in-de-les", feedback = "feedback-op-schrijfwerk",
  info = "informatief-schrijven", pers = "persoonlijk-schrijven",
  imag = "verbeeldend-schrijven", meta = "metacognitieve-reflectie"
)
principles <- list()
for (comp in names(components)) {
  code <- dat[[comp]]
  has <- which(code == 1)
  hasnot <- which(code == 0)
  with_ <- rma(yi, vi, data = dat, subset = has, method = "REML", control = tight)
  without <- rma(yi, vi, data = dat, subset = hasnot, method = "REML", control = tight)
  wald <- rma(c(with_$beta, without$beta), sei = c(with_$se, without$se), mods = ~ c(1, 0),
              method = "FE")
  principles[[components[[comp]]]] <- c(fit_block(with_), list(
    component = comp,
    k_coded = sum(!is.na(code)),
    n_participants = sum(dat$ni[has]),
    k_without = without$k, estimate_without = num(without$beta),
    difference = num(wald$beta[2]), difference_se = num(wald$se[2]),
    difference_ci_lower = num(wald$ci.lb[2]), difference_ci_upper = num(wald$ci.ub[2]),
    difference_statistic = num(wald$zval[2]), difference_pvalue = num(wald$pval[2])
  ))
}
out$principles <- principles
write_reference(out, "leren_door_schrijven")
