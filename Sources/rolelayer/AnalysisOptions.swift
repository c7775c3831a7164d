import Foundation
import ArgumentParser
import RoleLayerCore
import RoleLayerIO
import RoleLayerStore

/// The options shared by `analyze`, `diagnose`, `report` and `demo`: where the responses come
/// from, which waves and segment, and the settings that override the instrument's.
struct AnalysisOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Response files to analyse instead of the store (canonical CSV or JSON Lines; survey exports with --mapping).", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("The SQLite store (default: $ROLELAYER_DB, else ./rolelayer.sqlite).", valueName: "path"))
    var db: String?

    @OptionGroup var instrumentOptions: InstrumentOptions

    @OptionGroup var mappingOptions: MappingOptions

    @Option(name: .long, help: ArgumentHelp("Waves to analyse: FROM...TO, FROM..., ...TO or one wave (e.g. 2026-Q1...2026-Q4).", valueName: "range"))
    var waves: String?

    @Option(name: .long, help: ArgumentHelp("Restrict to a segment: sector=, size_band=, region= or org_stage= (repeatable).", valueName: "key=value"))
    var segment: [String] = []

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Bootstrap replicates B (0 disables intervals; default from the instrument, 1000).", valueName: "B"))
    var bootstrap: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed of every random draw (default from the instrument, 20260101).", valueName: "seed"))
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Permutations of the joint blocker test (default 999).", valueName: "n"))
    var permutations: Int?

    @Option(name: .customLong("k-respondents"), parsing: .unconditional, help: ArgumentHelp("Anonymity: least respondents behind a published figure (default 5).", valueName: "k"))
    var kRespondents: Int?

    @Option(name: .customLong("k-organisations"), parsing: .unconditional, help: ArgumentHelp("Anonymity: least organisations behind a published figure (default 3).", valueName: "k"))
    var kOrganisations: Int?

    @Option(name: .customLong("position-weights"), parsing: .unconditional, help: ArgumentHelp("Weights of stage, confidence and preparedness in the position score (default 0.5,0.25,0.25).", valueName: "s,c,p"))
    var positionWeights: String?

    @Option(name: .customLong("gatekeeper-threshold"), parsing: .unconditional, help: ArgumentHelp("Sign-off power at or above which a role is a gatekeeper (default 0.5).", valueName: "share"))
    var gatekeeperThreshold: Double?

    @Option(name: .customLong("validator-threshold"), parsing: .unconditional, help: ArgumentHelp("RII at or above which a role is a validator (default 1.25).", valueName: "rii"))
    var validatorThreshold: Double?

    /// The instrument with the command line's settings applied and validated.
    func instrument() throws -> Instrument {
        var instrument = try instrumentOptions.load()
        var s = instrument.settings
        if let bootstrap { s.bootstrapReplicates = bootstrap }
        if let seed { s.seed = seed }
        if let permutations { s.permutations = permutations }
        if let kRespondents { s.minimumRespondents = kRespondents }
        if let kOrganisations { s.minimumOrganisations = kOrganisations }
        if let gatekeeperThreshold { s.gatekeeperThreshold = gatekeeperThreshold }
        if let validatorThreshold { s.validatorThreshold = validatorThreshold }
        if let positionWeights {
            let parts = positionWeights.split(separator: ",").map { Double(String($0).trimmingASCIIWhitespace()) }
            guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else {
                throw CLIError(message: "--position-weights takes three numbers, e.g. 0.5,0.25,0.25", status: .usage)
            }
            s.stageWeight = a; s.confidenceWeight = b; s.preparednessWeight = c
        }
        instrument.settings = s
        try instrument.validate()
        return instrument
    }

    /// The wave range and segment of the request, with the instrument's settings.
    func request(settings: AnalysisSettings) throws -> AnalysisRequest {
        var request = AnalysisRequest(settings: settings)
        if let waves {
            let text = waves.trimmingASCIIWhitespace()
            func wave(_ s: Substring) throws -> Wave? {
                let t = String(s).trimmingASCIIWhitespace()
                if t.isEmpty { return nil }
                guard let w = Wave(parsing: t) else {
                    throw CLIError(message: "--waves: '\(t)' is not a wave (2026-Q1, 2026-03 or 2026)", status: .usage)
                }
                return w
            }
            if let r = text.range(of: "...") {
                request.fromWave = try wave(text[..<r.lowerBound])
                request.toWave = try wave(text[r.upperBound...])
            } else {
                let w = try wave(Substring(text))
                request.fromWave = w
                request.toWave = w
            }
        }
        for item in segment {
            guard let eq = item.firstIndex(of: "=") else {
                throw CLIError(message: "--segment takes KEY=VALUE, got '\(item)'", status: .usage)
            }
            let key = String(item[..<eq]).trimmingASCIIWhitespace().lowercased()
            let value = String(item[item.index(after: eq)...])
            if key == "org_stage" {
                guard let v = Int(value.trimmingASCIIWhitespace()), Stage.range.contains(v) else {
                    throw CLIError(message: "--segment org_stage takes a stage 0...6, got '\(value)'", status: .usage)
                }
                request.segment.orgStage = v
            } else if let k = SegmentKey(rawValue: key) {
                request.segment.values[k] = value
            } else {
                throw CLIError(message: "--segment: unknown key '\(key)' (sector, size_band, region, org_stage)", status: .usage)
            }
        }
        return request
    }

    /// `responses` in the store's order (wave, then respondent_id by its UTF-8 bytes, as SQLite's
    /// `ORDER BY wave, respondent_id`), so that the same data gives byte-identical results whether
    /// it is read from files, in any row order, or from the store: the bootstrap's cluster numbering
    /// and the order of every sum follow the row order.
    static func storeOrder(_ responses: [Response]) -> [Response] {
        let order = responses.indices.sorted { i, j in
            let a = responses[i], b = responses[j]
            if a.wave != b.wave { return a.wave < b.wave }
            if a.respondentID != b.respondentID { return a.respondentID.utf8.lexicographicallyPrecedes(b.respondentID.utf8) }
            return i < j
        }
        return order.map { responses[$0] }
    }

    /// Loads the responses: from the named files (rejected rows are reported on standard error
    /// and left out) or else from the store.
    func loadTable(instrument: Instrument, err: StandardError) throws -> ResponseTable {
        if !files.isEmpty {
            let mappings = try mappingOptions.load(for: files, instrument: instrument)
            let readings = InputFiles.read(files, reader: ResponseReader(instrument: instrument), mappings: mappings, granularity: nil, err: err)
            if let first = readings.unreadable.first { throw first }
            let rejected = readings.reports.reduce(0) { $0 + $1.rejectedRows }
            if rejected > 0 { err.line("rolelayer: \(InputFiles.count(rejected, "row")) rejected and left out of the analysis") }
            let responses = Array(readings.reports.lazy.flatMap { $0.accepted.lazy.map(\.response) })
            return ResponseTable(responses: Self.storeOrder(responses), instrument: instrument)
        }
        _ = try mappingOptions.load(for: files, instrument: instrument)  // --mapping without files: a usage error
        let path = StoreLocation.resolve(db)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(message: "no store at \(path): import responses first (rolelayer import FILE) or name files to analyse", status: .usage)
        }
        let store = try ResponseStore(path: path)
        return ResponseTable(responses: try store.responses(from: nil, to: nil), instrument: instrument)
    }
}
