# Why qaly's EVPPI of lambda_home (voi chemotherapy example) differs from mgcv's REML fit by 2 %:
# the restricted likelihood is nearly flat in the smoothing parameter, and mgcv's optimiser stops at
# sp ≈ 9e5 (edf 2.01, EVPPI 15.32) although its own criterion (gcv.ubre, lower is better) is lower
# near sp = 2e4 (edf 2.28, EVPPI 15.04), where qaly's Fellner–Schall iteration stops (edf 2.32, 15.01).
# Run: Rscript test/validation/voi/reml-flat-lambda-home.R > test/validation/voi/reml-flat-lambda-home.txt
suppressMessages(library(mgcv))
pars <- read.csv("test/fixtures/voi-chemo/voi_chemo_pars.csv")
nb <- read.csv("test/fixtures/voi-chemo/voi_chemo_nb.csv")
inb <- nb[, 2] - nb[, 1]
ev <- function(f) mean(pmax(0, f)) - max(0, mean(f))
m <- gam(inb ~ te(lambda_home, bs = "cr"), data = cbind(pars, inb = inb), method = "REML")
cat(sprintf("mgcv optimum: sp %g evppi %.6f edf %.4f reml %.6f\n", m$sp, ev(fitted(m)), sum(m$edf), m$gcv.ubre))
for (sp in c(3000, 10000, 20000, 30000, 50000, 1e5, 1e6)) {
  m2 <- gam(inb ~ te(lambda_home, bs = "cr"), data = cbind(pars, inb = inb), method = "REML", sp = sp)
  cat(sprintf("fixed sp %g evppi %.6f edf %.4f reml %.6f\n", sp, ev(fitted(m2)), sum(m2$edf), m2$gcv.ubre))
}
