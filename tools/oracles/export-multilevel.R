#!/usr/bin/env Rscript
# Exports the `multilevel` package's datasets bh1996, lq2002 and bhr2000 (Bliese; GPL) to CSV
# files in the directory named by ROLELAYER_MULTILEVEL_DATA, for the O15 oracle tests
# (Tests/RoleLayerCoreTests/MultilevelOracleTests.swift).
#
# The data are GPL-licensed: write them outside the repository and never commit them.
#
# Needs R and the package, for example on Debian/Ubuntu:
#   apt-get install -y --no-install-recommends r-cran-multilevel
# Usage:
#   ROLELAYER_MULTILEVEL_DATA=/tmp/multilevel-data Rscript tools/oracles/export-multilevel.R
#   ROLELAYER_MULTILEVEL_DATA=/tmp/multilevel-data swift test --filter MultilevelOracleTests

out <- Sys.getenv("ROLELAYER_MULTILEVEL_DATA")
if (out == "") stop("set ROLELAYER_MULTILEVEL_DATA to the output directory")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(multilevel))
for (name in c("bh1996", "lq2002", "bhr2000")) {
  env <- new.env()
  data(list = name, package = "multilevel", envir = env)
  # Numbers as R prints them for CSV (15 significant digits), empty cells for NA.
  write.csv(env[[name]], file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "", quote = FALSE)
  cat(sprintf("%s: %d rows x %d columns -> %s\n", name, nrow(env[[name]]), ncol(env[[name]]),
              file.path(out, paste0(name, ".csv"))))
}
