import Foundation
import Testing
import RoleLayerCore
import RoleLayerSimulation

/// Recovery of the planted influence and alignment structure by the Role Influence Index, the
/// Role Alignment Map, the consensus horizon and the organisation diagnostic, on the default
/// scenario's panel (1,000 organisations, 4 waves).
struct ConstructsBRecoveryTests {
    static let table = ResponseTable(responses: Fixture.panel, instrument: .default)
    static var settings: AnalysisSettings {
        var s = AnalysisSettings()
        s.bootstrapReplicates = 0  // classification and point values only; intervals are tested in RoleLayerCoreTests
        return s
    }

    /// The planted gatekeepers (cfo, gc) are classified as gatekeepers in every wave, and nothing else is.
    @Test func plantedGatekeepers() {
        let t = Self.table
        for w in 0..<t.waves.count {
            let cell = Cell(table: t, waveIndex: w)
            let r = InfluenceIndex.compute(table: t, cell: cell, settings: Self.settings, roleRSI: [])
            let gatekeepers = r.roles.filter { $0.archetype == .gatekeeper }.map(\.role)
            #expect(gatekeepers == Fixture.planted.gatekeepers, "wave \(t.waves[w])")
            let validators = Set(r.roles.filter { $0.archetype == .validator }.map(\.role))
            #expect(validators == Set(Fixture.planted.validators), "wave \(t.waves[w])")
        }
    }

    /// The planted fault lines lead the observed ones: the widest planted pair is among the three
    /// lowest published pairs, and the three widest planted pairs among the five lowest.
    @Test func plantedFaultLines() {
        let t = Self.table
        let cell = Cell(table: t, waveIndex: 0)
        let r = AlignmentMap.compute(table: t, cell: cell, settings: Self.settings)
        let observed = r.faultLines.map { Set([$0.roleA, $0.roleB]) }
        let planted = Fixture.planted.faultLines.map { Set([$0.a, $0.b]) }
        #expect(observed.count == 5)
        #expect(observed.prefix(3).contains(planted[0]))
        for pair in planted.prefix(3) { #expect(observed.contains(pair)) }
        // The observed map is close to the planted expectation where both exist.
        let expected = Fixture.planted.expectedAlignment
        for p in r.pairs where p.roleA != p.roleB {
            guard let v = p.alignment.value, let i = t.instrument.index(of: p.roleA), let j = t.instrument.index(of: p.roleB) else { continue }
            #expect(abs(v - expected[i][j]) < 0.05, "\(p.roleA)-\(p.roleB)")
        }
        // Leaders of one organisation agree more than strangers.
        let excess = r.pairs.compactMap { $0.roleA != $0.roleB ? $0.excess.value : nil }
        #expect(excess.filter { $0 > 0 }.count > excess.count / 2)
    }

    /// The consensus horizon runs over the four waves and every count adds up.
    @Test func consensusOnPanel() {
        let t = Self.table
        let cells = (0..<t.waves.count).map { Cell(table: t, waveIndex: $0) }
        let r = ConsensusHorizon.compute(table: t, cells: cells, settings: Self.settings)
        #expect(r.unavailableReason == nil)
        #expect(r.organisations > 900)
        #expect(r.reachedConsensus + r.censored == r.organisations)
        #expect(r.byWave.map(\.gatekeepers) == Array(repeating: Fixture.planted.gatekeepers, count: 4))
        for s in r.curve { if let v = s.survival { #expect(v >= 0 && v <= 1) } }
    }

    /// The diagnostic of one simulated organisation states its purpose and carries no respondent id.
    @Test func diagnosticOfOneOrganisation() throws {
        let t = Self.table
        let cell = Cell(table: t, waveIndex: 0)
        let org = PanelSimulator.organisationID(0)
        let r = OrganisationDiagnostic.compute(table: t, cell: cell, organisation: org, settings: Self.settings, cohortRSI: [])
        #expect(r.unavailableReason == nil)
        #expect(r.notice.contains("identifies roles"))
        let ids = Set(Fixture.panel.filter { $0.organisationID == org }.map(\.respondentID))
        let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        for id in ids { #expect(!json.contains("\"\(id)\"")) }
    }
}
