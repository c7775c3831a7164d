/// Runs every construct over a study: the main job of RoleLayer.
///
/// Data flow (architecture.md): responses → ``ResponseTable`` → one ``Cell`` per wave (filtered by
/// segment) → per-wave constructs (Role Shift Index, Organisational Adoption Gradient, blocker
/// distribution, Role Alignment Map, Role Influence Index) → across-wave constructs (Role
/// Lead-Lag Ranking, consensus horizon) → one ``AnalysisResult``.
///
/// Deterministic: the same table, request and seed give the same result, whatever the number of
/// threads. The waves (and the across-wave constructs) run concurrently, each construct's
/// replicates in parallel inside them; the result is assembled in wave order.
public enum Analysis {
    /// Analyses the waves of `table` that fall in the request's range.
    ///
    /// - Parameters:
    ///   - table: the study (every wave; lead-lag indexes waves by their position in it).
    ///   - request: wave range, segment filter and settings.
    /// - Returns: the full result; a wave range that selects no wave gives a result with no waves
    ///   and across-wave constructs that say why they are not available.
    public static func run(table: ResponseTable, request: AnalysisRequest) -> AnalysisResult {
        let settings = request.settings
        let selected = table.waves.indices.filter { request.includes(table.waves[$0]) }
        let cells = selected.map { Cell(table: table, waveIndex: $0, filter: request.segment) }
        // Work items: the across-wave constructs first (the longest item), then one per wave; they
        // run concurrently (each construct also runs its replicates in parallel) and are
        // assembled in order, so the result does not depend on the schedule.
        let work = ParallelChunks.map(count: cells.count + 1) { item -> AnalysisWork in
            if item == 0 {
                return .acrossWaves(leadLag: LeadLagRanking.compute(table: table, cells: cells, settings: settings),
                                    consensus: ConsensusHorizon.compute(table: table, cells: cells, settings: settings))
            }
            let cell = cells[item - 1]
            let previous = Cell.previous(of: cell, among: cells, table: table, filter: request.segment)
            let rsi = RoleShiftIndex.compute(table: table, cell: cell, previous: previous, settings: settings)
            let gradient = AdoptionGradient.compute(table: table, cell: cell, settings: settings)
            let blockers = BlockerDistribution.compute(table: table, cell: cell, settings: settings)
            let alignment = AlignmentMap.analyse(table: table, cell: cell, settings: settings)
            let influence = InfluenceIndex.compute(table: table, cell: cell, settings: settings,
                                                   roleRSI: rsi.publishedValues, alignment: alignment)
            return .wave(WaveAnalysis(
                wave: table.waves[cell.waveIndex], respondents: cell.count,
                organisations: cell.clusterCount, roleShiftIndex: rsi, adoptionGradient: gradient,
                blockers: blockers, alignment: alignment.result, influence: influence))
        }
        var notes: [String] = []
        var waves: [WaveAnalysis] = []
        var leadLag: LeadLagRankingResult?
        var consensus: ConsensusHorizonResult?
        for item in work {
            switch item {
            case let .wave(wave): waves.append(wave)
            case let .acrossWaves(l, c): leadLag = l; consensus = c
            }
        }
        for cell in cells where cell.maturityConflicts > 0 {
            notes.append("\(table.waves[cell.waveIndex]): \(cell.maturityConflicts) organisation(s) gave differing org_stage values; their median was used")
        }
        var clusters = Set<Int32>()
        var organisations = Set<Int32>()
        var respondents = 0
        for cell in cells {
            respondents += cell.count
            for c in cell.clusters {
                clusters.insert(c)
                if table.clusterIsOrganisation[Int(c)] { organisations.insert(c) }
            }
        }
        if table.excludedCount > 0 {
            notes.append("\(table.excludedCount) response(s) left out: their role is not in the instrument \(table.instrument.name)")
        }
        if !table.hasOrganisations {
            notes.append("the data has no organisations: each respondent is their own cluster, and the constructs that compare roles within an organisation are not available")
        }
        return AnalysisResult(
            instrument: table.instrument, settings: settings,
            selection: .init(waves: cells.map { table.waves[$0.waveIndex] }, segment: request.segment),
            cohort: .init(respondents: respondents, organisations: organisations.count, clusters: clusters.count,
                          waves: cells.count, hasOrganisations: table.hasOrganisations),
            waves: waves, acrossWaves: .init(leadLag: leadLag!, consensusHorizon: consensus!), notes: notes)
    }

    /// The diagnostic of one organisation in one wave (constructs.md §8), against the cohort of
    /// that wave (filtered by the request's segment).
    ///
    /// The result identifies roles and is meant only for that organisation's leadership team.
    ///
    /// - Throws: ``AnalysisError`` when the wave is not in the study or the organisation has no
    ///   respondent in it.
    public static func diagnose(table: ResponseTable, organisation: String, wave: Wave,
                                request: AnalysisRequest) throws(AnalysisError) -> OrganisationDiagnosticResult {
        guard let w = table.waves.firstIndex(of: wave) else {
            throw AnalysisError("wave \(wave) is not in the study (waves: \(table.waves.map(\.description).joined(separator: ", ")))")
        }
        let cell = Cell(table: table, waveIndex: w, filter: request.segment)
        guard cell.clusters.contains(where: { table.clusterKeys[Int($0)] == organisation }) else {
            throw AnalysisError("organisation '\(organisation)' has no respondent in wave \(wave)\(request.segment.isEmpty ? "" : " and segment")")
        }
        let settings = request.settings
        let rsi = RoleShiftIndex.compute(table: table, cell: cell, settings: settings)
        let alignment = AlignmentMap.analyse(table: table, cell: cell, settings: settings)
        return OrganisationDiagnostic.compute(table: table, cell: cell, organisation: organisation, settings: settings,
                                              cohortRSI: rsi.publishedValues, alignment: alignment)
    }
}

/// One work item of ``Analysis/run(table:request:)``: a wave's constructs, or the across-wave ones.
private enum AnalysisWork: Sendable {
    case wave(WaveAnalysis)
    case acrossWaves(leadLag: LeadLagRankingResult, consensus: ConsensusHorizonResult)
}

/// What an analysis covers: a wave range, a segment filter, and the settings.
public struct AnalysisRequest: Sendable, Hashable, Codable {
    /// First wave included, or `nil` for the study's first.
    public var fromWave: Wave?
    /// Last wave included, or `nil` for the study's last.
    public var toWave: Wave?
    /// Segment filter applied to every cell.
    public var segment: SegmentFilter
    /// Settings (from the instrument, overridden on the command line).
    public var settings: AnalysisSettings

    /// A request; by default every wave, no filter, the default settings.
    public init(fromWave: Wave? = nil, toWave: Wave? = nil, segment: SegmentFilter = SegmentFilter(),
                settings: AnalysisSettings = AnalysisSettings()) {
        self.fromWave = fromWave
        self.toWave = toWave
        self.segment = segment
        self.settings = settings
    }

    /// `true` when `wave` lies in the range.
    public func includes(_ wave: Wave) -> Bool {
        if let fromWave, wave < fromWave { return false }
        if let toWave, wave > toWave { return false }
        return true
    }
}

/// Why an analysis cannot run as asked (an unknown wave or organisation).
public struct AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence naming what was asked and what exists.
    public var reason: String
    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
