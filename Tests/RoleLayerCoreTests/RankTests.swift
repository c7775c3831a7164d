import Testing
@testable import RoleLayerCore

/// Ranks, Kendall's W and Friedman, Kendall's τ_b, Somers' D, Cliff's δ and Cochran's Q.
struct RankTests {
    // MARK: - Ranking

    /// Ties share the mean of their positions, in both directions.
    @Test func averageRanks() {
        #expect(Ranking.averageRanks([10, 20, 20, 5], descending: false) == [2, 3.5, 3.5, 1])
        #expect(Ranking.averageRanks([10, 20, 20, 5], descending: true) == [3, 1.5, 1.5, 4])
        #expect(Ranking.averageRanks([], descending: false) == [])
        #expect(Ranking.averageRanks([7], descending: true) == [1])
        #expect(Ranking.averageRanks([3, 3, 3], descending: false) == [2, 2, 2])   // ties everywhere
        #expect(Ranking.tieTerm([1, 2, 2, 3, 3, 3]) == 6 + 24)
        #expect(Ranking.tieTerm([1, 2, 3]) == 0)
    }

    /// Ranks sum to n(n + 1)/2 and reverse with the direction (seeded draws with many ties).
    @Test func rankProperties() {
        var g = RandomGenerator(seed: 23)
        for _ in 0..<200 {
            let n = 1 + g.nextInt(below: 25)
            let v = (0..<n).map { _ in Double(g.nextInt(below: 5)) }
            let up = Ranking.averageRanks(v, descending: false), down = Ranking.averageRanks(v, descending: true)
            #expect(up.reduce(0, +) == Double(n * (n + 1)) / 2)
            for i in 0..<n { #expect(up[i] + down[i] == Double(n + 1)) }
        }
    }

    // MARK: - Kendall's W and Friedman

    /// O7 (pingouin `friedman` docstring): W, tie term, Friedman Q and p, and the F method.
    @Test func oracleO7() throws {
        let white: [Double] = [10, 8, 7, 9, 7, 4, 5, 6, 5, 10, 4, 7]
        let red: [Double] = [7, 5, 8, 6, 5, 7, 9, 6, 4, 6, 7, 3]
        let rose: [Double] = [8, 5, 6, 4, 7, 5, 3, 7, 6, 4, 4, 3]
        let judges = (0..<12).map { [white[$0], red[$0], rose[$0]] }
        let r = try KendallW.test(ranks: judges)
        expectPrinted(r.w, 0.083333, decimals: 6)
        #expect(r.tieTerm == 30)
        expectRelative(r.friedmanChiSquare, 1.9999999999999893, 1e-12)
        expectRelative(r.pValue, 0.3678794411714444, 1e-12)
        #expect(r.degreesOfFreedom == 2)
        expectPrinted(r.f, 1.0, decimals: 6)
        expectPrinted(r.fNumeratorDegreesOfFreedom, 1.833333, decimals: 6)
        expectPrinted(r.fDenominatorDegreesOfFreedom, 20.166667, decimals: 6)
        expectPrinted(r.fPValue, 0.378959, decimals: 6)
        #expect(try KendallW.coefficient(ranks: judges) == r.w)
    }

    /// Perfect agreement gives W = 1; ranks or raw scores, either direction, give the same W.
    @Test func kendallWInvariances() throws {
        #expect(try KendallW.coefficient(ranks: [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]) == 1)
        let raw: [[Double]] = [[3.1, 9, 4], [2, 8, 8], [5, 7, 1]]
        let ranks = raw.map { Ranking.averageRanks($0, descending: false) }
        let reversed = raw.map { Ranking.averageRanks($0, descending: true) }
        #expect(try KendallW.coefficient(ranks: raw) == KendallW.coefficient(ranks: ranks))
        expectRelative(try KendallW.coefficient(ranks: reversed), try KendallW.coefficient(ranks: raw), 1e-14)
        // Two judges in exactly opposite order: W = 0.
        #expect(try KendallW.coefficient(ranks: [[1, 2, 3], [3, 2, 1]]) == 0)
    }

    /// W is unavailable with one judge, one object, ragged rows or all judges tying everything.
    @Test func kendallWErrors() {
        expectStatisticError(.tooFew(2, "judges")) { try KendallW.coefficient(ranks: [[1, 2, 3]]) }
        expectStatisticError(.tooFew(2, "objects")) { try KendallW.coefficient(ranks: [[1], [1]]) }
        expectStatisticError(.shape("judges rank different numbers of objects")) { try KendallW.coefficient(ranks: [[1, 2], [1, 2, 3]]) }
        expectStatisticError(.zeroVariance) { try KendallW.coefficient(ranks: [[5, 5, 5], [2, 2, 2]]) }
        expectStatisticError(.nonFinite) { try KendallW.coefficient(ranks: [[1, .nan], [1, 2]]) }
    }

    // MARK: - Kendall's τ_b

    /// O11 (scipy `kendalltau` docstring): τ_b and the tie-corrected normal-approximation p.
    @Test func oracleO11KendallTau() throws {
        let r = try KendallTau.tauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])
        expectRelative(r.tau, -0.47140452079103173, 1e-12)
        expectRelative(r.pValue, 0.2827454599327748, 1e-12)
        #expect(!r.isExact)
    }

    /// Without ties and small n the p-value is exact, as scipy's (values from scipy 1.17).
    @Test func kendallTauExactAndAsymptotic() throws {
        let a = try KendallTau.tauB([1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 4, 3, 6, 5, 8, 7])
        expectRelative(a.tau, 0.7142857142857142, 1e-12)
        expectRelative(a.pValue, 0.014136904761904762, 1e-12)
        #expect(a.isExact)
        let b = try KendallTau.tauB([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
        expectRelative(b.tau, -1, 1e-15)
        expectRelative(b.pValue, 0.016666666666666666, 1e-12)
        let x = (0..<40).map(Double.init), y = (0..<40).map { Double((7 * $0) % 40) }
        let c = try KendallTau.tauB(x, y)          // n > 33: normal approximation
        expectRelative(c.tau, 0.14615384615384616, 1e-12)
        expectRelative(c.pValue, 0.1841061194960797, 1e-12)
        let d = try KendallTau.tauB([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6], [1, 2, 1, 3, 2, 4, 3, 5, 4, 6, 6])
        expectRelative(d.tau, 0.7399999999999999, 1e-12)
        expectRelative(d.pValue, 0.003001703347183277, 1e-12)
    }

    /// τ_b is symmetric in its arguments and in −1...1 (seeded draws with ties).
    @Test func kendallTauProperties() throws {
        var g = RandomGenerator(seed: 29)
        for _ in 0..<200 {
            let n = 3 + g.nextInt(below: 20)
            let x = (0..<n).map { _ in Double(g.nextInt(below: 6)) }
            let y = (0..<n).map { _ in Double(g.nextInt(below: 6)) }
            guard let r = try? KendallTau.tauB(x, y) else { continue }
            let s = try KendallTau.tauB(y, x)
            expectRelative(s.tau, r.tau, 1e-14)
            #expect(r.tau >= -1 && r.tau <= 1 && r.pValue >= 0 && r.pValue <= 1)
        }
    }

    /// Constant rankings, n < 2 and mismatched lengths are not available.
    @Test func kendallTauErrors() {
        expectStatisticError(.zeroVariance) { try KendallTau.tauB([1, 1, 1], [1, 2, 3]) }
        expectStatisticError(.tooFew(2)) { try KendallTau.tauB([1], [1]) }
        expectStatisticError(.shape("2 x values but 3 y values")) { try KendallTau.tauB([1, 2], [1, 2, 3]) }
        expectStatisticError(.nonFinite) { try KendallTau.tauB([1, .nan], [1, 2]) }
    }

    // MARK: - Somers' D

    /// O11 (scipy `somersd` docstring) on a 3 × 5 table, and scipy on raw data.
    @Test func oracleO11SomersD() throws {
        let d = try SomersD.fromTable([[27, 25, 14, 7, 0], [7, 14, 18, 35, 12], [1, 3, 2, 7, 17]])
        expectRelative(d, 0.6032766111513396, 1e-12)
        expectRelative(try SomersD.d(y: [2, 1, 3, 3, 5, 4], x: [1, 2, 2, 3, 4, 5]), 0.6428571428571429, 1e-12)
        expectStatisticError(.zeroVariance) { try SomersD.fromTable([[1, 2, 3]]) }
        expectStatisticError(.zeroVariance) { try SomersD.d(y: [1, 2], x: [3, 3]) }
        expectStatisticError(.noData) { try SomersD.fromTable([]) }
    }

    // MARK: - Cliff's δ

    /// O13: δ = −0.24 for x = [1…5] vs y = [2, 2, 3, 6, 7]; antisymmetric; ±1 for separated samples.
    @Test func oracleO13CliffsDelta() throws {
        expectRelative(try CliffsDelta.delta([1, 2, 3, 4, 5], [2, 2, 3, 6, 7]), -0.24, 1e-15)
        expectRelative(try CliffsDelta.delta([2, 2, 3, 6, 7], [1, 2, 3, 4, 5]), 0.24, 1e-15)
        #expect(try CliffsDelta.delta([10, 11], [1, 2, 3]) == 1)
        #expect(try CliffsDelta.delta([4, 4], [4]) == 0)            // ties everywhere
        expectStatisticError(.noData) { try CliffsDelta.delta([], [1]) }
        expectStatisticError(.nonFinite) { try CliffsDelta.delta([.nan], [1]) }
    }

    // MARK: - Cochran's Q

    /// O13: Q = 4.666667, df 2, p = 0.096972 on the 4 × 3 example.
    @Test func oracleO13CochranQ() throws {
        let r = try CochranQ.test([[true, true, false], [true, false, false], [true, true, true], [true, false, false]])
        expectPrinted(r.statistic, 4.666667, decimals: 6)
        #expect(r.degreesOfFreedom == 2)
        expectPrinted(r.pValue, 0.096972, decimals: 6)
    }

    /// Cochran's Q is unavailable without rows, with one item, or when no row discriminates.
    @Test func cochranQErrors() {
        expectStatisticError(.noData) { try CochranQ.test([]) }
        expectStatisticError(.tooFew(2, "items")) { try CochranQ.test([[true]]) }
        expectStatisticError(.zeroVariance) { try CochranQ.test([[true, true], [false, false]]) }
        expectStatisticError(.shape("rows of different lengths")) { try CochranQ.test([[true, false], [true]]) }
    }
}
