extension AnalysisOfVariance {
    /// The additive two-factor model y = μ + α_a + β_b + e on an unbalanced design: Type II sums
    /// of squares, effect sizes and the Shapley (LMG) split of R² between the two factors.
    ///
    /// All sums of squares are weighted when weights were given (weighted least squares); degrees
    /// of freedom count observations, not weights.
    public struct TwoFactorResult: Sendable, Hashable, Codable {
        /// N, the number of observations.
        public var observationCount: Int
        /// Σ w (equals N without weights).
        public var sumOfWeights: Double
        /// Non-empty levels of factor A.
        public var levelsA: Int
        /// Non-empty levels of factor B.
        public var levelsB: Int
        /// SS_total = Σ w (y − ȳ_w)², > 0.
        public var ssTotal: Double
        /// SS of A alone (between its level means) = Type I SS of A entered first.
        public var ssA: Double
        /// SS of B alone = Type I SS of B entered first.
        public var ssB: Double
        /// Type II SS of A: RSS(B) − RSS(A + B), A adjusted for B, ≥ 0; exactly 0 when it is
        /// rounding noise (``RoundingNoise``).
        public var typeIISSA: Double
        /// Type II SS of B: RSS(A) − RSS(A + B), ≥ 0; exactly 0 when it is rounding noise.
        public var typeIISSB: Double
        /// Degrees of freedom of A in the additive model (levels − 1, less any level aliased with B).
        public var dfA: Int
        /// Degrees of freedom of B in the additive model.
        public var dfB: Int
        /// RSS of the additive model, ≥ 0; exactly 0 when the model fits exactly up to rounding
        /// (RSS ≤ ε·Σ w y², ``RoundingNoise``).
        public var residualSS: Double
        /// N − rank of the additive model.
        public var residualDF: Int
        /// F of A = (SS_II(A)/df_A) / (RSS/df_res); nil when df_A, df_res or RSS is 0 (an exact
        /// fit, up to rounding).
        public var fA: Double?
        /// Upper-tail p of `fA`.
        public var pA: Double?
        /// F of B, as `fA`.
        public var fB: Double?
        /// Upper-tail p of `fB`.
        public var pB: Double?
        /// η² of A alone = SS_A / SS_total = R²(A), 0...1.
        public var etaSquaredA: Double
        /// η² of B alone = R²(B), 0...1.
        public var etaSquaredB: Double
        /// Partial η² of A in the additive model, SS_II(A) / (SS_II(A) + RSS), 0...1; nil when both are 0.
        public var partialEtaSquaredA: Double?
        /// Partial η² of B, as A.
        public var partialEtaSquaredB: Double?
        /// R² of the additive model A + B, 0...1.
        public var rSquared: Double
        /// LMG (Shapley) share of A: ½[R²(A) + R²(A+B) − R²(B)]. lmgA + lmgB = rSquared.
        public var lmgA: Double
        /// LMG (Shapley) share of B: ½[R²(B) + R²(A+B) − R²(A)].
        public var lmgB: Double
        /// For comparison with full-factorial tables only (RoleLayer uses the additive model):
        /// SS of the A × B interaction, RSS(A + B) − RSS(A × B), ≥ 0, where A × B is the cell-means
        /// model; exactly 0 when it is rounding noise.
        public var interactionSS: Double
        /// Degrees of freedom of the interaction: non-empty cells − rank of the additive model.
        public var interactionDF: Int
        /// RSS of the cell-means (interaction) model: the weighted within-cell sum of squares.
        public var cellMeansResidualSS: Double
        /// N − non-empty cells.
        public var cellMeansResidualDF: Int
    }

    /// The additive two-factor ANOVA with Type II sums of squares (each factor adjusted for the
    /// other; Yates 1934, Herr 1986 *Am. Stat.* 40:265–270; the default of pingouin `anova(ss_type=2)`
    /// and statsmodels `anova_lm(typ=2)`), η² of each factor alone, partial η², and the LMG/Shapley
    /// decomposition of R² (Lindeman, Merenda & Gold 1980, *Introduction to Bivariate and
    /// Multivariate Analysis*; Grömping 2006, *J. Stat. Softw.* 17(1)).
    ///
    /// Algorithm: one pass accumulates per-cell weighted Welford states (West 1979,
    /// *Commun. ACM* 22:532–535); the normal equations X'WX, X'Wy of the dummy-coded model
    /// (reference coding, the lowest non-empty level of each factor as reference) follow from the
    /// cells and are solved by Cholesky, dropping aliased columns. Every model here is constant
    /// within a cell, so each RSS is the within-cell SS plus a weighted sum over cells: O(N) for
    /// the pass plus O(cells · q²) for q = levelsA + levelsB − 1 columns, independent of N.
    ///
    /// Degenerate data: "all outcomes equal" is decided on y itself (min == max, ``ValueRange``),
    /// since the computed SS_total of equal non-dyadic outcomes (0.1, 2.7, or 3.0 under weights)
    /// is rounding noise, not 0. An exact fit of the additive model leaves an RSS of rounding
    /// noise from the solve; RSS, the Type II SS and the interaction SS at or below
    /// ε·Σ w y² (``RoundingNoise``, ε = 2⁻⁸⁰) are reported as 0, so F and p are nil there, and a
    /// partial η² is 1 for a factor with an effect and nil (0/0) for one without.
    ///
    /// - Parameters:
    ///   - y: the outcome, finite (RoleLayer: a respondent's position x_i).
    ///   - a: level of factor A per observation, in 0..<65536 (for example the role index).
    ///   - b: level of factor B per observation, in 0..<65536 (for example the maturity stage).
    ///   - weights: optional survey weights, each finite and > 0; nil = unit weights.
    /// - Throws: `.shape` (lengths differ, level outside the range, a weight not > 0), `.noData`,
    ///   `.nonFinite`, `.tooFew(2, "levels of factor A")` / `"levels of factor B"`,
    ///   `.zeroVariance` when all outcomes are equal.
    public static func twoFactorAdditive(
        y: [Double], a: [Int], b: [Int], weights: [Double]? = nil
    ) throws(StatisticError) -> TwoFactorResult {
        let n = y.count
        guard a.count == n, b.count == n else { throw .shape("\(n) outcomes, \(a.count) levels of A, \(b.count) of B") }
        if let weights, weights.count != n { throw .shape("\(n) outcomes but \(weights.count) weights") }
        guard n > 0 else { throw .noData }
        var maxA = 0, maxB = 0
        for i in 0..<n {
            guard a[i] >= 0, a[i] < 1 << 16, b[i] >= 0, b[i] < 1 << 16 else {
                throw .shape("factor level outside 0..<65536 at observation \(i)")
            }
            maxA = max(maxA, a[i]); maxB = max(maxB, b[i])
        }
        let rowsA = maxA + 1, columnsB = maxB + 1
        guard rowsA * columnsB <= 1 << 22 else { throw .shape("too many cells (\(rowsA) × \(columnsB))") }

        // One pass: weighted Welford state per cell.
        let cellCount = rowsA * columnsB
        var count = [Int](repeating: 0, count: cellCount)
        var weight = [Double](repeating: 0, count: cellCount)
        var mean = [Double](repeating: 0, count: cellCount)
        var m2 = [Double](repeating: 0, count: cellCount)
        var range = ValueRange()
        for i in 0..<n {
            let value = y[i]
            guard value.isFinite else { throw .nonFinite }
            range.add(value)
            let w = weights?[i] ?? 1
            guard w.isFinite, w > 0 else { throw .shape("weight \(w) at observation \(i) is not a positive number") }
            let c = a[i] * columnsB + b[i]
            count[c] += 1
            weight[c] += w
            let delta = value - mean[c]
            mean[c] += delta * (w / weight[c])
            m2[c] += w * delta * (value - mean[c])
        }

        // Level weights, means and the grand mean.
        var weightA = [Double](repeating: 0, count: rowsA), sumA = [Double](repeating: 0, count: rowsA)
        var weightB = [Double](repeating: 0, count: columnsB), sumB = [Double](repeating: 0, count: columnsB)
        var totalWeight = 0.0, withinCells = 0.0, nonEmptyCells = 0
        for i in 0..<rowsA {
            for j in 0..<columnsB where count[i * columnsB + j] > 0 {
                let c = i * columnsB + j
                weightA[i] += weight[c]; sumA[i] += weight[c] * mean[c]
                weightB[j] += weight[c]; sumB[j] += weight[c] * mean[c]
                totalWeight += weight[c]
                withinCells += m2[c]
                nonEmptyCells += 1
            }
        }
        var grandSum = 0.0
        for i in 0..<rowsA { grandSum += sumA[i] }
        let grandMean = grandSum / totalWeight

        // Dense dummy columns: 0 = intercept, then A's non-reference levels, then B's.
        var columnOfA = [Int](repeating: -1, count: rowsA), columnOfB = [Int](repeating: -1, count: columnsB)
        var presentA = 0, presentB = 0
        var q = 1
        for i in 0..<rowsA where weightA[i] > 0 {
            if presentA > 0 { columnOfA[i] = q; q += 1 }
            presentA += 1
        }
        for j in 0..<columnsB where weightB[j] > 0 {
            if presentB > 0 { columnOfB[j] = q; q += 1 }
            presentB += 1
        }
        guard presentA >= 2 else { throw .tooFew(2, "levels of factor A") }
        guard presentB >= 2 else { throw .tooFew(2, "levels of factor B") }

        // Level means (centred) and the one-factor sums of squares.
        var centredMeanA = [Double](repeating: 0, count: rowsA), centredMeanB = [Double](repeating: 0, count: columnsB)
        var ssA = 0.0, ssB = 0.0
        for i in 0..<rowsA where weightA[i] > 0 {
            centredMeanA[i] = sumA[i] / weightA[i] - grandMean
            ssA += weightA[i] * centredMeanA[i] * centredMeanA[i]
        }
        for j in 0..<columnsB where weightB[j] > 0 {
            centredMeanB[j] = sumB[j] / weightB[j] - grandMean
            ssB += weightB[j] * centredMeanB[j] * centredMeanB[j]
        }
        var ssTotal = withinCells
        for c in 0..<cellCount where count[c] > 0 {
            let d = mean[c] - grandMean
            ssTotal += weight[c] * d * d
        }
        guard !range.allEqual, ssTotal > 0 else { throw .zeroVariance }
        // Σ w y² (uncentred): the scale of the rounding in cell means and fitted values.
        let squaredValues = ssTotal + totalWeight * grandMean * grandMean
        func denoised(_ ss: Double) -> Double { RoundingNoise.removed(from: ss, sumOfSquaredValues: squaredValues) }

        // Normal equations of the additive model on the centred outcome, from the cells.
        var xtx = [Double](repeating: 0, count: q * q)
        var xty = [Double](repeating: 0, count: q)
        for i in 0..<rowsA {
            for j in 0..<columnsB where count[i * columnsB + j] > 0 {
                let c = i * columnsB + j
                let w = weight[c], wy = weight[c] * (mean[c] - grandMean)
                let columns = [0, columnOfA[i], columnOfB[j]]
                for r in columns where r >= 0 {
                    xty[r] += wy
                    for s in columns where s >= 0 { xtx[r * q + s] += w }
                }
            }
        }
        let (beta, rank) = solveNormalEquations(xtx, xty, size: q)

        // Fitted values per cell and the sums of squares derived from them.
        var modelSS = 0.0, interactionSS = 0.0, typeIIA = 0.0, typeIIB = 0.0
        for i in 0..<rowsA {
            for j in 0..<columnsB where count[i * columnsB + j] > 0 {
                let c = i * columnsB + j
                var fitted = beta[0]
                if columnOfA[i] >= 0 { fitted += beta[columnOfA[i]] }
                if columnOfB[j] >= 0 { fitted += beta[columnOfB[j]] }
                let w = weight[c]
                modelSS += w * fitted * fitted
                let lack = mean[c] - grandMean - fitted
                interactionSS += w * lack * lack
                // Nested models: RSS(B) − RSS(A+B) = ‖ŷ(A+B) − ŷ(B)‖²_W, and likewise for B.
                let gainOverB = fitted - centredMeanB[j], gainOverA = fitted - centredMeanA[i]
                typeIIA += w * gainOverB * gainOverB
                typeIIB += w * gainOverA * gainOverA
            }
        }
        interactionSS = denoised(interactionSS)
        typeIIA = denoised(typeIIA)
        typeIIB = denoised(typeIIB)
        let residualSS = denoised(withinCells + interactionSS)
        let residualDF = n - rank
        let dfA = rank - presentB, dfB = rank - presentA

        func test(_ ss: Double, _ df: Int) -> (Double?, Double?) {
            guard df > 0, residualDF > 0, residualSS > 0 else { return (nil, nil) }
            let f = (ss / Double(df)) / (residualSS / Double(residualDF))
            return (f, FDistribution.survival(f, numerator: Double(df), denominator: Double(residualDF)))
        }
        let (fA, pA) = test(typeIIA, dfA)
        let (fB, pB) = test(typeIIB, dfB)
        let r2A = ssA / ssTotal, r2B = ssB / ssTotal, r2 = modelSS / ssTotal
        return TwoFactorResult(
            observationCount: n, sumOfWeights: totalWeight, levelsA: presentA, levelsB: presentB,
            ssTotal: ssTotal, ssA: ssA, ssB: ssB, typeIISSA: typeIIA, typeIISSB: typeIIB,
            dfA: dfA, dfB: dfB, residualSS: residualSS, residualDF: residualDF,
            fA: fA, pA: pA, fB: fB, pB: pB,
            etaSquaredA: r2A, etaSquaredB: r2B,
            partialEtaSquaredA: typeIIA + residualSS > 0 ? typeIIA / (typeIIA + residualSS) : nil,
            partialEtaSquaredB: typeIIB + residualSS > 0 ? typeIIB / (typeIIB + residualSS) : nil,
            rSquared: r2, lmgA: (r2A + r2 - r2B) / 2, lmgB: (r2B + r2 - r2A) / 2,
            interactionSS: interactionSS, interactionDF: nonEmptyCells - rank,
            cellMeansResidualSS: withinCells, cellMeansResidualDF: n - nonEmptyCells)
    }

    /// Solves the symmetric positive semi-definite system M β = r (size q, row-major) by Cholesky,
    /// treating a column whose pivot falls below 1e-10 of its diagonal as aliased (β = 0 there):
    /// the fitted values are then the least-squares projection, whatever the aliasing. Returns β
    /// and the rank.
    static func solveNormalEquations(_ m: [Double], _ r: [Double], size q: Int) -> (beta: [Double], rank: Int) {
        var l = [Double](repeating: 0, count: q * q)
        var aliased = [Bool](repeating: false, count: q)
        var rank = 0
        for j in 0..<q {
            var d = m[j * q + j]
            for k in 0..<j { d -= l[j * q + k] * l[j * q + k] }
            guard m[j * q + j] > 0, d > 1e-10 * m[j * q + j] else { aliased[j] = true; continue }
            let pivot = d.squareRoot()
            l[j * q + j] = pivot
            rank += 1
            for i in (j + 1)..<q {
                var s = m[i * q + j]
                for k in 0..<j { s -= l[i * q + k] * l[j * q + k] }
                l[i * q + j] = s / pivot
            }
        }
        var z = [Double](repeating: 0, count: q)
        for j in 0..<q where !aliased[j] {
            var s = r[j]
            for k in 0..<j { s -= l[j * q + k] * z[k] }
            z[j] = s / l[j * q + j]
        }
        var beta = [Double](repeating: 0, count: q)
        for j in stride(from: q - 1, through: 0, by: -1) where !aliased[j] {
            var s = z[j]
            for k in (j + 1)..<q { s -= l[k * q + j] * beta[k] }
            beta[j] = s / l[j * q + j]
        }
        return (beta, rank)
    }
}
