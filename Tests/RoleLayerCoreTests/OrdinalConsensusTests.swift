import Testing
@testable import RoleLayerCore

/// Leik's D and the Tastle–Wierman consensus.
struct OrdinalConsensusTests {
    /// O21: uniform 5-point, 50/50 at the extremes, and all in one category.
    @Test func oracleO21() throws {
        let uniform: [Double] = [1, 1, 1, 1, 1]
        expectRelative(try OrdinalConsensus.leikD(counts: uniform), 0.6, 1e-14)
        expectPrinted(try OrdinalConsensus.tastleWierman(counts: uniform), 0.433985, decimals: 6)
        let split: [Double] = [5, 0, 0, 0, 5]
        #expect(try OrdinalConsensus.leikD(counts: split) == 1)
        #expect(try OrdinalConsensus.tastleWierman(counts: split) == 0)
        for k in 0..<5 {
            var one = [Double](repeating: 0, count: 5); one[k] = 7
            #expect(try OrdinalConsensus.leikD(counts: one) == 0)
            #expect(try OrdinalConsensus.tastleWierman(counts: one) == 1)
        }
    }

    /// Both stay in 0...1 and are unchanged by scaling the counts (seeded draws).
    @Test func boundsAndScale() throws {
        var g = RandomGenerator(seed: 37)
        for _ in 0..<200 {
            let k = 2 + g.nextInt(below: 6)
            let c = (0..<k).map { _ in Double(g.nextInt(below: 10)) }
            guard c.reduce(0, +) > 0 else { continue }
            let d = try OrdinalConsensus.leikD(counts: c), t = try OrdinalConsensus.tastleWierman(counts: c)
            #expect(d >= 0 && d <= 1 && t >= 0 && t <= 1)
            expectRelative(try OrdinalConsensus.leikD(counts: c.map { $0 * 3 }), d, 1e-13)
            expectRelative(try OrdinalConsensus.tastleWierman(counts: c.map { $0 * 3 }), t, 1e-13)
        }
    }

    /// No answers, one category, negative or NaN counts are not available.
    @Test func errors() {
        expectStatisticError(.noData) { try OrdinalConsensus.leikD(counts: [0, 0, 0]) }
        expectStatisticError(.tooFew(2, "categories")) { try OrdinalConsensus.tastleWierman(counts: [3]) }
        expectStatisticError(StatisticError("counts must be non-negative")) { try OrdinalConsensus.leikD(counts: [1, -1]) }
        expectStatisticError(.nonFinite) { try OrdinalConsensus.tastleWierman(counts: [1, .nan]) }
    }
}
