import Testing
@testable import RoleLayerCore

/// The Wilson score interval for prevalences.
struct WilsonIntervalTests {
    /// O13: 0/5, 3/10 and 5/5 at 95% (z = 1.959964), to the printed 6 decimals.
    @Test func oracleO13() throws {
        let a = try WilsonInterval.interval(successes: 0, n: 5)
        #expect(a.lower == 0); expectPrinted(a.upper, 0.434482, decimals: 6)
        let b = try WilsonInterval.interval(successes: 3, n: 10)
        expectPrinted(b.lower, 0.107791, decimals: 6); expectPrinted(b.upper, 0.603222, decimals: 6)
        let c = try WilsonInterval.interval(successes: 5, n: 5)
        expectPrinted(c.lower, 0.565518, decimals: 6); #expect(c.upper == 1)
    }

    /// Matches statsmodels `proportion_confint(method="wilson")` at full precision; a weighted share
    /// with the unweighted n gives the same as the equivalent count.
    @Test func matchesStatsmodels() throws {
        let i = try WilsonInterval.interval(successes: 7, n: 13)
        expectRelative(i.lower, 0.29143795714506004, 1e-12); expectRelative(i.upper, 0.7679393219046169, 1e-12)
        let j = try WilsonInterval.interval(proportion: 7.0 / 13, n: 13)
        expectRelative(j.lower, i.lower, 1e-14)
        let narrow = try WilsonInterval.interval(successes: 3, n: 10, level: 0.5)
        #expect(narrow.lower > 0.107791 && narrow.upper < 0.603222)
    }

    /// Bounds: 0 ≤ lower ≤ p ≤ upper ≤ 1 for every count (seeded sweep).
    @Test func boundsHold() throws {
        for n in 1...40 {
            for k in 0...n {
                let (lo, hi) = try WilsonInterval.interval(successes: Double(k), n: n)
                let p = Double(k) / Double(n)
                #expect(0 <= lo && lo <= p + 1e-15 && p <= hi + 1e-15 && hi <= 1)
            }
        }
    }

    /// n = 0, out-of-range counts and levels are not available.
    @Test func errors() {
        expectStatisticError(.noData) { try WilsonInterval.interval(successes: 0, n: 0) }
        expectStatisticError(StatisticError("successes must be in 0...n")) { try WilsonInterval.interval(successes: 6, n: 5) }
        expectStatisticError(.nonFinite) { try WilsonInterval.interval(successes: .nan, n: 5) }
        expectStatisticError(StatisticError("proportion must be in 0...1")) { try WilsonInterval.interval(proportion: -0.1, n: 5) }
        expectStatisticError(StatisticError("confidence level must be in (0, 1)")) { try WilsonInterval.interval(successes: 1, n: 5, level: 1) }
    }
}
