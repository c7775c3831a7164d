/// The figures of one benchmark run, as written to `--out` (JSON, keys sorted, full double
/// precision). Seconds are wall-clock unless the name says CPU; bytes are bytes; MB is 10^6 bytes.
struct BenchReport: Codable, Sendable {
    /// Format identifier of this JSON.
    var schema = "rolelayer-bench/1"
    /// The machine and its load while the benchmark ran.
    var machine: MachineFigures
    /// The options the run used.
    var settings: BenchSettings
    /// One entry per size, smallest first.
    var sizes: [SizeFigures]
    /// Cost ratios between consecutive sizes and from the smallest to the largest.
    var growth: [GrowthFigures]
    /// Each target of issue 8 with the measured figure and whether it was met.
    var targets: [TargetCheck]
}

/// Options of the run.
struct BenchSettings: Codable, Sendable {
    /// Bootstrap replicates B of the analysis (and of the Python reference).
    var bootstrap: Int
    /// Seed of the analysis (and of the Python reference).
    var seed: UInt64
    /// Runs of the parse and import phases (the best is reported).
    var runs: Int
    /// Seed of the simulated panels (the default scenario's).
    var scenarioSeed: UInt64
    /// Whether the Python reference ran.
    var python: Bool
}

/// The machine.
struct MachineFigures: Codable, Sendable {
    /// Online processors (`nproc`).
    var cores: Int
    /// Physical memory, bytes.
    var memoryBytes: Int
    /// CPU model from /proc/cpuinfo.
    var cpuModel: String
    /// Kernel release (`uname -r`).
    var kernel: String
    /// 1-, 5- and 15-minute load averages when the benchmark started.
    var loadAverageStart: [Double]
    /// The same when it ended.
    var loadAverageEnd: [Double]
    /// `git rev-parse HEAD` of the working directory, when it is a repository.
    var commit: String?
}

/// Every figure for one panel size.
struct SizeFigures: Codable, Sendable {
    /// The size as asked (`10k`, `100k`, `1m`).
    var label: String
    /// Respondents asked for.
    var targetRespondents: Int
    /// Organisations simulated in the first wave (default scenario; entrants join later).
    var organisations: Int
    var simulate: SimulateFigures
    var parse: ParseFigures
    var importing: ImportFigures
    var analysis: AnalysisFigures
    var python: PythonFigures?
}

/// Simulating the panel into canonical CSV (phase `simulate`).
struct SimulateFigures: Codable, Sendable {
    var organisations: Int
    /// Rows written (respondents across all waves).
    var respondents: Int
    /// Size of the CSV file, bytes.
    var bytes: Int
    var seconds: Double
    var cpuSeconds: Double
    var peakBytes: Int?
}

/// Canonical CSV parse and validate (phase `parse`): `ResponseReader.read(bytes:fileName:)` on
/// the file's bytes already in memory, best of N runs.
struct ParseFigures: Codable, Sendable {
    var bytes: Int
    /// Data rows read.
    var rows: Int
    var accepted: Int
    var rejected: Int
    /// Wall seconds of each run.
    var seconds: [Double]
    /// CPU seconds of each run.
    var cpuSeconds: [Double]
    var bestSeconds: Double
    var medianSeconds: Double
    /// bytes / best seconds / 10^6.
    var megabytesPerSecond: Double
    /// rows / best seconds.
    var rowsPerSecond: Double
    /// Reading the file into memory (once, not in the runs).
    var fileReadSeconds: Double
    /// Peak resident memory of the phase's process.
    var peakBytes: Int?
}

/// Import into a fresh SQLite store (phase `import`): `ResponseStore.importResponses` of the
/// parsed records, one transaction, best of N runs, each into a new store file.
struct ImportFigures: Codable, Sendable {
    var rows: Int
    /// Rows inserted in the last run (should equal rows).
    var inserted: Int
    var seconds: [Double]
    var cpuSeconds: [Double]
    var bestSeconds: Double
    var medianSeconds: Double
    /// rows / best seconds.
    var rowsPerSecond: Double
    /// Opening (creating and migrating) the fresh store, last run.
    var openSeconds: Double
    /// Store file size after the last run (database + WAL), bytes.
    var storeBytes: Int
    /// Parsing the CSV beforehand (not part of the import figure).
    var parseSeconds: Double
    /// Peak resident memory of the phase's whole process (parsing included).
    var peakBytes: Int?
    /// Peak resident memory from just before the first import (the parsed records resident);
    /// `nil` where the peak cannot be reset.
    var importPeakBytes: Int?
}

/// Seconds of one construct (or step) of the analysis, summed over waves.
struct ConstructTime: Codable, Sendable {
    var name: String
    var seconds: Double
    var cpuSeconds: Double
    /// Wall seconds per wave for the per-wave constructs; empty for the others.
    var perWave: [Double]
}

/// The full analysis (phase `analysis`): the CSV parsed, the ``ResponseTable`` built, then
/// `Analysis.run` timed as the CLI runs it (waves concurrently), then every construct timed
/// separately in a serial breakdown run, in the order and with the arguments `Analysis.run` uses.
struct AnalysisFigures: Codable, Sendable {
    var respondents: Int
    var organisations: Int
    var waves: Int
    var bootstrap: Int
    var permutations: Int
    /// Parsing and validating the CSV (not part of the analysis figure).
    var parseSeconds: Double
    var parseCPUSeconds: Double
    /// Building the column table from the parsed responses.
    var tableSeconds: Double
    var tableCPUSeconds: Double
    /// `Analysis.run` (cells and every construct, waves concurrently), excluding the table.
    var constructSeconds: Double
    var constructCPUSeconds: Double
    /// The serial breakdown run: the sum of ``constructs`` (each construct alone, wave after wave).
    var breakdownSeconds: Double
    var breakdownCPUSeconds: Double
    /// tableSeconds + constructSeconds: the figure held against the 10 s target.
    var totalSeconds: Double
    var totalCPUSeconds: Double
    /// The serial breakdown run, one entry per step, in `Analysis.run` order.
    var constructs: [ConstructTime]
    /// The like-for-like runs for the Python ratio (only with `--python`): see ``MatchedFigures``.
    var matched: MatchedFigures?
    /// The same with B = 0: point estimates only.
    var matchedPointOnly: MatchedFigures?
    /// Peak resident memory of the phase's whole process (parsing included).
    var processPeakBytes: Int?
    /// Peak resident memory from just after parsing (parsed responses resident) through the
    /// table and the analysis: what analysing responses already in memory costs; `nil` where
    /// the peak cannot be reset (`/proc/self/clear_refs`).
    var analysisPeakBytes: Int?
    /// Resident memory just before the table was built (the parsed responses).
    var residentBeforeTableBytes: Int?
}

/// The five per-wave constructs the Python reference also computes (RSI without the previous
/// wave, so no shifts; adoption gradient; blocker distribution with `permutations = 0`, so no
/// joint permutation test; alignment map; influence index), over the same table, after the full
/// analysis. Still a superset of the reference's work: the gradient's variance decomposition and
/// within-organisation bootstraps, the primary-blocker profile bootstrap, the alignment chance
/// baseline and the sign-off power have no counterpart in it.
struct MatchedFigures: Codable, Sendable {
    var bootstrap: Int
    var permutations: Int
    /// Cells and the five constructs, wall seconds.
    var seconds: Double
    var cpuSeconds: Double
    var constructs: [ConstructTime]
}

/// One run of the Python reference.
struct PythonRun: Codable, Sendable {
    var command: [String]
    var bootstrap: Int
    /// Wall seconds of the whole process, interpreter start-up and imports included.
    var processSeconds: Double
    /// The reference's own `timings_seconds.total` (read, encode, analysis; no start-up).
    var totalSeconds: Double
    /// `timings_seconds.analysis` (everything after reading and encoding).
    var analysisSeconds: Double
    /// `timings_seconds.read_csv` + `timings_seconds.encode`.
    var readSeconds: Double
    /// `cpu_seconds.total`.
    var totalCPUSeconds: Double
    /// `cpu_seconds.analysis`.
    var analysisCPUSeconds: Double
    /// `peak_memory_bytes` (interpreter and libraries included).
    var peakBytes: Int?
}

/// The Python reference on the same CSV.
struct PythonFigures: Codable, Sendable {
    /// The run with the benchmark's B (compared with RoleLayer's point estimates).
    var run: PythonRun
    /// The run with B = 0 (point estimates only).
    var pointOnly: PythonRun?
    /// Library versions it reports.
    var versions: [String: String]
    /// Agreement of the point estimates (the run with B).
    var comparison: ComparisonFigures
    /// Python total / RoleLayer (parse + table + full analysis), wall: the whole job each does.
    var ratioEndToEnd: Double
    /// Python analysis / RoleLayer matched run (cells + five constructs, same B), wall.
    var ratioMatched: Double
    /// Python analysis with B = 0 / RoleLayer matched run with B = 0, wall.
    var ratioPointOnly: Double?
    /// Python (analysis with B − analysis with B = 0) / RoleLayer (matched with B − matched with
    /// B = 0), wall: the bootstrap alone.
    var ratioBootstrap: Double?
    /// Python read + encode / RoleLayer parse + table, wall.
    var ratioRead: Double
    /// Python process wall / RoleLayer analysis-phase process wall (both with start-up and reading).
    var ratioProcess: Double
    /// Python CPU total / RoleLayer CPU (parse + table + full analysis).
    var ratioCPU: Double
    /// Wall seconds of the RoleLayer `analysis` phase process as the driver saw it.
    var roleLayerProcessSeconds: Double
}

/// The point-estimate comparison against the reference.
struct ComparisonFigures: Codable, Sendable {
    /// Numbers, counts and labels compared.
    var compared: Int
    /// Comparisons that failed.
    var disagreements: Int
    /// Largest relative difference among the numbers compared.
    var worstRelativeDifference: Double
    /// Where it occurred (`waves/2026-Q1/rsi/cto/value`).
    var worstPath: String
    /// Relative tolerance.
    var tolerance: Double
    /// Up to 20 failed comparisons, as text.
    var examples: [String]
    /// Compared values per family (rsi, gradients, blockers, chi_square, alignment, influence).
    var families: [String: Int]
}

/// How cost grows between two sizes.
struct GrowthFigures: Codable, Sendable {
    var from: String
    var to: String
    /// Respondents ratio.
    var respondents: Double
    /// Best parse seconds ratio.
    var parse: Double
    /// Best import seconds ratio.
    var importing: Double
    /// Analysis (table + constructs) seconds ratio.
    var analysis: Double
    /// Analysis CPU seconds ratio.
    var analysisCPU: Double
    /// Analysis-phase process peak memory ratio.
    var peakMemory: Double
    /// Growth exponents log(time ratio) / log(respondents ratio): 1 = linear.
    var parseExponent: Double
    var importExponent: Double
    var analysisExponent: Double
    var analysisCPUExponent: Double
    var peakMemoryExponent: Double
}

/// One target of issue 8.
struct TargetCheck: Codable, Sendable {
    var name: String
    var target: String
    var measured: String
    var met: Bool?
}
