import Testing
@testable import RoleLayerCore

/// Degenerate inputs whose computed mean is not exact (every value 0.1, 2.7 or 1/3, or 3.0 under
/// weights): the kernels decide "all equal" on the values and treat sums of squares at the
/// rounding level as 0 (``ValueRange``, ``RoundingNoise``), as the Python cross-check demands.
struct RoundingNoiseTests {
    /// Non-dyadic constants: their computed means carry rounding.
    static let constants: [Double] = [0.1, 2.7, 1.0 / 3]

    /// Survey-like weights, not all equal.
    static func weights(_ n: Int) -> [Double] { (0..<n).map { 0.3 + 0.7 * Double(($0 * 7) % 5) } }

    // MARK: - The helpers

    /// The fixtures are real traps: a weighted mean of equal non-dyadic values (and of 3.0) is not that value.
    @Test func fixturesCarryRounding() {
        var inexact = 0
        for c in Self.constants + [3.0] {
            for n in 2...12 {
                let w = Self.weights(n)
                var sw = 0.0, swx = 0.0
                for i in 0..<n { sw += w[i]; swx += w[i] * c }
                if swx / sw != c { inexact += 1 }
            }
        }
        #expect(inexact >= 10)
    }

    /// ValueRange: empty, one value, equal values (−0 = +0), different values, and zero weights leaving a value out.
    @Test func valueRange() {
        #expect(ValueRange().isEmpty && !ValueRange().allEqual)
        #expect(ValueRange([0.1]).allEqual)
        #expect(ValueRange([0.1, 0.1, 0.1]).allEqual && ValueRange([-0.0, 0.0]).allEqual)
        #expect(!ValueRange([0.1, 0.1.nextUp]).allEqual)
        #expect(ValueRange([0.1, 5, 0.1], weights: [1, 0, 2]).allEqual)
        #expect(!ValueRange([0.1, 5, 0.1], weights: [1, 1e-300, 2]).allEqual)
        let r = ValueRange([3, -1, 2])
        #expect(r.lowest == -1 && r.highest == 3)
    }

    /// RoundingNoise: SS ≤ 2⁻⁸⁰·Σwy² is 0; anything above is kept as is.
    @Test func roundingNoiseThreshold() {
        let scale = 100.0
        #expect(RoundingNoise.relativeSumOfSquares == 0x1p-80)
        #expect(RoundingNoise.removed(from: 1e-30, sumOfSquaredValues: scale) == 0)
        #expect(RoundingNoise.removed(from: 0x1p-80 * scale, sumOfSquaredValues: scale) == 0)
        #expect(RoundingNoise.removed(from: 1e-20, sumOfSquaredValues: scale) == 1e-20)
        #expect(RoundingNoise.removed(from: 0, sumOfSquaredValues: 0) == 0)
        #expect(!RoundingNoise.isNegligible(1e-300, sumOfSquaredValues: 0))
    }

    // MARK: - OLS

    /// Equal non-dyadic x (0.1, 2.7, 1/3; weighted and not; and weighted 3.0) has no slope: `.zeroVariance`, not a slope with SE 1e16.
    @Test func olsConstantX() {
        for c in Self.constants + [3.0] {
            for n in 2...9 {
                let x = [Double](repeating: c, count: n), y = (0..<n).map { Double($0 * $0 % 7) - 2.5 }
                expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.fit(x: x, y: y, weights: Self.weights(n)) }
                if c != 3.0 {
                    expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.fit(x: x, y: y) }
                    expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.slope(x: x, y: y) }
                }
            }
        }
        // Only the x with positive weight count.
        expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.fit(x: [0.1, 9, 0.1, 0.1], y: [1, 2, 3, 4], weights: [1.3, 0, 0.7, 2.9]) }
    }

    /// Equal y (0.1, 2.7, 1/3, weighted 3.0) gives R² nil and a flat line, not R² = 2.3e-15.
    @Test func olsConstantY() throws {
        for c in Self.constants + [3.0] {
            for n in 3...9 {
                let x = (0..<n).map { Double($0) * 0.7 }, y = [Double](repeating: c, count: n)
                let weighted = try OrdinaryLeastSquares.fit(x: x, y: y, weights: Self.weights(n))
                #expect(weighted.rSquared == nil)
                #expect(abs(weighted.slope) < 1e-14 && abs(weighted.intercept - c) < 1e-14)
                let plain = try OrdinaryLeastSquares.fit(x: x, y: y)
                #expect(plain.rSquared == nil)
            }
        }
    }

    // MARK: - One-way ANOVA and ICC

    /// All values equal (0.1, 2.7, 1/3) in 2–10 groups: `.zeroVariance`, not η² = ω² = ε² = 1; ICC(1), ICC(2) not available.
    @Test func oneWayAllEqual() {
        for c in Self.constants {
            for g in [2, 3, 6, 10] {
                let sizes = (0..<g).map { 1 + ($0 * 5) % 7 }
                var values: [Double] = [], groups: [Int] = []
                for (j, s) in sizes.enumerated() { values += [Double](repeating: c, count: s); groups += [Int](repeating: j, count: s) }
                expectStatisticError(.zeroVariance) { try AnalysisOfVariance.oneWay(values: values, groups: groups) }
                expectStatisticError(.zeroVariance) { try IntraclassCorrelation.icc1(values: values, groups: groups) }
                expectStatisticError(.zeroVariance) { try IntraclassCorrelation.icc2(values: values, groups: groups) }
                // Sufficient statistics with means formed as Σx/m (not Welford): last-bit differences, same answer.
                let means = sizes.map { s in (0..<s).reduce(0.0) { acc, _ in acc + c } / Double(s) }
                let squares = zip(sizes, means).map { s, m in Double(s) * (c - m) * (c - m) }
                expectStatisticError(.zeroVariance) {
                    try AnalysisOfVariance.oneWay(counts: sizes, means: means, sumsOfSquares: squares)
                }
            }
        }
    }

    /// Equal group means built from non-dyadic values: SS_between is exactly 0 (η² = 0, F = 0, p = 1), ICC(1) = −1/(k−1), ICC(2) not available.
    @Test func oneWayEqualGroupMeans() throws {
        let base: [Double] = [0.1, 2.7, 1.0 / 3, 0.7]
        var values: [Double] = [], groups: [Int] = []
        var rng = RandomGenerator(seed: 17)
        for j in 0..<5 {
            var b = base
            rng.shuffle(&b)
            values += b; groups += [Int](repeating: j, count: b.count)
        }
        let r = try AnalysisOfVariance.oneWay(values: values, groups: groups)
        #expect(r.ssBetween == 0 && r.etaSquared == 0)
        #expect(r.f == 0)
        expectRelative(r.pValue, 1, 1e-12)
        expectRelative(try IntraclassCorrelation.icc1(r), -1.0 / 3, 1e-12)
        expectStatisticError(.zeroVariance) { try IntraclassCorrelation.icc2(r) }
    }

    // MARK: - Two-factor ANOVA

    /// All outcomes equal (0.1, 2.7, 1/3; weighted, and weighted 3.0): `.zeroVariance`, not η² = 2.5, LMG −0.48, R² = 1.
    @Test func twoFactorAllEqual() {
        let a = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2], b = [0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1]
        for c in Self.constants + [3.0] {
            let y = [Double](repeating: c, count: a.count)
            expectStatisticError(.zeroVariance) { try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b, weights: Self.weights(a.count)) }
            expectStatisticError(.zeroVariance) { try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b) }
        }
    }

    /// An exactly additive outcome with non-dyadic effects: RSS is 0 and F, p are nil (not F ≈ 1e30); partial η² is 1 with an effect and nil without.
    @Test func twoFactorExactFit() throws {
        let a = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 1], b = [0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1]
        let effectA = [0.1, 2.7, 1.0 / 3], effectB = [0.0, -0.7]
        let y = a.indices.map { 10.3 + effectA[a[$0]] + effectB[b[$0]] }
        for weights in [nil, Self.weights(a.count)] {
            let r = try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b, weights: weights)
            #expect(r.residualSS == 0 && r.interactionSS == 0)
            #expect(r.fA == nil && r.pA == nil && r.fB == nil && r.pB == nil)
            #expect(r.partialEtaSquaredA == 1 && r.partialEtaSquaredB == 1)
            expectRelative(r.rSquared, 1, 1e-12)
            // B without an effect: its Type II SS is 0 and its partial η² is 0/0.
            let noB = a.indices.map { 10.3 + effectA[a[$0]] }
            let s = try AnalysisOfVariance.twoFactorAdditive(y: noB, a: a, b: b, weights: weights)
            #expect(s.residualSS == 0 && s.typeIISSB == 0 && s.fB == nil)
            #expect(s.partialEtaSquaredB == nil && s.partialEtaSquaredA == 1)
        }
    }

    // MARK: - Krippendorff

    /// Every pairable value 0.1 (2.7, 1/3), with missing cells and single-value units: "only one distinct value" under every metric, not α = 0 or 1.
    @Test func krippendorffOneDistinctValue() {
        for c in Self.constants {
            let data: [[Double?]] = [[c, c, nil], [c, nil, c], [c, c, c], [nil, 5, nil], [c, c, nil], [c, c, c, c]]
            for metric in KrippendorffAlpha.Metric.allCases {
                expectStatisticError(KrippendorffAlpha.onlyOneValue) { try KrippendorffAlpha.alpha(data, metric: metric) }
                // Domain values nobody used do not count as distinct values.
                expectStatisticError(KrippendorffAlpha.onlyOneValue) {
                    try KrippendorffAlpha.alpha(data, metric: metric, valueDomain: [c, 5, 7])
                }
            }
        }
    }

    // MARK: - Further kernels with the same pattern

    /// Shrout–Fleiss: constant 0.1 ratings and equal row means are `.zeroVariance`; exactly additive ratings give EMS = 0 and no F test.
    @Test func shroutFleissDegenerate() throws {
        expectStatisticError(.zeroVariance) { try IntraclassCorrelation.shroutFleiss([[0.1, 0.1], [0.1, 0.1], [0.1, 0.1]]) }
        expectStatisticError(.zeroVariance) { try IntraclassCorrelation.shroutFleiss([[0.1, 2.7], [2.7, 0.1], [0.1, 2.7]]) }
        let additive: [[Double]] = [[0.1, 0.4, 0.8], [2.7, 3.0, 3.4], [1.0 / 3, 1.0 / 3 + 0.3, 1.0 / 3 + 0.7]]
        let r = try IntraclassCorrelation.shroutFleiss(additive)
        #expect(r.ems == 0 && r.icc31.f == nil && r.icc31.lower == nil)
        #expect(r.icc31.value == 1 && r.icc3k.value == 1)
        #expect(r.icc11.f != nil)
    }

    /// CCF of a constant 0.1 series is `.zeroVariance`; a Granger test whose unrestricted model fits exactly has F = +∞, p = 0.
    @Test func leadLagDegenerate() throws {
        expectStatisticError(.zeroVariance) { try CrossCorrelation.ccf([0.1, 0.1, 0.1], [1, 2, 4], maximumLag: 1) }
        expectStatisticError(.zeroVariance) { try CrossCorrelation.ccf([1, 2, 4, 3], [2.7, 2.7, 2.7, 2.7], maximumLag: 2) }
        var g = RandomGenerator(seed: 41)
        let xs = (0..<30).map { _ in g.nextGaussian() * 0.1 + 2.7 }
        let ys = [0.3, -0.2] + xs.dropLast(2).map { 0.7 * $0 + 0.1 }
        let r = try GrangerCausality.test(effect: ys, cause: xs, lags: 2)
        #expect(r.statistic == .infinity && r.pValue == 0 && r.unrestrictedResidualSumOfSquares == 0)
    }

    // MARK: - Property

    /// Property: for random constants, sizes, groupings and weights, every kernel reports "not available" (loops over RandomGenerator draws).
    @Test func randomConstantsAreNotAvailable() {
        var rng = RandomGenerator(seed: 20260301)
        for _ in 0..<300 {
            let c = (rng.nextDouble() - 0.5) * Double(1 << rng.nextInt(below: 20))
            let n = 8 + rng.nextInt(below: 60)  // N > G (at most 6 groups)
            let values = [Double](repeating: c, count: n)
            let w = (0..<n).map { _ in 0.2 + 3 * rng.nextDouble() }
            let groups = (0..<n).map { $0 < 2 ? $0 : rng.nextInt(below: 2 + rng.nextInt(below: 5)) }
            let a = (0..<n).map { $0 % 3 }, b = (0..<n).map { ($0 / 3) % 2 }
            expectStatisticError(.zeroVariance) { try AnalysisOfVariance.oneWay(values: values, groups: groups) }
            expectStatisticError(.zeroVariance) { try AnalysisOfVariance.twoFactorAdditive(y: values, a: a, b: b, weights: w) }
            expectStatisticError(.zeroVariance) { try OrdinaryLeastSquares.fit(x: values, y: w, weights: w) }
            #expect((try? OrdinaryLeastSquares.fit(x: w, y: values, weights: w))?.rSquared == nil)
            let units = (0..<(n / 2)).map { i -> [Double?] in [c, i % 3 == 0 ? nil : c, c] }
            for metric in KrippendorffAlpha.Metric.allCases where !(metric == .ratio && c < 0) {
                expectStatisticError(KrippendorffAlpha.onlyOneValue) { try KrippendorffAlpha.alpha(units, metric: metric) }
            }
        }
    }
}
