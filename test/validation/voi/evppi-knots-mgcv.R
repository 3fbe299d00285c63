# Knot stability of the single-parameter EVPPI smoother (issue 17, item 10): mgcv's own REML fit
# gam(inb ~ s(x, bs = "cr", k = K), method = "REML") on voi's chemotherapy PSA (chemo_nb with
# chemo_pars, test/fixtures/voi-chemo/) for every parameter and K = 5 … 40, with the fit's total
# effective degrees of freedom (intercept included). EVPPI = mean(max(0, fitted)) - max(0, mean(fitted)).
# Run: Rscript test/validation/voi/evppi-knots-mgcv.R > test/validation/voi/evppi-knots-mgcv.json
suppressMessages(library(mgcv))
here <- "test/fixtures/voi-chemo/"
pars <- read.csv(paste0(here, "voi_chemo_pars.csv"))
nb <- read.csv(paste0(here, "voi_chemo_nb.csv"))
d <- cbind(pars, inb = nb[, 2] - nb[, 1])
ev <- function(f) mean(pmax(0, f)) - max(0, mean(f))
ks <- c(5, 10, 15, 20, 25, 30, 40)
fit <- function(p, k) gam(as.formula(sprintf("inb ~ s(%s, bs = 'cr', k = %d)", p, k)), data = d, method = "REML")
rows <- lapply(names(pars), function(p) sapply(ks, function(k) { m <- fit(p, k); c(ev(fitted(m)), sum(m$edf)) }))
num <- function(x) paste(sprintf("%.17g", x), collapse = ", ")
cat("{\n")
cat(sprintf('  "source": "mgcv %s on %s; gam(inb ~ s(x, bs = \'cr\', k = K), method = \'REML\') on voi chemo_nb / chemo_pars",\n', packageVersion("mgcv"), R.version.string))
cat(sprintf('  "knots": [%s],\n', num(ks)))
cat('  "evppi": {\n', paste(sprintf('    "%s": [%s]', names(pars), sapply(rows, function(r) num(r[1, ]))), collapse = ",\n"), '\n  },\n', sep = "")
cat('  "edf": {\n', paste(sprintf('    "%s": [%s]', names(pars), sapply(rows, function(r) num(round(r[2, ], 4)))), collapse = ",\n"), '\n  }\n', sep = "")
cat("}\n")
