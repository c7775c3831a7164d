import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerReport

/// `rolelayer analyze`: every construct for each wave in range plus the across-wave ones.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compute every construct, per wave and across waves.",
        discussion: """
            Reads the store (or the files named) and computes the Role Shift Index, the \
            Organisational Adoption Gradient, the blocker distribution, the Role Alignment Map and \
            the Role Influence Index for each wave in range, and the Role Lead-Lag Ranking and the \
            consensus horizon across them, each figure with its cluster-bootstrap interval, its n and \
            its suppression reason under the anonymity rule. --format json writes the full result \
            (schema: docs/results.md), csv one tidy table per construct into the --out directory, \
            text a readable summary of the headline figures.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, text
    }

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Output format: json, csv or text.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Output file (json, text) or directory (csv); standard output when omitted (csv: ./rolelayer-results).", valueName: "path"))
    var out: String?

    @Flag(name: .customLong("excel-safe"), help: "In csv output, prefix text beginning with = + - @ with an apostrophe.")
    var excelSafe = false

    func run() async throws {
        try CommandRunner.run { err in
            let instrument = try options.instrument()
            let request = try options.request(settings: instrument.settings)
            let table = try options.loadTable(instrument: instrument, err: err)
            guard !table.waves.isEmpty else {
                throw CLIError(message: "no responses to analyse", status: .usage)
            }
            guard table.waves.contains(where: request.includes) else {
                throw CLIError(message: "--waves \(options.waves ?? "") selects none of the study's waves (\(table.waves.map(\.description).joined(separator: ", ")))", status: .usage)
            }
            err.progress("analysing \(table.count) responses…")
            let result = Analysis.run(table: table, request: request)
            err.clearProgress()
            try ResultOutput.check(result, err: err)
            try ResultOutput.write(result, format: format, to: out, excelSafe: excelSafe)
            return .success
        }
    }
}

/// Writing an analysis result in one of the output formats; shared by `analyze` and `demo`.
enum ResultOutput {
    /// Refuses a result whose selection holds no respondent (a segment or range matching nothing)
    /// with exit status 2, and prints the result's notes about left-out data as warnings.
    static func check(_ result: AnalysisResult, err: StandardError) throws {
        for note in result.notes where note.contains("left out") { err.line("rolelayer: warning: " + note) }
        if result.cohort.respondents == 0 {
            throw CLIError(message: "the selection holds no respondent: check --segment values (sector, size_band, region as stored; case is ignored) and --waves", status: .usage)
        }
    }

    /// Writes `result` as JSON, tidy CSV tables or a text summary.
    static func write(_ result: AnalysisResult, format: AnalyzeCommand.Format, to out: String?, excelSafe: Bool) throws {
        switch format {
        case .json:
            let data = try ResultJSON.encode(result)
            try emit(data, to: out)
        case .text:
            try emit(Data(TextSummary.render(result).utf8), to: out)
        case .csv:
            let dir = out ?? "rolelayer-results"
            let count = try writeTables(result, directory: dir, excelSafe: excelSafe)
            print("wrote \(count) tables to \(dir)/")
        }
    }

    /// Writes one `<table>.csv` per tidy table into `directory`, creating it; returns the count.
    @discardableResult
    static func writeTables(_ result: AnalysisResult, directory: String, excelSafe: Bool) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = TidyCSVWriter(excelSafe: excelSafe)
        let tables = TidyExport.tables(result)
        for table in tables {
            let path = (directory as NSString).appendingPathComponent(table.name + ".csv")
            try Data(writer.csv(table).utf8).write(to: URL(fileURLWithPath: path))
        }
        return tables.count
    }

    static func emit(_ data: Data, to out: String?) throws {
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
