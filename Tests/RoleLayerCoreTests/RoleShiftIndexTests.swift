import Foundation
import Testing
@testable import RoleLayerCore

/// The Role Shift Index (constructs.md §1).
///
/// Expected values were computed with the short Python script below (numpy 2.4, run by hand):
/// ```python
/// def x(s, c=None, p=None):           # constructs.md §1, weights renormalised
///     num, den = 0.5*s/6, 0.5
///     if c is not None: num += 0.25*(c-1)/6; den += 0.25
///     if p is not None: num += 0.25*(p-1)/6; den += 0.25
///     return 100*num/den
/// rsi = lambda rows: sum(x(*a)*w for a, w in rows) / sum(w for a, w in rows)
/// # cto wave 1: x(4,5,6), x(5,7,-), x(3,4,4), x(6,-,-), x(2,3,5) weight 2 -> 65.50925925925925
/// # cfo wave 1: x(2,2,2), x(3,3,3), x(3), x(1,1,1), x(4,6,6) -> 40.0
/// # wave 2: cto 71.66666666666666, cmo 33.33333333333333, cfo 48.33333333333333
/// # shifts: cto 6.157407407407405, cmo 16.666666666666664, cfo 8.333333333333329
/// # panel (mean over organisations of the change of the role's weighted mean):
/// #   cto [3.4722222222222285, 16.666666666666657, 38.88888888888889] -> 19.675925925925927
/// #   cmo [16.666666666666664, 7.1e-15, 24.999999999999996] -> 13.888888888888891
/// ```
struct RoleShiftIndexTests {
    typealias F = CohortFixture

    /// Wave 1: cto and cfo have five respondents in three organisations, cmo four.
    static let wave1: [Response] = [
        F.response("a1", org: "o1", role: .cto, stage: 4, c: 5, p: 6),
        F.response("a2", org: "o1", role: .cto, stage: 5, c: 7),
        F.response("a3", org: "o2", role: .cto, stage: 3, c: 4, p: 4),
        F.response("a4", org: "o3", role: .cto, stage: 6),
        F.response("a5", org: "o3", role: .cto, stage: 2, c: 3, p: 5, weight: 2),
        F.response("b1", org: "o1", role: .cmo, stage: 1),
        F.response("b2", org: "o2", role: .cmo, stage: 2),
        F.response("b3", org: "o3", role: .cmo, stage: 1),
        F.response("b4", org: "o3", role: .cmo, stage: 0),
        F.response("f1", org: "o1", role: .cfo, stage: 2, c: 2, p: 2),
        F.response("f2", org: "o2", role: .cfo, stage: 3, c: 3, p: 3),
        F.response("f3", org: "o2", role: .cfo, stage: 3),
        F.response("f4", org: "o3", role: .cfo, stage: 1, c: 1, p: 1),
        F.response("f5", org: "o3", role: .cfo, stage: 4, c: 6, p: 6),
    ]

    /// Wave 2: o1-o3 answer again (a panel), o4-o6 are new.
    static let wave2: [Response] = [
        F.response("a1", org: "o1", wave: F.q2, role: .cto, stage: 5, c: 6, p: 6),
        F.response("a2", org: "o2", wave: F.q2, role: .cto, stage: 4, c: 5, p: 5),
        F.response("a3", org: "o3", wave: F.q2, role: .cto, stage: 6, c: 7, p: 7),
        F.response("a4", org: "o4", wave: F.q2, role: .cto, stage: 3),
        F.response("a5", org: "o4", wave: F.q2, role: .cto, stage: 4, c: 4, p: 4),
        F.response("b1", org: "o1", wave: F.q2, role: .cmo, stage: 2),
        F.response("b2", org: "o2", wave: F.q2, role: .cmo, stage: 2, c: 3),
        F.response("b3", org: "o3", wave: F.q2, role: .cmo, stage: 1),
        F.response("b4", org: "o3", wave: F.q2, role: .cmo, stage: 3),
        F.response("f1", org: "o1", wave: F.q2, role: .cfo, stage: 3),
        F.response("f2", org: "o2", wave: F.q2, role: .cfo, stage: 3, c: 4, p: 4),
        F.response("f3", org: "o5", wave: F.q2, role: .cfo, stage: 2),
        F.response("f4", org: "o5", wave: F.q2, role: .cfo, stage: 2, c: 2, p: 2),
        F.response("f5", org: "o6", wave: F.q2, role: .cfo, stage: 5),
    ]

    static func figures(_ result: RoleShiftIndexResult, _ role: Role) -> RoleShiftIndexResult.RoleFigures {
        result.roles[F.index(role)]
    }

    /// RSI, stage distribution and weighted lower median stage match the hand computation.
    @Test func handComputedIndex() {
        let table = ResponseTable(responses: Self.wave1, instrument: .default)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 0), settings: F.settings())
        #expect(result.roles.count == 10)
        #expect(result.respondents == 14 && result.organisations == 3)
        expectRelative(result.stageStep, 50.0 / 6)
        let cto = Self.figures(result, .cto)
        expectRelative(cto.roleShiftIndex.value, 65.50925925925925)
        #expect(cto.roleShiftIndex.n == 5 && cto.roleShiftIndex.organisations == 3)
        #expect(cto.medianStage == 3)  // weights 2,1,1,1,1 at stages 2..6: cumulative 3 of 6 at stage 3
        let expected = [0.0, 0, 2.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6]
        expectClose(cto.stageDistribution ?? [], expected, 1e-12)
        let cfo = Self.figures(result, .cfo)
        expectRelative(cfo.roleShiftIndex.value, 40.0)
        #expect(cfo.medianStage == 3)
        expectClose(cfo.stageDistribution ?? [], [0, 0.2, 0.2, 0.4, 0.2, 0, 0], 1e-12)
        #expect(cto.shift == nil && cto.panelShift == nil && result.previousWave == nil)
        #expect(result.publishedValues.count == 10 && result.publishedValues[F.index(.cmo)] == nil)
    }

    /// A role with four respondents is suppressed with its reason; absent roles too.
    @Test func anonymity() {
        let table = ResponseTable(responses: Self.wave1, instrument: .default)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 0), settings: F.settings())
        let cmo = Self.figures(result, .cmo)
        #expect(cmo.roleShiftIndex.value == nil)
        #expect(cmo.roleShiftIndex.reason == "suppressed")
        #expect(cmo.roleShiftIndex.n == 4 && cmo.roleShiftIndex.organisations == 3)
        #expect(cmo.stageDistribution == nil && cmo.medianStage == nil)
        let ceo = Self.figures(result, .ceo)
        #expect(ceo.roleShiftIndex.reason == "suppressed" && ceo.roleShiftIndex.n == 0)
    }

    /// Shifts and panel shifts match the hand computation; the panel needs organisations in both waves.
    @Test func handComputedShifts() {
        let table = ResponseTable(responses: Self.wave1 + Self.wave2, instrument: .default)
        let settings = F.settings(kResp: 3, kOrg: 3)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 1),
                                            previous: Cell(table: table, waveIndex: 0), settings: settings)
        #expect(result.previousWave == F.q1 && result.wave == F.q2)
        let cto = Self.figures(result, .cto)
        expectRelative(cto.roleShiftIndex.value, 71.66666666666666)
        expectRelative(cto.shift?.value, 6.157407407407405)
        #expect(cto.shift?.n == 10 && cto.shift?.organisations == 4)
        expectRelative(cto.panelShift?.value, 19.675925925925927)
        #expect(cto.panelShift?.n == 8 && cto.panelShift?.organisations == 3)
        #expect(cto.panelShiftIsSignificant != nil)
        let cmo = Self.figures(result, .cmo)
        expectRelative(cmo.shift?.value, 16.666666666666664)
        expectRelative(cmo.panelShift?.value, 13.888888888888891)
        let cfo = Self.figures(result, .cfo)
        expectRelative(cfo.shift?.value, 8.333333333333329)
        #expect(cfo.shift?.organisations == 5)
        // cfo answered in both waves only in o1 and o2: two organisations, suppressed.
        #expect(cfo.panelShift?.reason == "suppressed")
        #expect(cfo.panelShift?.organisations == 2 && cfo.panelShift?.n == 5)
        #expect(cfo.panelShiftIsSignificant == nil)
        let ceo = Self.figures(result, .ceo)
        #expect(ceo.panelShift?.reason == "not available: no organisation in which the role answered in both waves")
    }

    /// The fast-path interval equals the percentile interval of a naive recomputation on the
    /// resampled respondents.
    @Test func intervalMatchesNaiveBootstrap() {
        let table = ResponseTable(responses: Self.wave1, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0)
        let settings = F.settings(bootstrap: 300)
        let result = RoleShiftIndex.compute(table: table, cell: cell, settings: settings)
        let cto = Int16(F.index(.cto))
        let naive = ClusterBootstrap(settings: settings).run(clusterCount: cell.clusterCount, statisticCount: 1) { m, out in
            var s = 0.0, w = 0.0
            for k in 0..<cell.count {
                let i = Int(cell.rows[k])
                guard table.role[i] == cto else { continue }
                let mult = Double(m[Int(cell.localCluster[k])])
                s += mult * table.weight[i] * table.position[i]
                w += mult * table.weight[i]
            }
            out[0] = w > 0 ? s / w : nil
        }[0]
        let estimate = Self.figures(result, .cto).roleShiftIndex
        expectRelative(estimate.lower, naive.lower!, 1e-12)
        expectRelative(estimate.upper, naive.upper!, 1e-12)
        #expect(estimate.lower! <= estimate.value! && estimate.value! <= estimate.upper!)
    }

    /// B = 0 disables intervals and the significance flags, with the reason.
    @Test func bootstrapDisabled() {
        let table = ResponseTable(responses: Self.wave1 + Self.wave2, instrument: .default)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 1),
                                            previous: Cell(table: table, waveIndex: 0),
                                            settings: F.settings(bootstrap: 0, kResp: 3))
        let cto = Self.figures(result, .cto)
        #expect(cto.roleShiftIndex.lower == nil)
        #expect(cto.roleShiftIndex.intervalReason == "bootstrap disabled (B = 0)")
        #expect(cto.shiftIsSignificant == nil && cto.panelShiftIsSignificant == nil)
        #expect(cto.panelShift?.value != nil)
    }

    /// Data without organisations: each respondent is a cluster; the panel shift is not available.
    @Test func noOrganisations() {
        let strip = { (r: Response) -> Response in var r = r; r.organisationID = nil; return r }
        let table = ResponseTable(responses: (Self.wave1 + Self.wave2).map(strip), instrument: .default)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 1),
                                            previous: Cell(table: table, waveIndex: 0), settings: F.settings())
        let cto = Self.figures(result, .cto)
        expectRelative(cto.roleShiftIndex.value, 71.66666666666666)
        #expect(cto.roleShiftIndex.organisations == 5)
        #expect(cto.roleShiftIndex.lower != nil)
        expectRelative(cto.shift?.value, 6.157407407407405)
        #expect(cto.panelShift?.value == nil)
        #expect(cto.panelShift?.reason?.hasPrefix("not available") == true)
        #expect(result.organisations == 14)
    }

    /// Same data and seed give the same result; another seed moves the intervals.
    @Test func deterministic() {
        let table = ResponseTable(responses: Self.wave1 + Self.wave2, instrument: .default)
        let run = { (seed: UInt64) in
            RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 1),
                                   previous: Cell(table: table, waveIndex: 0), settings: F.settings(kResp: 3, seed: seed))
        }
        #expect(run(7) == run(7))
        #expect(run(7) != run(8))
    }

    /// Weights of x overridden in the settings are used instead of the instrument's.
    @Test func settingsWeights() {
        let table = ResponseTable(responses: Self.wave1, instrument: .default)
        var settings = F.settings(bootstrap: 0)
        settings.confidenceWeight = 0
        settings.preparednessWeight = 0
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 0), settings: settings)
        // stage only: cfo stages 2,3,3,1,4 -> mean 2.6 -> 100 * 2.6 / 6
        expectRelative(Self.figures(result, .cfo).roleShiftIndex.value, 100 * 2.6 / 6)
    }

    /// An empty cell (a segment nobody is in) gives every role suppressed with n = 0.
    @Test func emptyCell() {
        let table = ResponseTable(responses: Self.wave1, instrument: .default)
        let cell = Cell(table: table, waveIndex: 0, filter: SegmentFilter(values: [.sector: "none"]))
        let result = RoleShiftIndex.compute(table: table, cell: cell, settings: F.settings())
        #expect(result.respondents == 0 && result.roles.allSatisfy { $0.roleShiftIndex.reason == "suppressed" && $0.roleShiftIndex.n == 0 })
    }

    /// The result encodes to JSON and decodes to the same value.
    @Test func codableRoundTrip() throws {
        let table = ResponseTable(responses: Self.wave1 + Self.wave2, instrument: .default)
        let result = RoleShiftIndex.compute(table: table, cell: Cell(table: table, waveIndex: 1),
                                            previous: Cell(table: table, waveIndex: 0), settings: F.settings(kResp: 3))
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(RoleShiftIndexResult.self, from: data) == result)
    }
}
