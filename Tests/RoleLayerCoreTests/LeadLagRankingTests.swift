import Foundation
import Testing
@testable import RoleLayerCore

/// The Role Lead-Lag Ranking (constructs.md §5 and its settled conventions).
///
/// A panel of eight organisations over four quarters; every organisation answers with cto, cfo,
/// ciso and cmo each wave (stage only, so x = 100·s/6). Expected values from a short numpy/scipy
/// script run by hand (`rankdata` for ranks, Kendall's W with the tie term, `np.polyfit` for slopes):
/// ```
/// RSI  cfo 16.67 33.33 50 66.67 | cto 33.33 50 66.67 83.33 | ciso 0 20.83 41.67 62.5 | cmo 0 8.33 16.67 25
/// ranks per wave (cfo, cto, ciso, cmo): [2,1,3.5,3.5] [2,1,3,4] x3; mean ranks 2, 1, 3.125, 3.875
/// Kendall's W 0.9807692307692307
/// mean differences: cto-cfo 16.666666666666664, cto-ciso 27.083333333333332, cto-cmo 45.83333333333333
/// gap slopes: cto-ciso -4.166666666666678 (fitted last gap 20.83 -> projected close 3.0 waves),
///   cfo-ciso -4.166666666666669 (fitted last 4.17 < one step -> 0), cto-cmo 8.333333333333323
/// sigma: SD per wave 15.957118462605637 17.800007802744858 20.833333333333336 24.620969307271995,
///   slope 2.9024878064587547
/// lags by hand: cfo behind cto: tau = 1 in waves 1-3 (wave 0 at the leader's first wave: skipped) -> 1
///   ciso behind cto: wave 1 censored (> 1), wave 2 t = 0.5 -> 1.5, wave 3 t = 1.75 -> 1.25 -> 1.375
///   cmo behind cto: every level below cto's first value -> more than 3 waves
///   ciso behind cfo: 0.75, 0.5, 0.25 -> 0.5
/// ```
struct LeadLagRankingTests {
    typealias F = CohortFixture

    static let waves = [F.q1, F.q2, F.q3, F.q4]
    /// Stages of organisations o1...o8 per role and wave.
    static let stages: [(Role, [[Int]])] = [
        (.cto, [[2, 2, 2, 1, 3, 2, 2, 2], [3, 3, 2, 3, 3, 4, 3, 3], [4, 5, 4, 4, 3, 4, 4, 4], [5, 5, 5, 5, 5, 6, 4, 5]]),
        (.cfo, [[1, 1, 0, 1, 2, 1, 1, 1], [2, 2, 2, 3, 2, 1, 2, 2], [3, 4, 3, 3, 3, 3, 2, 3], [4, 4, 4, 3, 4, 4, 5, 4]]),
        (.ciso, [[0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 2, 2], [2, 2, 2, 2, 3, 3, 3, 3], [4, 4, 4, 4, 4, 4, 3, 3]]),
        (.cmo, [[0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 1], [0, 1, 1, 2, 1, 1, 1, 1], [1, 2, 1, 2, 1, 2, 1, 2]]),
    ]

    static func panel(organisations: Bool = true, drop: (Role, Int)? = nil) -> [Response] {
        var out: [Response] = []
        for (role, byWave) in stages {
            for (w, row) in byWave.enumerated() where !(drop.map { $0.0 == role && $0.1 == w } ?? false) {
                for (o, s) in row.enumerated() {
                    out.append(F.response("\(role)-\(o)-\(w)", org: organisations ? "o\(o)" : nil, wave: waves[w], role: role, stage: s))
                }
            }
        }
        return out
    }

    static func compute(_ responses: [Response] = panel(), waves: [Int] = [0, 1, 2, 3],
                        settings: AnalysisSettings = F.settings(bootstrap: 400)) -> LeadLagRankingResult {
        let table = ResponseTable(responses: responses, instrument: .default)
        return LeadLagRanking.compute(table: table, cells: waves.map { Cell(table: table, waveIndex: $0) }, settings: settings)
    }

    static func role(_ r: LeadLagRankingResult, _ role: Role) -> LeadLagRankingResult.RoleTrajectory { r.roles[F.index(role)] }

    static func pair(_ r: LeadLagRankingResult, _ leader: Role, _ follower: Role) -> LeadLagRankingResult.LeadLagPair {
        r.pairs.first { $0.leader == leader && $0.follower == follower }!
    }

    static func convergence(_ r: LeadLagRankingResult, _ a: Role, _ b: Role) -> LeadLagRankingResult.PairConvergence {
        r.convergence.first { ($0.first == a && $0.second == b) || ($0.first == b && $0.second == a) }!
    }

    /// Ranks per wave with ties averaged, mean ranks, the best role and Kendall's W.
    @Test func ranksAndStability() {
        let r = Self.compute()
        #expect(r.waveIndices == [0, 1, 2, 3] && r.waves == Self.waves)
        #expect(Self.role(r, .ciso).ranks == [3.5, 3, 3, 3])
        #expect(Self.role(r, .cmo).ranks == [3.5, 4, 4, 4])
        #expect(Self.role(r, .cfo).meanRank == 2 && Self.role(r, .cto).meanRank == 1)
        expectRelative(Self.role(r, .ciso).meanRank, 3.125)
        expectRelative(Self.role(r, .cmo).meanRank, 3.875)
        #expect(r.bestRole == .cto)
        #expect(r.rankStability.roles == [.cfo, .cto, .ciso, .cmo])
        expectRelative(r.rankStability.kendallW.value, 0.9807692307692307)
        expectRelative(Self.role(r, .ciso).roleShiftIndex[3], 62.5)
        #expect(Self.role(r, .ceo).meanRank == nil && Self.role(r, .ceo).lagBehindBest == nil)
        #expect(Self.role(r, .cto).lagBehindBest == nil)
    }

    /// Behind tests and lags: defined, censored ("more than"), skipped waves and "not behind".
    @Test func lags() {
        let r = Self.compute()
        let cfo = Self.pair(r, .cto, .cfo)
        expectRelative(cfo.difference.value, 16.666666666666664)
        #expect(cfo.commonWaves == 4)
        #expect(cfo.isBehind == true)
        expectRelative(cfo.lag.waves, 1)
        expectRelative(Self.role(r, .cfo).lagBehindBest?.waves, 1)
        let ciso = Self.pair(r, .cto, .ciso)
        expectRelative(ciso.difference.value, 27.083333333333332)
        expectRelative(ciso.lag.waves, 1.375)
        #expect(ciso.lag.definedWaves == 2 && ciso.lag.censoredWaves == 1 && ciso.lag.skippedWaves == 1)
        let cmo = Self.pair(r, .cto, .cmo)
        #expect(cmo.lag.waves == nil && cmo.lag.moreThan == 3)
        #expect(cmo.lag.censoredWaves == 3 && cmo.lag.skippedWaves == 1)
        #expect(cmo.lag.description == "more than 3 waves")
        expectRelative(Self.pair(r, .cfo, .ciso).lag.waves, 0.5)
        let reverse = Self.pair(r, .cfo, .cto)
        expectRelative(reverse.difference.value, -16.666666666666664)
        #expect(reverse.isBehind == false && reverse.lag.reason == "not behind")
        expectRelative(reverse.difference.lower, -(cfo.difference.upper ?? 0), 1e-12)
    }

    /// Lag rules on hand-made trajectories: interpolation, censoring, skipping, nothing defined.
    @Test func lagRules() {
        let leader: [(Double, Double)] = [(1, 20), (2, 40), (4, 80)]
        // Follower at the leader's first wave and below: skipped; later below: censored; above max: skipped.
        let lag = LeadLagRanking.lag(leader: leader, follower: [(1, 10), (3, 15), (5, 90), (5, 60)])
        // (5, 60): leader reaches 60 at t = 2 + (20/40)*2 = 3 -> tau 2.
        #expect(lag.waves == 2 && lag.definedWaves == 1 && lag.censoredWaves == 1 && lag.skippedWaves == 2)
        let censored = LeadLagRanking.lag(leader: leader, follower: [(2, 5), (4, 10)])
        #expect(censored.waves == nil && censored.moreThan == 3)
        let ahead = LeadLagRanking.lag(leader: leader, follower: [(1, 40)])
        #expect(ahead.waves == -1)  // reported as it is
        let none = LeadLagRanking.lag(leader: leader, follower: [(1, 5), (3, 95)])
        #expect(none.waves == nil && none.moreThan == nil && none.reason?.hasPrefix("not available") == true)
    }

    /// Convergence slopes with trends, the projected close, and sigma-convergence.
    @Test func convergence() {
        let r = Self.compute()
        let closing = Self.convergence(r, .cto, .ciso)
        expectRelative(closing.slope.value, -4.166666666666678)
        #expect(closing.trend == .converging)
        expectRelative(closing.projectedClose.waves, 3.0)
        let under = Self.convergence(r, .cfo, .ciso)
        expectRelative(under.slope.value, -4.166666666666669)
        #expect(under.trend == .converging && under.projectedClose.waves == 0)
        let widening = Self.convergence(r, .cto, .cmo)
        expectRelative(widening.slope.value, 8.333333333333323)
        #expect(widening.trend == .diverging && widening.projectedClose.reason == "not converging")
        expectRelative(widening.gaps[2], 50)
        #expect(Self.convergence(r, .cto, .cfo).trend == .stable)
        let sds = [15.957118462605637, 17.800007802744858, 20.833333333333336, 24.620969307271995]
        expectClose(r.sigmaConvergence.standardDeviations.map { $0 ?? .nan }, sds, 1e-9)
        expectRelative(r.sigmaConvergence.slope.value, 2.9024878064587547)
        #expect(r.sigmaConvergence.trend == .diverging)
    }

    /// B = 0: the behind test cannot run, so lags are not available; no trends or projections.
    @Test func bootstrapDisabled() {
        let r = Self.compute(settings: F.settings(bootstrap: 0))
        let cfo = Self.pair(r, .cto, .cfo)
        #expect(cfo.isBehind == nil)
        #expect(cfo.lag.reason == "not available: the behind test needs the bootstrap (B = 0)")
        #expect(Self.convergence(r, .cto, .ciso).trend == nil)
        #expect(Self.convergence(r, .cto, .ciso).projectedClose.waves == nil)
        #expect(r.bestRole == .cto && r.rankStability.kendallW.value != nil)
    }

    /// Two waves: ranks and W, but lags need three waves.
    @Test func twoWaves() {
        let r = Self.compute(waves: [0, 1])
        #expect(Self.pair(r, .cto, .cfo).lag.reason == "not available: lags need at least three waves")
        #expect(r.rankStability.kendallW.value != nil)
        let one = Self.compute(waves: [2])
        #expect(one.rankStability.kendallW.reason == "not available: needs at least two waves")
        #expect(one.convergence.isEmpty && one.sigmaConvergence.slope.value == nil)
    }

    /// A wave in which a role has no data keeps its index; so does a study wave left out of the analysis.
    @Test func waveIndicesAreKept() {
        // cto absent in wave 1: its trajectory is (0, 33.3), (2, 66.7), (3, 83.3); cfo's level 50 in
        // wave 2 is reached at t = 1 (interpolating over the gap), so the lag stays 1.
        let r = Self.compute(Self.panel(drop: (.cto, 1)))
        #expect(Self.role(r, .cto).roleShiftIndex[1] == nil && Self.role(r, .cto).ranks[1] == nil)
        expectRelative(Self.pair(r, .cto, .cfo).lag.waves, 1)
        // Analysing waves 0, 1 and 3 only: wave 3 keeps index 3.
        let skipped = Self.compute(waves: [0, 1, 3])
        #expect(skipped.waveIndices == [0, 1, 3])
        expectRelative(Self.pair(skipped, .cto, .cfo).lag.waves, 1)
    }

    /// A role with four respondents per wave is never published, ranked or paired.
    @Test func anonymity() {
        let extra = (0..<4).flatMap { w in (0..<4).map { o in
            F.response("gc-\(o)-\(w)", org: "o\(o)", wave: Self.waves[w], role: .gc, stage: 6)
        } }
        let r = Self.compute(Self.panel() + extra)
        let gc = Self.role(r, .gc)
        #expect(gc.roleShiftIndex.allSatisfy { $0 == nil } && gc.meanRank == nil && gc.respondents == [4, 4, 4, 4])
        #expect(!r.pairs.contains { $0.leader == .gc || $0.follower == .gc })
        #expect(r.bestRole == .cto)
    }

    /// Without organisations each respondent is a cluster; everything still runs.
    @Test func noOrganisations() {
        let r = Self.compute(Self.panel(organisations: false))
        #expect(r.bestRole == .cto)
        expectRelative(Self.pair(r, .cto, .cfo).lag.waves, 1)
        #expect(Self.role(r, .cto).organisations == [8, 8, 8, 8])
        #expect(Self.pair(r, .cto, .cfo).difference.organisations == 64)
    }

    /// Same seed, same result.
    @Test func deterministic() {
        #expect(Self.compute(settings: F.settings(bootstrap: 100, seed: 1)) == Self.compute(settings: F.settings(bootstrap: 100, seed: 1)))
        #expect(Self.compute(settings: F.settings(bootstrap: 100, seed: 1)) != Self.compute(settings: F.settings(bootstrap: 100, seed: 2)))
    }

    /// Empty cells (a segment nobody is in): nothing ranked, nothing crashes.
    @Test func emptyCells() {
        let table = ResponseTable(responses: Self.panel(), instrument: .default)
        let filter = SegmentFilter(values: [.sector: "none"])
        let r = LeadLagRanking.compute(table: table, cells: (0..<4).map { Cell(table: table, waveIndex: $0, filter: filter) },
                                       settings: F.settings())
        #expect(r.bestRole == nil && r.pairs.isEmpty && r.convergence.isEmpty)
        #expect(r.rankStability.kendallW.value == nil && r.sigmaConvergence.slope.value == nil)
    }

    /// The result encodes to JSON and decodes to the same value.
    @Test func codableRoundTrip() throws {
        let result = Self.compute()
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(LeadLagRankingResult.self, from: data) == result)
    }
}
