import Testing
@testable import RoleLayerCore

/// One-way and two-factor additive ANOVA: oracles O12 and O14, cross-checks against row-by-row least squares, invariances and edge cases.
struct AnalysisOfVarianceTests {
    /// O12: pain threshold by hair colour (pingouin `anova` docstring).
    static let painValues: [Double] = [62, 60, 71, 55, 48, 63, 57, 52, 41, 43, 42, 50, 41, 37, 32, 39, 51, 30, 35]
    static let painGroups: [Int] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]

    /// O14: pingouin `anova2_unbalanced` (Diet: Low 0, High 1; Exercise: Moderate 0, High 1).
    static let scores: [Double] = [-20, -25, -30, -35, -20, -15, 6, -6, 5, -10]
    static let diet: [Int] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    static let exercise: [Int] = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1]

    // MARK: - One-way

    /// O12: SS_between 1360.726, SS_within 1001.800, F 6.791407, p 0.004114, η² 0.575962, ω² 0.477652, ε² 0.491155.
    @Test func o12OneWay() throws {
        let r = try AnalysisOfVariance.oneWay(values: Self.painValues, groups: Self.painGroups)
        #expect(abs(r.ssBetween - 1360.726) < 5e-4)
        #expect(abs(r.ssWithin - 1001.800) < 5e-4)
        #expect(r.dfBetween == 3 && r.dfWithin == 15)
        #expect(abs(try #require(r.f) - 6.791407) < 5e-7)
        #expect(abs(try #require(r.pValue) - 0.004114) < 5e-7)
        #expect(abs(r.etaSquared - 0.575962) < 5e-7)
        #expect(abs(r.omegaSquared - 0.477652) < 5e-7)
        #expect(abs(r.epsilonSquared - 0.491155) < 5e-7)
        #expect(r.observationCount == 19 && r.groupCount == 4)
    }

    /// The sufficient-statistics form gives the same table as the raw values, and row order does not matter.
    @Test func oneWayFromSufficientStatisticsAndOrder() throws {
        var rng = RandomGenerator(seed: 11)
        for _ in 0..<50 {
            let n = 5 + rng.nextInt(below: 60), g = 2 + rng.nextInt(below: 5)
            var values = (0..<n).map { _ in rng.nextGaussian() * 3 + 10 }
            var groups = (0..<n).map { $0 < g ? $0 : rng.nextInt(below: g) }
            guard let raw = try? AnalysisOfVariance.oneWay(values: values, groups: groups) else { continue }
            var counts = [Int](repeating: 0, count: g), sums = [Double](repeating: 0, count: g)
            for i in 0..<n { counts[groups[i]] += 1; sums[groups[i]] += values[i] }
            let means = (0..<g).map { sums[$0] / Double(counts[$0]) }
            var squares = [Double](repeating: 0, count: g)
            for i in 0..<n { squares[groups[i]] += (values[i] - means[groups[i]]) * (values[i] - means[groups[i]]) }
            let fromStates = try AnalysisOfVariance.oneWay(counts: counts, means: means, sumsOfSquares: squares)
            #expect(abs(fromStates.ssBetween - raw.ssBetween) < 1e-9 * raw.ssTotal)
            #expect(abs(fromStates.ssWithin - raw.ssWithin) < 1e-9 * raw.ssTotal)
            var order = Array(0..<n)
            rng.shuffle(&order)
            values = order.map { values[$0] }; groups = order.map { groups[$0] }
            let shuffled = try AnalysisOfVariance.oneWay(values: values, groups: groups)
            #expect(abs(shuffled.etaSquared - raw.etaSquared) < 1e-12)
            #expect(0...1 ~= raw.etaSquared && raw.omegaSquared <= raw.etaSquared)
        }
    }

    /// No variance within groups leaves F and p unavailable while η² is 1; ω² and ε² may go negative and are kept.
    @Test func oneWayDegenerateButDefined() throws {
        let r = try AnalysisOfVariance.oneWay(values: [1, 1, 2, 2], groups: [0, 0, 1, 1])
        #expect(r.f == nil && r.pValue == nil)
        #expect(r.etaSquared == 1)
        let flat = try AnalysisOfVariance.oneWay(values: [1, 3, 1, 3], groups: [0, 0, 1, 1])
        #expect(flat.ssBetween == 0 && flat.omegaSquared < 0 && flat.epsilonSquared < 0)
        #expect(abs(try #require(flat.pValue) - 1) < 1e-12)
    }

    /// Empty input, one group, singleton groups, equal values, NaN and mismatched shapes are "not available".
    @Test func oneWayNotAvailable() {
        #expect(throws: StatisticError.noData) { try AnalysisOfVariance.oneWay(values: [], groups: []) }
        #expect(throws: StatisticError.tooFew(2, "groups")) { try AnalysisOfVariance.oneWay(values: [1, 2], groups: [3, 3]) }
        #expect(throws: StatisticError.self) { try AnalysisOfVariance.oneWay(values: [1, 2], groups: [0, 1]) }
        #expect(throws: StatisticError.zeroVariance) { try AnalysisOfVariance.oneWay(values: [2, 2, 2], groups: [0, 1, 1]) }
        #expect(throws: StatisticError.nonFinite) { try AnalysisOfVariance.oneWay(values: [1, .nan, 2], groups: [0, 1, 1]) }
        #expect(throws: StatisticError.self) { try AnalysisOfVariance.oneWay(values: [1, 2], groups: [0]) }
        #expect(throws: StatisticError.self) { try AnalysisOfVariance.oneWay(values: [1, 2], groups: [0, -1]) }
    }

    // MARK: - Two factors

    /// O14: Type II SS 390.625 and 180.625, the full-factorial interaction 15.625 and residual 315.750 (df 6), R² and LMG shares.
    @Test func o14TwoFactor() throws {
        let r = try AnalysisOfVariance.twoFactorAdditive(y: Self.scores, a: Self.diet, b: Self.exercise)
        #expect(abs(r.typeIISSA - 390.625) < 1e-9)
        #expect(abs(r.typeIISSB - 180.625) < 1e-9)
        #expect(abs(r.interactionSS - 15.625) < 1e-9)
        #expect(abs(r.cellMeansResidualSS - 315.750) < 1e-9)
        #expect(r.cellMeansResidualDF == 6 && r.interactionDF == 1)
        // The additive model's residual absorbs the interaction.
        #expect(abs(r.residualSS - 331.375) < 1e-9)
        #expect(r.residualDF == 7 && r.dfA == 1 && r.dfB == 1)
        // Type I with Diet entered first.
        #expect(abs(r.ssA - 1210.000) < 1e-9)
        #expect(abs(r.etaSquaredA - 0.702671) < 5e-7)
        #expect(abs(r.etaSquaredB - 0.580720) < 5e-7)
        #expect(abs(r.rSquared - 0.807564) < 5e-7)
        #expect(abs(r.lmgA - 0.464758) < 5e-7)
        #expect(abs(r.lmgB - 0.342806) < 5e-7)
        #expect(abs(try #require(r.partialEtaSquaredA) - 390.625 / (390.625 + 331.375)) < 1e-12)
        // pingouin's η² column divides by the sum of its table's SS (Type II, interaction, residual): 0.433, 0.200, 0.017.
        let tableTotal = r.typeIISSA + r.typeIISSB + r.interactionSS + r.cellMeansResidualSS
        #expect(abs(r.typeIISSA / tableTotal - 0.433) < 5e-4)
        #expect(abs(r.typeIISSB / tableTotal - 0.200) < 5e-4)
        #expect(abs(r.interactionSS / tableTotal - 0.017) < 5e-4)
    }

    /// Type II sums of squares and LMG shares do not depend on which factor is called A (property).
    @Test func factorOrderInvariance() throws {
        var rng = RandomGenerator(seed: 5)
        for _ in 0..<100 {
            let data = randomTwoFactorData(&rng, weighted: rng.nextBool(probability: 0.5))
            guard let ab = try? AnalysisOfVariance.twoFactorAdditive(y: data.y, a: data.a, b: data.b, weights: data.w) else { continue }
            let ba = try AnalysisOfVariance.twoFactorAdditive(y: data.y, a: data.b, b: data.a, weights: data.w)
            let scale = ab.ssTotal
            #expect(abs(ab.typeIISSA - ba.typeIISSB) < 1e-9 * scale)
            #expect(abs(ab.typeIISSB - ba.typeIISSA) < 1e-9 * scale)
            #expect(abs(ab.residualSS - ba.residualSS) < 1e-9 * scale)
            #expect(abs(ab.lmgA - ba.lmgB) < 1e-9 && abs(ab.lmgB - ba.lmgA) < 1e-9)
            // LMG shares sum to R²; R² lies in 0...1 and is at least each factor's own R².
            #expect(abs(ab.lmgA + ab.lmgB - ab.rSquared) < 1e-12)
            #expect(ab.rSquared <= 1 + 1e-12 && ab.rSquared >= max(ab.etaSquaredA, ab.etaSquaredB) - 1e-12)
        }
    }

    /// The cell-based solution equals ordinary (weighted) least squares accumulated row by row over the dummy-coded design.
    @Test func matchesRowByRowLeastSquares() throws {
        var rng = RandomGenerator(seed: 9)
        for _ in 0..<60 {
            let data = randomTwoFactorData(&rng, weighted: rng.nextBool(probability: 0.5))
            guard let r = try? AnalysisOfVariance.twoFactorAdditive(y: data.y, a: data.a, b: data.b, weights: data.w) else { continue }
            let full = referenceRSS(data, useA: true, useB: true)
            let onlyA = referenceRSS(data, useA: true, useB: false)
            let onlyB = referenceRSS(data, useA: false, useB: true)
            let total = referenceRSS(data, useA: false, useB: false)
            let scale = total
            #expect(abs(r.ssTotal - total) < 1e-9 * scale)
            #expect(abs(r.residualSS - full) < 1e-8 * scale)
            #expect(abs(r.typeIISSA - (onlyB - full)) < 1e-8 * scale)
            #expect(abs(r.typeIISSB - (onlyA - full)) < 1e-8 * scale)
            #expect(abs(r.etaSquaredA - (1 - onlyA / total)) < 1e-9)
        }
    }

    /// Integer weights give the same sums of squares as repeating each observation that many times.
    @Test func weightsActLikeRepetitions() throws {
        let y: [Double] = [3, 5, 4, 8, 9, 1, 2, 7]
        let a = [0, 0, 1, 1, 2, 2, 0, 1], b = [0, 1, 0, 1, 0, 1, 1, 0]
        let w: [Double] = [1, 2, 3, 1, 2, 1, 1, 2]
        var ry: [Double] = [], ra: [Int] = [], rb: [Int] = []
        for i in y.indices { for _ in 0..<Int(w[i]) { ry.append(y[i]); ra.append(a[i]); rb.append(b[i]) } }
        let weighted = try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: b, weights: w)
        let repeated = try AnalysisOfVariance.twoFactorAdditive(y: ry, a: ra, b: rb)
        #expect(abs(weighted.typeIISSA - repeated.typeIISSA) < 1e-9)
        #expect(abs(weighted.typeIISSB - repeated.typeIISSB) < 1e-9)
        #expect(abs(weighted.rSquared - repeated.rSquared) < 1e-12)
        #expect(abs(weighted.lmgA - repeated.lmgA) < 1e-12)
        #expect(weighted.sumOfWeights == 13 && weighted.observationCount == 8 && repeated.observationCount == 13)
    }

    /// Fully confounded factors (every level of A with one level of B) leave no Type II SS and split R² equally.
    @Test func aliasedFactors() throws {
        let y: [Double] = [1, 2, 4, 5, 9, 8]
        let a = [0, 0, 1, 1, 2, 2]
        let r = try AnalysisOfVariance.twoFactorAdditive(y: y, a: a, b: a.map { 2 - $0 })
        #expect(r.typeIISSA < 1e-9 && r.typeIISSB < 1e-9)
        #expect(r.dfA == 0 && r.dfB == 0 && r.fA == nil)
        #expect(abs(r.lmgA - r.lmgB) < 1e-12 && abs(r.rSquared - r.etaSquaredA) < 1e-12)
        #expect(r.residualDF == 3)
    }

    /// Empty input, one level of a factor, equal outcomes, bad weights and NaN are "not available".
    @Test func twoFactorNotAvailable() {
        #expect(throws: StatisticError.noData) { try AnalysisOfVariance.twoFactorAdditive(y: [], a: [], b: []) }
        #expect(throws: StatisticError.tooFew(2, "levels of factor A")) {
            try AnalysisOfVariance.twoFactorAdditive(y: [1, 2, 3], a: [4, 4, 4], b: [0, 1, 1])
        }
        #expect(throws: StatisticError.tooFew(2, "levels of factor B")) {
            try AnalysisOfVariance.twoFactorAdditive(y: [1, 2, 3], a: [0, 1, 1], b: [2, 2, 2])
        }
        #expect(throws: StatisticError.zeroVariance) {
            try AnalysisOfVariance.twoFactorAdditive(y: [2, 2, 2, 2], a: [0, 1, 0, 1], b: [0, 0, 1, 1])
        }
        #expect(throws: StatisticError.self) {
            try AnalysisOfVariance.twoFactorAdditive(y: [1, 2, 3, 4], a: [0, 1, 0, 1], b: [0, 0, 1, 1], weights: [1, 0, 1, 1])
        }
        #expect(throws: StatisticError.nonFinite) {
            try AnalysisOfVariance.twoFactorAdditive(y: [1, .nan, 3, 4], a: [0, 1, 0, 1], b: [0, 0, 1, 1])
        }
        #expect(throws: StatisticError.self) { try AnalysisOfVariance.twoFactorAdditive(y: [1, 2], a: [0], b: [0, 1]) }
    }
}

// MARK: - Helpers

private struct TwoFactorData {
    var y: [Double], a: [Int], b: [Int], w: [Double]?
}

/// Random unbalanced, correlated two-factor data: 8–200 observations, 2–6 × 2–5 levels.
private func randomTwoFactorData(_ rng: inout RandomGenerator, weighted: Bool) -> TwoFactorData {
    let n = 8 + rng.nextInt(below: 193), la = 2 + rng.nextInt(below: 5), lb = 2 + rng.nextInt(below: 4)
    var y: [Double] = [], a: [Int] = [], b: [Int] = [], w: [Double] = []
    let effectA = (0..<la).map { _ in rng.nextGaussian() }, effectB = (0..<lb).map { _ in rng.nextGaussian() }
    for _ in 0..<n {
        let i = rng.nextInt(below: la)
        let j = rng.nextBool(probability: 0.6) ? min(i, lb - 1) : rng.nextInt(below: lb)  // correlated levels
        a.append(i); b.append(j)
        y.append(effectA[i] + effectB[j] + rng.nextGaussian())
        w.append(0.2 + 3 * rng.nextDouble())
    }
    return TwoFactorData(y: y, a: a, b: b, w: weighted ? w : nil)
}

/// Weighted residual SS of y on an intercept plus the dummies of the chosen factors, by normal
/// equations accumulated row by row and Gaussian elimination with a pseudo-inverse fallback
/// (a dropped column when the pivot vanishes) — the slow textbook route.
private func referenceRSS(_ d: TwoFactorData, useA: Bool, useB: Bool) -> Double {
    let la = (d.a.max() ?? 0) + 1, lb = (d.b.max() ?? 0) + 1
    let q = 1 + (useA ? la : 0) + (useB ? lb : 0)
    func row(_ i: Int) -> [Double] {
        var x = [Double](repeating: 0, count: q)
        x[0] = 1
        if useA { x[1 + d.a[i]] = 1 }
        if useB { x[1 + (useA ? la : 0) + d.b[i]] = 1 }
        return x
    }
    var m = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
    var v = [Double](repeating: 0, count: q)
    for i in d.y.indices {
        let x = row(i), w = d.w?[i] ?? 1
        for r in 0..<q { v[r] += w * x[r] * d.y[i]; for s in 0..<q { m[r][s] += w * x[r] * x[s] } }
    }
    // Gauss-Jordan with column dropping (dummies for all levels make the design rank-deficient on purpose).
    var beta = [Double](repeating: 0, count: q)
    var active = [Bool](repeating: true, count: q)
    var a = m, rhs = v
    for col in 0..<q {
        guard abs(a[col][col]) > 1e-9 * max(1, m[col][col]) else { active[col] = false; continue }
        for r in 0..<q where r != col {
            let factor = a[r][col] / a[col][col]
            if factor == 0 { continue }
            for s in 0..<q { a[r][s] -= factor * a[col][s] }
            rhs[r] -= factor * rhs[col]
        }
    }
    for col in 0..<q where active[col] { beta[col] = rhs[col] / a[col][col] }
    var rss = 0.0
    for i in d.y.indices {
        let x = row(i)
        var fitted = 0.0
        for r in 0..<q { fitted += x[r] * beta[r] }
        rss += (d.w?[i] ?? 1) * (d.y[i] - fitted) * (d.y[i] - fitted)
    }
    return rss
}
