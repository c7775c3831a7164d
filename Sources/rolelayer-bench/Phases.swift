import Foundation
import RoleLayerCore
import RoleLayerIO
import RoleLayerSimulation
import RoleLayerStore

/// The point estimates of one wave, as the comparison with the Python reference reads them: the
/// five construct results the reference also computes, in the shape that
/// `benchmarks/reference/compare_constructs.py` accepts (one object per wave).
struct WaveConstructs: Codable, Sendable {
    var wave: String
    var rsi: RoleShiftIndexResult
    var gradient: AdoptionGradientResult
    var blockers: BlockerDistributionResult
    var alignment: AlignmentMapResult
    var influence: InfluenceIndexResult
}

/// A phase failed; the message goes to standard error and the process exits with status 1.
struct PhaseError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The work of each benchmark phase. Every phase runs in its own process (the driver starts
/// `rolelayer-bench --phase NAME ...`), so its peak resident memory is its own.
enum Phases {
    // MARK: - simulate

    /// Simulates the default scenario with `organisations` organisations into canonical CSV at `csv`.
    static func simulate(organisations: Int, csv: String) throws -> SimulateFigures {
        var scenario = Scenario.default
        scenario.organisations = organisations
        let simulator = try PanelSimulator(scenario: scenario)
        guard FileManager.default.createFile(atPath: csv, contents: nil),
              let handle = FileHandle(forWritingAtPath: csv) else {
            throw PhaseError("cannot write \(csv)")
        }
        let run = try Measurement.timed { () throws -> Int in
            let writer = CanonicalWriter(handle: handle, format: .csv)
            try simulator.generate { try writer.write($0) }
            try writer.finish()
            try handle.close()
            return writer.count
        }
        return SimulateFigures(
            organisations: organisations, respondents: run.value, bytes: try fileSize(csv),
            seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakBytes: Measurement.peakResidentBytes())
    }

    // MARK: - parse

    /// Parses and validates the CSV `runs` times from its bytes in memory.
    static func parse(csv: String, runs: Int) throws -> ParseFigures {
        let read = try Measurement.timed { try readBytes(csv) }
        let bytes = read.value
        let reader = ResponseReader()
        var seconds: [Double] = []
        var cpu: [Double] = []
        var rows = 0, accepted = 0, rejected = 0
        for _ in 0..<max(runs, 1) {
            let run = Measurement.timed { reader.read(bytes: bytes, fileName: csv, format: .csv) }
            seconds.append(run.seconds)
            cpu.append(run.cpuSeconds)
            rows = run.value.rowsRead
            accepted = run.value.accepted.count
            rejected = run.value.rejectedRows
        }
        let times = RunTimes(seconds: seconds, cpuSeconds: cpu)
        return ParseFigures(
            bytes: bytes.count, rows: rows, accepted: accepted, rejected: rejected,
            seconds: seconds, cpuSeconds: cpu, bestSeconds: times.best, medianSeconds: times.median,
            megabytesPerSecond: Double(bytes.count) / times.best / 1e6,
            rowsPerSecond: Double(rows) / times.best, fileReadSeconds: read.seconds,
            peakBytes: Measurement.peakResidentBytes())
    }

    // MARK: - import

    /// Parses the CSV once, then imports its records `runs` times, each into a new store in `directory`.
    static func importStore(csv: String, directory: String, runs: Int) throws -> ImportFigures {
        let parsed = try Measurement.timed { try ResponseReader().read(path: csv) }
        let records = parsed.value.accepted.map { (response: $0.response, row: $0.row) }
        let parsePeak = Measurement.peakResidentBytes()
        let resetWorked = Measurement.resetPeak()
        var seconds: [Double] = []
        var cpu: [Double] = []
        var openSeconds = 0.0
        var inserted = 0
        var storeBytes = 0
        let path = (directory as NSString).appendingPathComponent("bench-import.sqlite")
        for _ in 0..<max(runs, 1) {
            removeStore(path)
            do {
                let open = try Measurement.timed { try ResponseStore(path: path) }
                openSeconds = open.seconds
                let store = open.value
                let run = try Measurement.timed {
                    try store.importResponses(records, sourceFile: csv, mode: ImportMode())
                }
                seconds.append(run.seconds)
                cpu.append(run.cpuSeconds)
                inserted = run.value.inserted
            }
            storeBytes = ["", "-wal"].reduce(0) { $0 + ((try? fileSize(path + $1)) ?? 0) }
        }
        let peak = Measurement.peakResidentBytes()
        removeStore(path)
        let times = RunTimes(seconds: seconds, cpuSeconds: cpu)
        return ImportFigures(
            rows: records.count, inserted: inserted, seconds: seconds, cpuSeconds: cpu,
            bestSeconds: times.best, medianSeconds: times.median,
            rowsPerSecond: Double(records.count) / times.best, openSeconds: openSeconds,
            storeBytes: storeBytes, parseSeconds: parsed.seconds,
            peakBytes: maximum(parsePeak, peak), importPeakBytes: resetWorked ? peak : nil)
    }

    // MARK: - analysis

    /// Parses the CSV, builds the table and runs every construct as `Analysis.run` does, timing
    /// each; writes the five reference constructs per wave to `results` (JSON) when given.
    ///
    /// The headline figure is `Analysis.run(table:request:)` itself, timed once. The breakdown
    /// run that follows mirrors it serially (Sources/RoleLayerCore/Analysis/Analysis.swift)
    /// with the default request: every wave, no segment filter, the instrument's settings with
    /// `bootstrapReplicates = bootstrap` and `seed = seed`.
    static func analysis(csv: String, bootstrap: Int, seed: UInt64, results: String?, matched: Bool) throws -> AnalysisFigures {
        let instrument = Instrument.default
        var settings = instrument.settings
        settings.bootstrapReplicates = bootstrap
        settings.seed = seed

        let parsed = try Measurement.timed { try ResponseReader(instrument: instrument).read(path: csv) }
        var report: ReadReport? = parsed.value
        let resident = Measurement.residentBytes()
        let parsePeak = Measurement.peakResidentBytes()
        let resetWorked = Measurement.resetPeak()
        let built = Measurement.timed {
            ResponseTable(responses: report!.accepted.lazy.map(\.response), instrument: instrument)
        }
        report = nil
        let table = built.value

        // The headline: the whole analysis as the CLI runs it.
        let whole = Measurement.timed { Analysis.run(table: table, request: AnalysisRequest(settings: settings)) }

        // The breakdown: each construct alone, wave after wave.
        var clock = StepClock(waves: table.waves.count)
        let cells = clock.time("cells", wave: nil) { table.waves.indices.map { Cell(table: table, waveIndex: $0) } }
        var out: [WaveConstructs] = []
        for cell in cells {
            let w = cell.waveIndex
            let previous = clock.time("cells", wave: w) { Cell.previous(of: cell, among: cells, table: table) }
            let rsi = clock.time("roleShiftIndex", wave: w) {
                RoleShiftIndex.compute(table: table, cell: cell, previous: previous, settings: settings)
            }
            let gradient = clock.time("adoptionGradient", wave: w) {
                AdoptionGradient.compute(table: table, cell: cell, settings: settings)
            }
            let blockers = clock.time("blockerDistribution", wave: w) {
                BlockerDistribution.compute(table: table, cell: cell, settings: settings)
            }
            let alignment = clock.time("alignmentMap", wave: w) {
                AlignmentMap.analyse(table: table, cell: cell, settings: settings)
            }
            let influence = clock.time("influenceIndex", wave: w) {
                InfluenceIndex.compute(table: table, cell: cell, settings: settings,
                                       roleRSI: rsi.publishedValues, alignment: alignment)
            }
            out.append(WaveConstructs(wave: table.waves[w].description, rsi: rsi, gradient: gradient,
                                      blockers: blockers, alignment: alignment.result, influence: influence))
        }
        _ = clock.time("leadLagRanking", wave: nil) { LeadLagRanking.compute(table: table, cells: cells, settings: settings) }
        _ = clock.time("consensusHorizon", wave: nil) { ConsensusHorizon.compute(table: table, cells: cells, settings: settings) }
        let organisations = clock.time("cohortTally", wave: nil) { () -> Int in
            var organisations = Set<Int32>()
            for cell in cells {
                for c in cell.clusters where table.clusterIsOrganisation[Int(c)] { organisations.insert(c) }
            }
            return organisations.count
        }
        let peak = Measurement.peakResidentBytes()

        var matchedRun: MatchedFigures?
        var pointOnly: MatchedFigures?
        if matched {
            var same = settings
            same.permutations = 0
            matchedRun = referenceWork(table: table, settings: same)
            same.bootstrapReplicates = 0
            pointOnly = referenceWork(table: table, settings: same)
        }

        if let results {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(out).write(to: URL(fileURLWithPath: results))
        }
        let steps = clock.steps
        let constructSeconds = steps.reduce(0) { $0 + $1.seconds }
        let constructCPU = steps.reduce(0) { $0 + $1.cpuSeconds }
        return AnalysisFigures(
            respondents: table.count, organisations: organisations, waves: table.waves.count,
            bootstrap: bootstrap, permutations: settings.permutations,
            parseSeconds: parsed.seconds, parseCPUSeconds: parsed.cpuSeconds, tableSeconds: built.seconds, tableCPUSeconds: built.cpuSeconds,
            constructSeconds: whole.seconds, constructCPUSeconds: whole.cpuSeconds,
            breakdownSeconds: constructSeconds, breakdownCPUSeconds: constructCPU,
            totalSeconds: built.seconds + whole.seconds, totalCPUSeconds: built.cpuSeconds + whole.cpuSeconds,
            constructs: steps,
            matched: matchedRun, matchedPointOnly: pointOnly,
            processPeakBytes: maximum(parsePeak, peak), analysisPeakBytes: resetWorked ? peak : nil,
            residentBeforeTableBytes: resident)
    }

    /// The five per-wave constructs the Python reference also computes, timed (see ``MatchedFigures``).
    static func referenceWork(table: ResponseTable, settings: AnalysisSettings) -> MatchedFigures {
        var clock = StepClock(waves: table.waves.count)
        let fresh = clock.time("cells", wave: nil) { table.waves.indices.map { Cell(table: table, waveIndex: $0) } }
        for cell in fresh {
            let w = cell.waveIndex
            let rsi = clock.time("roleShiftIndex", wave: w) { RoleShiftIndex.compute(table: table, cell: cell, settings: settings) }
            _ = clock.time("adoptionGradient", wave: w) { AdoptionGradient.compute(table: table, cell: cell, settings: settings) }
            _ = clock.time("blockerDistribution", wave: w) { BlockerDistribution.compute(table: table, cell: cell, settings: settings) }
            let alignment = clock.time("alignmentMap", wave: w) { AlignmentMap.analyse(table: table, cell: cell, settings: settings) }
            _ = clock.time("influenceIndex", wave: w) {
                InfluenceIndex.compute(table: table, cell: cell, settings: settings, roleRSI: rsi.publishedValues, alignment: alignment)
            }
        }
        let steps = clock.steps
        return MatchedFigures(
            bootstrap: settings.bootstrapReplicates, permutations: settings.permutations,
            seconds: steps.reduce(0) { $0 + $1.seconds }, cpuSeconds: steps.reduce(0) { $0 + $1.cpuSeconds },
            constructs: steps)
    }

    // MARK: - Helpers

    static func fileSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PhaseError("cannot read \(path)") }
        return [UInt8](data)
    }

    /// The larger of two optional byte counts.
    static func maximum(_ a: Int?, _ b: Int?) -> Int? {
        switch (a, b) {
        case let (a?, b?): max(a, b)
        default: a ?? b
        }
    }

    static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Accumulates wall and CPU seconds per named step, in first-use order.
struct StepClock {
    private(set) var steps: [ConstructTime] = []
    private var index: [String: Int] = [:]
    let waves: Int

    init(waves: Int) { self.waves = waves }

    /// Times `body` under `name`; `wave` (an index) also records it in that wave's slot.
    mutating func time<T>(_ name: String, wave: Int?, _ body: () throws -> T) rethrows -> T {
        let run = try Measurement.timed(body)
        let i: Int
        if let j = index[name] {
            i = j
        } else {
            i = steps.count
            index[name] = i
            steps.append(ConstructTime(name: name, seconds: 0, cpuSeconds: 0, perWave: wave == nil ? [] : Array(repeating: 0, count: waves)))
        }
        steps[i].seconds += run.seconds
        steps[i].cpuSeconds += run.cpuSeconds
        if let wave, wave < steps[i].perWave.count { steps[i].perWave[wave] += run.seconds }
        return run.value
    }
}
