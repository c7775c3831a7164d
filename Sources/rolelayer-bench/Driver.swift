#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation

/// Runs every phase of every size as child processes, then the Python reference, and assembles
/// the report.
struct Driver {
    let options: BenchCommand

    func run() throws {
        let sizes = try BenchCommand.parseSizes(options.sizes)
        let loadStart = Machine.loadAverage()
        let directory = try workDirectory()
        defer {
            if !options.keep && options.workDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        log("work directory \(directory)")
        var figures: [SizeFigures] = []
        for size in sizes {
            figures.append(try measure(size: size, directory: directory))
        }
        let report = BenchReport(
            machine: Machine.figures(loadStart: loadStart, loadEnd: Machine.loadAverage()),
            settings: BenchSettings(bootstrap: options.bootstrap, seed: options.seed, runs: options.runs,
                                    scenarioSeed: 20260101, python: options.python),
            sizes: figures, growth: Growth.figures(figures), targets: Targets.check(figures))
        if let out = options.out {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: out))
            log("wrote \(out)")
        }
        print(TableText.render(report))
        if let python = figures.compactMap(\.python).first(where: { $0.comparison.disagreements > 0 }) {
            log("the point estimates disagree with the Python reference: \(python.comparison.examples.first ?? "")")
            throw ExitCode(1)
        }
    }

    // MARK: - One size

    private func measure(size: BenchCommand.Size, directory: String) throws -> SizeFigures {
        let organisations = size.organisations
        let csv = (directory as NSString).appendingPathComponent("panel-\(size.label).csv")
        let resultsPath = (directory as NSString).appendingPathComponent("rolelayer-\(size.label).json")
        log("[\(size.label)] simulating \(organisations) organisations")
        let simulate: SimulateFigures = try child(["--phase", "simulate", "--csv", csv, "--organisations", String(organisations)]).figures
        log("[\(size.label)] \(simulate.respondents) respondents, \(simulate.bytes) bytes; parsing (\(options.runs) runs)")
        let parse: ParseFigures = try child(["--phase", "parse", "--csv", csv, "--runs", String(options.runs)]).figures
        guard parse.rejected == 0 else { throw PhaseError("the simulated CSV has \(parse.rejected) rejected rows") }
        log("[\(size.label)] importing (\(options.runs) runs)")
        let importing: ImportFigures = try child([
            "--phase", "import", "--csv", csv, "--runs", String(options.runs), "--work-directory", directory,
        ]).figures
        log("[\(size.label)] analysing with B = \(options.bootstrap)")
        let analysisRun: (figures: AnalysisFigures, seconds: Double) = try child([
            "--phase", "analysis", "--csv", csv, "--bootstrap", String(options.bootstrap),
            "--seed", String(options.seed), "--results", resultsPath,
        ] + (options.python ? ["--matched"] : []))
        var python: PythonFigures?
        if options.python {
            log("[\(size.label)] running the Python reference")
            python = try runPython(csv: csv, label: size.label, directory: directory, results: resultsPath,
                                   analysis: analysisRun.figures, analysisProcessSeconds: analysisRun.seconds)
        }
        if !options.keep { try? FileManager.default.removeItem(atPath: csv) }
        return SizeFigures(label: size.label, targetRespondents: size.respondents, organisations: organisations,
                           simulate: simulate, parse: parse, importing: importing, analysis: analysisRun.figures,
                           python: python)
    }

    // MARK: - Python reference

    private func runPython(csv: String, label: String, directory: String, results: String,
                           analysis: AnalysisFigures, analysisProcessSeconds: Double) throws -> PythonFigures {
        let referencePath = (directory as NSString).appendingPathComponent("reference-\(label).json")
        let (main, _) = try pythonRun(csv: csv, bootstrap: options.bootstrap, out: referencePath)
        let (comparison, reference) = try Self.compare(referencePath: referencePath, resultsPath: results)
        var pointOnly: PythonRun?
        if options.bootstrap > 0 {
            log("[\(label)] running the Python reference with B = 0")
            let pointPath = (directory as NSString).appendingPathComponent("reference-\(label)-b0.json")
            pointOnly = try pythonRun(csv: csv, bootstrap: 0, out: pointPath).run
        }
        let versions = (reference["versions"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        let matched = analysis.matched?.seconds ?? .nan
        let matchedPoint = analysis.matchedPointOnly?.seconds
        return PythonFigures(
            run: main, pointOnly: pointOnly, versions: versions, comparison: comparison.figures,
            ratioEndToEnd: main.totalSeconds / (analysis.parseSeconds + analysis.totalSeconds),
            ratioMatched: main.analysisSeconds / matched,
            ratioPointOnly: pointOnly.flatMap { p in matchedPoint.map { p.analysisSeconds / $0 } },
            ratioBootstrap: pointOnly.flatMap { p in
                matchedPoint.map { (main.analysisSeconds - p.analysisSeconds) / (matched - $0) }
            },
            ratioRead: main.readSeconds / (analysis.parseSeconds + analysis.tableSeconds),
            ratioProcess: main.processSeconds / analysisProcessSeconds,
            ratioCPU: main.totalCPUSeconds / (analysis.parseCPUSeconds + analysis.totalCPUSeconds),
            roleLayerProcessSeconds: analysisProcessSeconds)
    }

    /// Runs the reference once and reads its timings.
    private func pythonRun(csv: String, bootstrap: Int, out: String) throws -> (run: PythonRun, json: [String: Any]) {
        let command = [options.pythonExecutable, options.pythonScript, csv, "--bootstrap", String(bootstrap),
                       "--seed", String(options.seed), "--out", out]
        let run = try Self.execute(command, captureOutput: false)
        guard run.status == 0 else { throw PhaseError("\(command.joined(separator: " ")) exited with status \(run.status)") }
        guard let data = FileManager.default.contents(atPath: out),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PhaseError("cannot read the reference result \(out)")
        }
        let timings = json["timings_seconds"] as? [String: Any] ?? [:]
        let cpu = json["cpu_seconds"] as? [String: Any] ?? [:]
        func seconds(_ object: [String: Any], _ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
        return (PythonRun(
            command: command, bootstrap: bootstrap, processSeconds: run.seconds,
            totalSeconds: seconds(timings, "total"), analysisSeconds: seconds(timings, "analysis"),
            readSeconds: seconds(timings, "read_csv") + seconds(timings, "encode"),
            totalCPUSeconds: seconds(cpu, "total"), analysisCPUSeconds: seconds(cpu, "analysis"),
            peakBytes: (json["peak_memory_bytes"] as? NSNumber)?.intValue), json)
    }

    /// Compares the reference's JSON at `referencePath` with RoleLayer's per-wave construct
    /// results at `resultsPath`; returns the comparison and the decoded reference object.
    static func compare(referencePath: String, resultsPath: String) throws -> (ReferenceComparison, [String: Any]) {
        guard let data = FileManager.default.contents(atPath: referencePath),
              let reference = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PhaseError("cannot read the reference result \(referencePath)")
        }
        let swift = try JSONDecoder().decode([WaveConstructs].self, from: Data(contentsOf: URL(fileURLWithPath: resultsPath)))
        var comparison = ReferenceComparison()
        comparison.compare(reference: reference, swift: swift)
        return (comparison, reference)
    }

    // MARK: - Child processes

    /// Runs this executable with `arguments` and decodes the JSON line it prints last.
    private func child<T: Decodable>(_ arguments: [String]) throws -> (figures: T, seconds: Double) {
        let run = try Self.execute([Self.executablePath()] + arguments, captureOutput: true)
        guard run.status == 0 else { throw PhaseError("phase \(arguments[1]) exited with status \(run.status)") }
        guard let line = run.output.split(separator: UInt8(ascii: "\n")).last else {
            throw PhaseError("phase \(arguments[1]) printed nothing")
        }
        return (try JSONDecoder().decode(T.self, from: Data(line)), run.seconds)
    }

    /// Runs a command (standard error passed through), returning its status, its standard output
    /// when captured, and its wall seconds.
    static func execute(_ command: [String], captureOutput: Bool) throws -> (status: Int32, output: [UInt8], seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0].contains("/") ? command[0] : "/usr/bin/env")
        process.arguments = command[0].contains("/") ? Array(command.dropFirst()) : command
        let pipe = Pipe()
        process.standardOutput = captureOutput ? pipe : FileHandle.standardError
        let start = Measurement.now()
        try process.run()
        var output: [UInt8] = []
        if captureOutput { output = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile()) }
        process.waitUntilExit()
        return (process.terminationStatus, output, Measurement.now() - start)
    }

    /// This executable's path (`/proc/self/exe` on Linux).
    static func executablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath { return path }
        return CommandLine.arguments[0]
    }

    private func workDirectory() throws -> String {
        if let given = options.workDirectory {
            try FileManager.default.createDirectory(atPath: given, withIntermediateDirectories: true)
            return given
        }
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("rolelayer-bench-\(getpid())")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("rolelayer-bench: \(text)\n".utf8))
    }
}
