import ArgumentParser
import Foundation

/// `rolelayer-bench`: speed and memory of RoleLayer at 10k, 100k and 1M respondents, side by
/// side with the Python reference (issue 8; BENCHMARKS.md holds the figures of one run).
///
/// For each size the driver simulates a panel of the default scenario into canonical CSV in a
/// temporary directory, then starts this executable again once per phase
/// (`--phase parse|import|analysis`), so each phase's peak resident memory (`VmHWM`) is its own.
/// Each phase prints its figures as one JSON line on standard output; the driver collects them,
/// runs the Python reference when asked, compares the point estimates, prints a table and
/// writes every figure as JSON (`--out`).
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolelayer-bench",
        abstract: "Measure parse, import and analysis speed and memory at scale (release build).",
        discussion: """
            Sizes are respondents across four waves of the default scenario (about 26 rows per \
            first-wave organisation): 10k = 392 organisations, 100k = 3,851, 1m = 38,394; \
            100000orgs = exactly 100,000 organisations (about 2.6 million respondents). Example: \
            swift run -c release rolelayer-bench --sizes 10k,100k,1m --python --out bench.json
            """)

    @Option(help: "Sizes in respondents, comma-separated (10k, 100k, 1m, a number, or 100000orgs for an exact organisation count).")
    var sizes: String = "10k,100k,1m"

    @Option(help: "Bootstrap replicates B of the analysis and of the Python reference.")
    var bootstrap: Int = 1000

    @Option(help: "Runs of the parse and of the import phase; the fastest is reported.")
    var runs: Int = 3

    @Option(help: "Seed of the analysis and of the Python reference.")
    var seed: UInt64 = 20260101

    @Flag(help: "Also run the Python reference on the same CSV, compare the point estimates and report the ratio of times.")
    var python = false

    @Option(help: "The Python interpreter for --python.")
    var pythonExecutable: String = "python3"

    @Option(help: "The reference script for --python (relative to the working directory).")
    var pythonScript: String = "benchmarks/reference/reference.py"

    @Option(help: "Write every figure as JSON to this file.")
    var out: String?

    @Option(help: "Directory for the CSV files and stores (default: a new temporary directory, removed at the end).")
    var workDirectory: String?

    @Flag(help: "Keep the work directory (CSV, construct results, reference JSON).")
    var keep = false

    // MARK: Phase options (the driver passes these to its child processes)

    @Option(help: .hidden)
    var phase: String?

    @Option(help: .hidden)
    var csv: String?

    @Option(help: .hidden)
    var organisations: Int?

    @Option(help: .hidden)
    var results: String?

    @Option(help: .hidden)
    var reference: String?

    @Flag(help: .hidden)
    var matched = false

    func validate() throws {
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
        if phase == nil { _ = try Self.parseSizes(sizes) }
    }

    func run() throws {
        if let phase {
            try runPhase(phase)
        } else {
            try Driver(options: self).run()
        }
    }

    /// Runs one phase in this process and prints its figures as one JSON line.
    private func runPhase(_ name: String) throws {
        if name == "compare" {
            // Re-checks saved results: --reference REFERENCE.json --results ROLELAYER.json.
            guard let reference, let results else { throw ValidationError("--phase compare needs --reference and --results") }
            let figures = try Driver.compare(referencePath: reference, resultsPath: results).0.figures
            print(figures.examples.joined(separator: "\n"))
            print("compared \(figures.compared) values, \(figures.disagreements) disagreements, worst relative difference \(figures.worstRelativeDifference) at \(figures.worstPath)")
            if figures.disagreements > 0 { throw ExitCode(1) }
            return
        }
        guard let csv else { throw ValidationError("--phase needs --csv") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        switch name {
        case "simulate":
            guard let organisations else { throw ValidationError("--phase simulate needs --organisations") }
            data = try encoder.encode(Phases.simulate(organisations: organisations, csv: csv))
        case "parse":
            data = try encoder.encode(Phases.parse(csv: csv, runs: runs))
        case "import":
            let directory = workDirectory ?? (csv as NSString).deletingLastPathComponent
            data = try encoder.encode(Phases.importStore(csv: csv, directory: directory, runs: runs))
        case "analysis":
            data = try encoder.encode(Phases.analysis(csv: csv, bootstrap: bootstrap, seed: seed, results: results, matched: matched))
        default:
            throw ValidationError("unknown phase \(name): simulate, parse, import or analysis")
        }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    // MARK: - Sizes

    /// Rows per first-wave organisation of the default scenario over four waves (entrants and
    /// dropouts included), measured: 1,041,841 rows from 40,000 organisations.
    static let rowsPerOrganisation = 1_041_841.0 / 40_000.0

    /// Organisation counts of the standard sizes, measured with the default scenario (seed
    /// 20260101, four waves): 392 give 9,959 respondents, 3,851 give 99,991, 38,394 give 999,677.
    static let calibrated: [Int: Int] = [10_000: 392, 100_000: 3_851, 1_000_000: 38_394]

    /// One size: its label, the respondents asked for, and the organisations simulated.
    struct Size {
        var label: String
        var respondents: Int
        var organisations: Int
    }

    /// Parses `10k,100k,1m` (or plain numbers of respondents, or `100000orgs` for an exact number
    /// of first-wave organisations) into sizes.
    static func parseSizes(_ text: String) throws -> [Size] {
        try text.split(separator: ",").map { part in
            let label = part.trimmingCharacters(in: .whitespaces).lowercased()
            if label.hasSuffix("orgs") {
                guard let n = Int(label.dropLast(4)), n > 0 else {
                    throw ValidationError("cannot read size '\(part)': use 10k, 100k, 1m, a number, or 100000orgs")
                }
                return Size(label: label, respondents: Int((Double(n) * rowsPerOrganisation).rounded()), organisations: n)
            }
            var digits = Substring(label)
            var factor = 1.0
            if label.hasSuffix("k") { factor = 1e3; digits = digits.dropLast() }
            if label.hasSuffix("m") { factor = 1e6; digits = digits.dropLast() }
            guard let base = Double(digits), base > 0 else {
                throw ValidationError("cannot read size '\(part)': use 10k, 100k, 1m, a number, or 100000orgs")
            }
            let respondents = Int((base * factor).rounded())
            let organisations = calibrated[respondents] ?? max(1, Int((Double(respondents) / rowsPerOrganisation).rounded()))
            return Size(label: label, respondents: respondents, organisations: organisations)
        }
    }
}
