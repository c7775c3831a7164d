import ArgumentParser
import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerReport
import RoleLayerSimulation
import RoleLayerStore

/// `rolelayer demo`: the whole product in one go on a simulated cohort.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a cohort, import it, analyse it and write the report.",
        discussion: """
            Simulates the default scenario (planted effects: technical roles ahead, CMO two waves \
            behind the CTO, CFO and General Counsel as gatekeepers, ...), writes it as canonical \
            CSV, imports it into a fresh SQLite store, analyses every wave with cluster-bootstrap \
            intervals, and writes report.html, results.json and the tidy CSV tables into the output \
            directory. Prints the terminal summary and the report's path. Same seed, same files.
            """)

    @Option(name: .long, help: ArgumentHelp("Directory for the demo's files.", valueName: "dir"))
    var out: String = "rolelayer-demo"

    @Option(name: .long, help: "Organisations in the simulated cohort.")
    var organisations: Int = 400

    @Option(name: .long, help: "Quarterly waves.")
    var waves: Int = 4

    @Option(name: .long, help: "Seed of the simulation and of the analysis.")
    var seed: UInt64 = 20260101

    @Option(name: .long, help: "Bootstrap replicates B.")
    var bootstrap: Int = 1000

    func validate() throws {
        guard organisations >= 1 else { throw ValidationError("--organisations must be at least 1") }
        guard waves >= 1 else { throw ValidationError("--waves must be at least 1") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
    }

    func run() async throws {
        try CommandRunner.run { err in try runDemo(err) }
    }

    private func runDemo(_ err: StandardError) throws -> ExitStatus {
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
        var instrument = Instrument.default
        instrument.settings.seed = seed
        instrument.settings.bootstrapReplicates = bootstrap

        // 1. Simulate.
        var scenario = Scenario.default
        scenario.organisations = organisations
        scenario.waves = waves
        scenario.seed = seed
        let simulator = try PanelSimulator(scenario: scenario)
        let panel = path("panel.csv")
        guard fm.createFile(atPath: panel, contents: nil), let handle = FileHandle(forWritingAtPath: panel) else {
            throw CLIError(message: "cannot write \(panel)", status: .usage)
        }
        err.progress("simulating \(organisations) organisations × \(waves) waves…")
        let writer = CanonicalWriter(handle: handle, format: .csv)
        try simulator.generate { try writer.write($0) }
        try writer.finish()
        try handle.close()

        // 2. Import into a fresh store.
        let db = path("rolelayer.sqlite")
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: db + suffix) {
            try fm.removeItem(atPath: db + suffix)
        }
        err.progress("importing \(writer.count) responses…")
        let report = try ResponseReader(instrument: instrument).read(path: panel)
        for problem in report.problems { err.line(problem.description) }
        let store = try ResponseStore(path: db)
        _ = try store.importBatches(
            [ImportBatch(sourceFile: panel, records: report.accepted.map { (response: $0.response, row: $0.row) })],
            mode: ImportMode(replace: false, strict: false)) { _, _ in }

        // 3. Analyse what the store holds.
        err.progress("analysing with B = \(bootstrap)…")
        let table = ResponseTable(responses: try store.responses(), instrument: instrument)
        let result = Analysis.run(table: table, request: AnalysisRequest(settings: instrument.settings))

        // 4. Write the outputs.
        try Data(try ResultJSON.encode(result)).write(to: URL(fileURLWithPath: path("results.json")))
        let tables = try ResultOutput.writeTables(result, directory: path("tables"), excelSafe: false)
        let html = path("report.html")
        try ReportOutput.write(result, title: "Simulated cohort (demo)", to: html)
        err.clearProgress()
        err.flush()

        print(TextSummary.render(result))
        print("""
            demo files in \(out)/:
              panel.csv             \(writer.count) simulated responses (canonical CSV)
              rolelayer.sqlite      the store they were imported into
              results.json          the full result (docs/results.md)
              tables/               \(tables) tidy CSV tables
              report.html           the report: open it in a browser
            report: \(html)
            """)
        return report.hasErrors ? .rejected : .success
    }
}
