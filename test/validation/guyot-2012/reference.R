# Reference reconstructions for test/validation/guyot-2012.test.ts, made with the authors' own code:
# digitise() of the R package survHE (R/digitise.R, "Patricia Guyot and Gianluca Baio", adapted from
# the code published with Guyot et al. 2012; base R only). survHE needs rstan and is not a Debian
# package, so the function is sourced from a copy of that one file (survHE 2.0.52, commit 0319429 of
# giabaio/survHE; unchanged since survHE 1.0.6 but for its roxygen header), which is not committed here.
#
# Run from the repository root (R 4.2.2 and r-cran-survival 3.5-3, Debian bookworm):
#   Rscript test/validation/guyot-2012/reference.R /path/to/survHE/R/digitise.R [/path/to/IPDfromKM/R]
# It writes survhe-example-km.tsv, bonner-2006-radiotherapy-km.tsv (digitise()'s Kaplan-Meier table:
# time, n.risk, n.event, n.censored at each digitised point) and reference-summary.tsv (survfit of
# the reconstructed patients). survhe-example-km.tsv is identical to survHE's own R/KMdata.txt
# (commit f8952b7), the output its authors committed for this example.
# With the second argument (the R/ folder of IPDfromKM 0.1.10, CRAN; needs r-cran-dplyr) it also
# reruns IPDfromKM's preprocess() and getIPD() on Bonner's arm as its documentation does and writes
# ipdfromkm-summary.tsv: the summary IPDfromKM's users see printed (the numbers the test quotes).
args <- commandArgs(trailingOnly = TRUE)
if (!(length(args) %in% 1:2)) stop("usage: Rscript reference.R /path/to/survHE/R/digitise.R [/path/to/IPDfromKM/R]")
source(args[1])
suppressMessages(library(survival))
here <- "test/validation/guyot-2012/"
tmp <- tempdir()

# 1. survHE's example, as shipped.
digitise(paste0(here, "survhe-example-survival.tsv"), paste0(here, "survhe-example-nrisk.tsv"),
         km_output = paste0(here, "survhe-example-km.tsv"), ipd_output = file.path(tmp, "survhe-ipd.txt"))

# 2. Bonner et al. 2006, radiotherapy arm. digitise() takes a clean curve, so the points get what
# reconstructPatientData does to its input: the point before time 0 dropped (the test does the same),
# sorted by time (ties: higher survival first), made non-increasing by a running minimum, (0, 1)
# added in front. Each risk interval runs from the first point at or after its risk time to the
# point before the next interval's first one, as digitise() expects.
d <- read.table(paste0(here, "bonner-2006-radiotherapy.tsv"), col.names = c("time", "surv"))
d <- d[d$time >= 0, ]
d$surv <- d$surv / 100
d <- d[order(d$time, -d$surv), ]
d$surv <- cummin(d$surv)
if (d$time[1] > 0) d <- rbind(data.frame(time = 0, surv = 1), d)
trisk <- c(0, 10, 20, 30, 40, 50)
nrisk <- c(213, 122, 80, 51, 30, 10)
lower <- sapply(trisk, function(t) which(d$time >= t)[1])
upper <- c(lower[-1] - 1, nrow(d))
write.table(data.frame(ID = seq_len(nrow(d)), time = d$time, survival = d$surv),
            file.path(tmp, "bonner-surv.txt"), sep = "\t", row.names = FALSE, quote = FALSE)
write.table(data.frame(Interval = seq_along(trisk), time = trisk, lower = lower, upper = upper, nrisk = nrisk),
            file.path(tmp, "bonner-nrisk.txt"), sep = "\t", row.names = FALSE, quote = FALSE)
digitise(file.path(tmp, "bonner-surv.txt"), file.path(tmp, "bonner-nrisk.txt"),
         km_output = paste0(here, "bonner-2006-radiotherapy-km.tsv"), ipd_output = file.path(tmp, "bonner-ipd.txt"))

# Kaplan-Meier of each reconstruction: patients, events, median with its 95% interval (log), and
# survival at 8, 16, ..., 56 months (the times IPDfromKM's survreport() prints for the Bonner arm).
km_summary <- function(name, file) {
  ipd <- read.table(file, header = TRUE)
  fit <- survfit(Surv(time, event) ~ 1, data = ipd)
  q <- quantile(fit, 0.5)
  at <- summary(fit, times = seq(8, 56, 8), extend = TRUE)$surv
  data.frame(dataset = name, patients = nrow(ipd), events = sum(ipd$event), median = unname(q$quantile),
             median_lower = unname(q$lower), median_upper = unname(q$upper),
             survival_8_to_56 = paste(sprintf("%.6f", at), collapse = ","))
}
out <- rbind(km_summary("survhe-example", file.path(tmp, "survhe-ipd.txt")),
             km_summary("bonner-2006-radiotherapy", file.path(tmp, "bonner-ipd.txt")))
write.table(out, paste0(here, "reference-summary.tsv"), sep = "\t", row.names = FALSE, quote = FALSE, na = "NA")

if (length(args) == 2) {
  suppressMessages(library(dplyr))
  source(file.path(args[2], "preprocess.R"))
  source(file.path(args[2], "getIPD.R"))
  raw <- read.table(paste0(here, "bonner-2006-radiotherapy.tsv"))
  est <- getIPD(prep = preprocess(dat = raw, trisk = trisk, nrisk = nrisk, maxy = 100), armID = 0, tot.events = NULL)
  ipd <- setNames(est$IPD, c("time", "event", "arm"))
  fit <- survfit(Surv(time, event) ~ 1, data = ipd)
  write.table(data.frame(interval = seq_along(trisk), trisk = trisk, nrisk = nrisk,
                         censored = est$riskmat$censor.hat, events = est$riskmat$event.hat,
                         median = unname(quantile(fit, 0.5)$quantile),
                         survival_8_to_56 = paste(sprintf("%.4f", summary(fit, times = seq(8, 56, 8))$surv), collapse = ",")),
              paste0(here, "ipdfromkm-summary.tsv"), sep = "\t", row.names = FALSE, quote = FALSE)
}
