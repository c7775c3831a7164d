import Foundation
import Testing
@testable import RoleLayerCore

/// The consensus horizon (constructs.md §7).
struct ConsensusHorizonTests {
    typealias F = AlignmentFixtures

    /// Eight organisations with a CFO and a CTO over three waves. Everyone lists the CFO under
    /// `signoff`, so the CFO is the gatekeeper (sign-off power 1 over at least five CTOs in every
    /// wave). A_o = 1 − |d_cfo − d_cto|/4, so consensus needs |d_cfo − d_cto| ≤ 1 and a CFO at
    /// stage ≥ 3. Per organisation (wave: directions, CFO stage):
    /// A: W1 (2,2) s4 → event at 0.  B: W1 (2,−2); W2 (1,1) s2 (gatekeeper too early); W3 (1,1) s3 → 2.
    /// C: W1 (2,−2); W2 (1,0) s3 → 1.  D: never → censored at 2.  E: absent W1; W2 (0,2); W3 (0,0) → 1.
    /// F: W1 (2,−2); absent W2; W3 (1,1) → 2.  G: W1, W2 no; absent W3 → censored at 1.  H: never → 2.
    /// Kaplan-Meier: S(0) = 7/8, S(1) = 7/8·5/7 = 0.625, S(2) = 0.625·2/4 = 0.3125; median 2; log-log
    /// band (tools/oracles/constructs-b-expected.py, `consensus_case`): lower band ≤ 0.5 first at 0,
    /// upper band never ≤ 0.5 (0.6408 at 2), so the interval is [0, not available].
    static func panel(organisations: Bool = true, only: Set<String>? = nil) -> [Response] {
        // (org, wave, d_cfo, d_cto, cfo stage)
        let rows: [(String, String, Int, Int, Int)] = [
            ("A", "2026-Q1", 2, 2, 4),
            ("B", "2026-Q1", 2, -2, 3), ("B", "2026-Q2", 1, 1, 2), ("B", "2026-Q3", 1, 1, 3),
            ("C", "2026-Q1", 2, -2, 3), ("C", "2026-Q2", 1, 0, 3),
            ("D", "2026-Q1", 2, -2, 4), ("D", "2026-Q2", 2, -2, 4), ("D", "2026-Q3", -2, 1, 4),
            ("E", "2026-Q2", 0, 2, 5), ("E", "2026-Q3", 0, 0, 5),
            ("F", "2026-Q1", 2, -2, 3), ("F", "2026-Q3", 1, 1, 3),
            ("G", "2026-Q1", 2, -2, 3), ("G", "2026-Q2", 2, 0, 3),
            ("H", "2026-Q1", 2, -2, 3), ("H", "2026-Q2", 2, -2, 3), ("H", "2026-Q3", 2, -2, 3),
        ]
        var rs: [Response] = []
        for (org, wave, dc, dt, stage) in rows where only?.contains(org) ?? true {
            let o: String? = organisations ? org : nil
            rs.append(F.response("\(org)\(wave)f", org: o, wave: wave, role: "cfo", stage: stage, dir: dc, sign: []))
            rs.append(F.response("\(org)\(wave)t", org: o, wave: wave, role: "cto", stage: 1, dir: dt, sign: ["cfo"]))
        }
        return rs
    }

    static func cells(_ t: ResponseTable) -> [Cell] { (0..<t.waves.count).map { Cell(table: t, waveIndex: $0) } }

    /// Kaplan-Meier curve, median and counts of the hand case.
    @Test func handComputedPanel() throws {
        let t = ResponseTable(responses: Self.panel(), instrument: .default)
        let r = ConsensusHorizon.compute(table: t, cells: Self.cells(t).reversed(), settings: F.noBootstrap)
        #expect(r.unavailableReason == nil)
        #expect(r.waves.map(\.description) == ["2026-Q1", "2026-Q2", "2026-Q3"])
        #expect(r.organisations == 8 && r.reachedConsensus == 5 && r.censored == 3 && r.inConsensusAtEntry == 1)
        #expect(r.medianWaves.value == 2)
        #expect(r.medianWaves.lower == 0)
        #expect(r.medianWaves.upper == nil && r.medianWaves.intervalReason?.hasPrefix("not available") == true)
        #expect(r.medianWaves.organisations == 8)
        #expect(r.curve.count == 3)
        #expect(r.curve[0].atRisk == 8 && r.curve[0].events == 1 && r.curve[0].survival == 0.875)
        #expect(abs(r.curve[0].lower! - 0.38700001403202505) < 1e-9 && abs(r.curve[0].upper! - 0.981392965878966) < 1e-9)
        #expect(r.curve[1].atRisk == 7 && r.curve[1].events == 2 && r.curve[1].censored == 1)
        #expect(abs(r.curve[1].survival! - 0.625) < 1e-12)
        #expect(r.curve[2].atRisk == 4 && r.curve[2].survival == nil && r.curve[2].reason == "suppressed")
        #expect(r.byWave.map(\.gatekeepers) == [["cfo"], ["cfo"], ["cfo"]])
        let shares: [Double?] = r.byWave.map { $0.shareInConsensus.value }
        let expected: [Double?] = [1.0 / 7, 1.0 / 6, 3.0 / 5]
        #expect(shares == expected)
    }

    /// Fewer than three waves: not available, with the reason.
    @Test func needsThreeWaves() {
        let t = ResponseTable(responses: Self.panel(), instrument: .default)
        let r = ConsensusHorizon.compute(table: t, cells: Array(Self.cells(t).prefix(2)), settings: F.noBootstrap)
        #expect(r.unavailableReason == ConsensusHorizon.tooFewWavesReason)
        #expect(r.medianWaves.reason == ConsensusHorizon.tooFewWavesReason)
    }

    /// Data without organisations: not available, with the reason.
    @Test func noOrganisations() {
        let t = ResponseTable(responses: Self.panel(organisations: false), instrument: .default)
        let r = ConsensusHorizon.compute(table: t, cells: Self.cells(t), settings: F.noBootstrap)
        #expect(r.unavailableReason == AlignmentMap.noOrganisationsReason)
    }

    /// Four organisations: the median is suppressed; the counts stay.
    @Test func fourOrganisationsSuppressed() {
        let t = ResponseTable(responses: Self.panel(only: ["B", "C", "D", "H"]), instrument: .default)
        let r = ConsensusHorizon.compute(table: t, cells: Self.cells(t), settings: F.noBootstrap)
        #expect(r.organisations == 4)
        #expect(r.medianWaves.reason == AnonymityRule.suppressedReason)
        #expect(r.curve.isEmpty)
    }

    /// Same input, same result and JSON.
    @Test func deterministic() throws {
        let t = ResponseTable(responses: Self.panel(), instrument: .default)
        let a = ConsensusHorizon.compute(table: t, cells: Self.cells(t), settings: AnalysisSettings())
        let b = ConsensusHorizon.compute(table: t, cells: Self.cells(t), settings: AnalysisSettings())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(a) == encoder.encode(b))
    }
}
