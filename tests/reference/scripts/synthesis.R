# Reference values for watwerkt.synthesis on the example dossier (dossiers/recidive-cgt):
# metafor's rma() on dat.landenberger2005, coded exactly as coding.csv codes it
# (intervention = group 1: ai = n.cbt.rec, bi = n.cbt.non, ci = n.ctrl.rec,
# di = n.ctrl.non), REML. Writes tests/reference/synthesis.json.
#
# watwerkt orients every effect so that positive favours the intervention; for
# recidivism (lower is better) that is -yi, so the Python test compares its
# estimate with -estimate and its CI/PI with the negated, swapped bounds.
#
# Per principle (CBT component, "yes" = present): the pooled estimate of the studies
# with the component, and the subgroup contrast with versus without it as a
# Wald-type test on two separately fitted random-effects models (metafor's tip
# "comparing estimates of independent meta-analyses or subgroups": an FE
# meta-regression of the two estimates on a with/without dummy).
#
# Run from the repository root (make_reference.R does this for every script).

dat <- escalc(measure = "OR", ai = n.cbt.rec, bi = n.cbt.non, ci = n.ctrl.rec,
              di = n.ctrl.non, data = dat.landenberger2005)
dat$ni <- with(dat, n.cbt.rec + n.cbt.non + n.ctrl.rec + n.ctrl.non)

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
    escalc = 'escalc(measure = "OR", ai = n.cbt.rec, bi = n.cbt.non, ci = n.ctrl.rec, di = n.ctrl.non, data = dat.landenberger2005)',
    overall = 'rma(yi, vi, data = dat, method = "REML")',
    loo = "leave1out(overall)",
    egger = "regtest(overall)",
    trimfill = "trimfill(overall, control = tight)",
    principle = 'rma(yi, vi, subset = cbt.<x> == "yes"); rma(yi, vi, subset = cbt.<x> == "no"); rma(c(b_yes, b_no), sei = c(se_yes, se_no), mods = ~ c(1, 0), method = "FE")'
  )),
  overall = c(fit_block(overall), list(
    n_participants = sum(dat$ni),
    loo_min = num(min(l1o$estimate)), loo_max = num(max(l1o$estimate)),
    egger_pvalue = num(egger$pval), trimfill_k0 = tf$k0, trimfill_side = tf$side,
    trimfill_estimate = num(tf$beta)
  ))
)

components <- c(
  cogskills = "cognitieve-vaardigheden", cogrestruct = "cognitieve-herstructurering",
  intpprbsolv = "interpersoonlijk-probleemoplossen", socskills = "sociale-vaardigheden",
  angerctrl = "agressieregulatie", victimimpact = "slachtofferbewustzijn",
  subabuse = "middelengebruik", behavmod = "gedragsmodificatie",
  relapseprev = "terugvalpreventie", moralrsng = "moreel-redeneren",
  roletaking = "perspectief-nemen"
)
principles <- list()
for (comp in names(components)) {
  has <- dat[[paste0("cbt.", comp)]] == "yes"
  if (sum(has) < 2 || sum(!has) < 2) next
  with_ <- rma(yi, vi, data = dat, subset = has, method = "REML", control = tight)
  without <- rma(yi, vi, data = dat, subset = !has, method = "REML", control = tight)
  wald <- rma(c(with_$beta, without$beta), sei = c(with_$se, without$se), mods = ~ c(1, 0),
              method = "FE")
  principles[[components[[comp]]]] <- c(fit_block(with_), list(
    n_participants = sum(dat$ni[has]),
    k_without = without$k, estimate_without = num(without$beta),
    difference = num(wald$beta[2]), difference_se = num(wald$se[2]),
    difference_pvalue = num(wald$pval[2])
  ))
}
out$principles <- principles
write_reference(out, "synthesis")
