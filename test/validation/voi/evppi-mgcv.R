# Reference EVPPI values for test/analysis/voi/evppi-*.test.ts, computed with mgcv on the voi
# chemotherapy PSA (test/fixtures/voi-chemo/: voi's chemo_nb, chemo_cea and chemo_pars).
# The regression is voi's default (R/evppi_gam.R in voi 1.0.x): y ~ te(pars, bs = 'cr') with k = 4
# per margin from four parameters on, fitted by mgcv::gam with its default GCV; EVPPI is
# mean(max(0, fitted)) - max(0, mean(fitted)) for two options (voi's calc_evppi). The same fits with
# method = "REML" are listed too. Run: Rscript test/validation/voi/evppi-mgcv.R > test/validation/voi/evppi-mgcv.json
suppressMessages(library(mgcv))
here <- "test/fixtures/voi-chemo/"
pars <- read.csv(paste0(here, "voi_chemo_pars.csv"))
nb <- read.csv(paste0(here, "voi_chemo_nb.csv"))
cea <- read.csv(paste0(here, "voi_chemo_cea.csv"))
inb <- nb[, 2] - nb[, 1]
dc <- cea$c_Novel - cea$c_SoC
de <- cea$e_Novel - cea$e_SoC
evppi2 <- function(f) mean(pmax(0, f)) - max(0, mean(f))
te_formula <- function(y, p, method) {
  k <- if (length(p) >= 4) ", k=4" else ""
  gam(as.formula(sprintf("%s ~ te(%s, bs='cr'%s)", y, paste(p, collapse = ", "), k)), data = cbind(pars, inb = inb, dc = dc, de = de), method = method)
}
fit_nb <- function(p, method) fitted(te_formula("inb", p, method))
fit_ce <- function(p, method, wtp) {
  fc <- fitted(te_formula("dc", p, method)); fe <- fitted(te_formula("de", p, method))
  sapply(wtp, function(w) evppi2(w * fe - fc))
}
# Standard error as voi computes it (se = TRUE): EVPPI of B draws of the coefficients from their posterior.
se_nb <- function(p, method, B = 1000) {
  m <- te_formula("inb", p, method)
  set.seed(1)
  beta <- rmvn(B, coef(m), vcov(m))
  X <- predict(m, type = "lpmatrix")
  sd(apply(beta %*% t(X), 1, evppi2))
}
out <- list(
  source = "mgcv 1.8-41 on R 4.2.2 (Debian bookworm); voi 1.0.x default formula te(..., bs='cr'); voi's tests give 262.1109 for p_side_effects_t2 and 333.4516 for (p_side_effects_t2, logor_side_effects) on chemo_nb",
  single_nb_gcv = sapply(names(pars), function(p) evppi2(fit_nb(p, "GCV.Cp"))),
  single_nb_reml = sapply(names(pars), function(p) evppi2(fit_nb(p, "REML"))),
  single_nb_se_reml = sapply(c("p_side_effects_t2", "logor_side_effects", "c_hospital"), function(p) se_nb(p, "REML")),
  single_cr_knots_reml = sapply(c(5, 8, 10, 15, 20), function(k) evppi2(fitted(gam(inb ~ s(p_side_effects_t2, bs = "cr", k = k), data = cbind(pars, inb = inb), method = "REML")))),
  group2_nb_gcv = evppi2(fit_nb(c("p_side_effects_t2", "logor_side_effects"), "GCV.Cp")),
  group2_nb_reml = evppi2(fit_nb(c("p_side_effects_t2", "logor_side_effects"), "REML")),
  group4_nb_gcv = evppi2(fit_nb(c("p_side_effects_t1", "p_side_effects_t2", "logor_side_effects", "c_hospital"), "GCV.Cp")),
  group4_nb_reml = evppi2(fit_nb(c("p_side_effects_t1", "p_side_effects_t2", "logor_side_effects", "c_hospital"), "REML")),
  wtp = c(20000, 40000),
  group2_ce_reml = fit_ce(c("p_side_effects_t2", "logor_side_effects"), "REML", c(20000, 40000)),
  single_ce_reml = fit_ce("p_side_effects_t2", "REML", c(20000, 40000))
)
# A small JSON writer (jsonlite is not in Debian's R): numbers with 17 significant digits.
json <- function(x) {
  if (is.character(x)) return(sprintf('"%s"', x))
  v <- sprintf("%.17g", x)
  if (is.null(names(x))) { if (length(x) == 1) v else sprintf("[%s]", paste(v, collapse = ", ")) }
  else sprintf("{%s}", paste(sprintf('"%s": %s', names(x), v), collapse = ", "))
}
cat("{\n", paste(sprintf('  "%s": %s', names(out), sapply(out, json)), collapse = ",\n"), "\n}\n", sep = "")
