import RoleLayerCore
import RoleLayerSimulation
@testable import RoleLayerReport

/// Every construct computed on a small simulated panel of the default scenario (200
/// organisations, 4 waves, B = 100), once per test run.
enum SimulatedCohort {
    static let settings: AnalysisSettings = {
        var s = AnalysisSettings()
        s.bootstrapReplicates = 100
        s.permutations = 99
        return s
    }()

    static let responses: [Response] = {
        var scenario = Scenario.default
        scenario.organisations = 200
        return try! PanelSimulator(scenario: scenario).responses()
    }()

    static let table = ResponseTable(responses: responses, instrument: .default)

    /// The first organisation (in ID order) with at least five respondents in the last wave.
    static let diagnosedOrganisation: String = {
        let last = table.waves[table.waves.count - 1]
        var counts: [String: Int] = [:]
        for r in responses where r.wave == last { if let o = r.organisationID { counts[o, default: 0] += 1 } }
        return counts.filter { $0.value >= 5 }.keys.sorted().first!
    }()

    static let input: CohortReportInput = {
        let t = table
        let cells = (0..<t.waves.count).map { Cell(table: t, waveIndex: $0) }
        let last = cells[cells.count - 1]
        let rsi = RoleShiftIndex.compute(table: t, cell: last, previous: cells.count > 1 ? cells[cells.count - 2] : nil, settings: settings)
        let alignment = AlignmentMap.analyse(table: t, cell: last, settings: settings)
        let roleRSI = rsi.roles.map { $0.roleShiftIndex.value }
        return CohortReportInput(
            instrument: .default, settings: settings, cohortName: "Simulated <demo> & co", studyWaves: t.waves,
            roleShiftIndex: rsi,
            adoptionGradient: AdoptionGradient.compute(table: t, cell: last, settings: settings),
            blockers: BlockerDistribution.compute(table: t, cell: last, settings: settings),
            alignment: alignment.result,
            leadLag: LeadLagRanking.compute(table: t, cells: cells, settings: settings),
            influence: InfluenceIndex.compute(table: t, cell: last, settings: settings, roleRSI: roleRSI, alignment: alignment),
            consensus: ConsensusHorizon.compute(table: t, cells: cells, settings: settings),
            generator: "RoleLayer test")
    }()

    static let diagnostic: OrganisationDiagnosticResult = {
        let t = table
        let last = Cell(table: t, waveIndex: t.waves.count - 1)
        return OrganisationDiagnostic.compute(table: t, cell: last, organisation: diagnosedOrganisation, settings: settings,
                                              cohortRSI: input.roleShiftIndex.roles.map { $0.roleShiftIndex.value })
    }()
}
