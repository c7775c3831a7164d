/// Kendall's coefficient of concordance W with the tie correction, and Friedman's χ² test
/// (Kendall & Babington Smith 1939, "The problem of m rankings", Ann. Math. Stat. 10:275–287;
/// Friedman 1937, JASA 32:675–701):
///
///     W = (12·Σⱼ Rⱼ² − 3m²n(n+1)²) / (m²n(n² − 1) − m·T),   T = Σ_judges Σ_tie groups (t³ − t)
///     Friedman χ² = m(n − 1)·W,  df = n − 1
///
/// with m judges (in RoleLayer: waves), n objects (roles), Rⱼ the rank sum of object j.
/// Matches pingouin `friedman` (W, Q, and the F method) and scipy `friedmanchisquare` (O7).
public enum KendallW {
    /// The full result of ``test(ranks:)``.
    public struct Result: Sendable, Hashable {
        /// Kendall's W in 0...1 (1 = every judge ranks the objects alike).
        public var w: Double
        /// The tie term T = Σ(t³ − t) over all judges, ≥ 0.
        public var tieTerm: Double
        /// Friedman's χ² = m(n − 1)W, ≥ 0.
        public var friedmanChiSquare: Double
        /// n − 1.
        public var degreesOfFreedom: Int
        /// P(χ²_{n−1} > Friedman χ²), in 0...1.
        public var pValue: Double
        /// The F version (pingouin `method="f"`): F = (m − 1)W/(1 − W); nil when W = 1.
        public var f: Double?
        /// The F test's numerator degrees of freedom df₁ = n − 1 − 2/m (non-integer).
        public var fNumeratorDegreesOfFreedom: Double
        /// The F test's denominator degrees of freedom df₂ = (m − 1)·df₁.
        public var fDenominatorDegreesOfFreedom: Double
        /// P(F > f); nil when W = 1 or df₁ ≤ 0.
        public var fPValue: Double?
    }

    /// Kendall's W of `ranks`, in 0...1.
    ///
    /// - Parameter ranks: [judge][object], m ≥ 2 judges × n ≥ 2 objects, finite. Each judge's row is
    ///   re-ranked ascending with ties averaged (``Ranking/averageRanks(_:descending:)``), so raw scores
    ///   or ranks (in either direction, as long as all judges use the same one) give the same W.
    /// - Throws: ``StatisticError/tooFew(_:_:)`` for fewer than 2 judges or objects;
    ///   ``StatisticError/shape(_:)`` for ragged rows; ``StatisticError/nonFinite`` for NaN/∞;
    ///   ``StatisticError/zeroVariance`` when every judge ties all objects (denominator 0).
    public static func coefficient(ranks: [[Double]]) throws(StatisticError) -> Double {
        try test(ranks: ranks).w
    }

    /// W with Friedman's χ² and F tests; same input and errors as ``coefficient(ranks:)``.
    public static func test(ranks: [[Double]]) throws(StatisticError) -> Result {
        let m = ranks.count
        guard m >= 2 else { throw .tooFew(2, "judges") }
        let n = ranks[0].count
        guard n >= 2 else { throw .tooFew(2, "objects") }
        var rankSums = [Double](repeating: 0, count: n)
        var tie = 0.0
        for row in ranks {
            guard row.count == n else { throw .shape("judges rank different numbers of objects") }
            for x in row where !x.isFinite { throw .nonFinite }
            let r = Ranking.averageRanks(row, descending: false)
            for j in 0..<n { rankSums[j] += r[j] }
            tie += Ranking.tieTerm(row)
        }
        let mm = Double(m), nn = Double(n)
        // Σ(Rⱼ − R̄)² form: 12·ΣRⱼ² − 3m²n(n+1)² = 12·Σ(Rⱼ − m(n+1)/2)², exact for rank sums and
        // free of cancellation.
        let meanRankSum = mm * (nn + 1) / 2
        var s = 0.0
        for r in rankSums { s += (r - meanRankSum) * (r - meanRankSum) }
        let denominator = mm * mm * nn * (nn * nn - 1) - mm * tie
        guard denominator > 0 else { throw .zeroVariance }
        let w = min(1, max(0, 12 * s / denominator))
        let chi2 = mm * (nn - 1) * w
        let df1 = nn - 1 - 2 / mm
        let df2 = (mm - 1) * df1
        var f: Double? = nil, fp: Double? = nil
        if w < 1 {
            let fv = (mm - 1) * w / (1 - w)
            f = fv
            if df1 > 0 { fp = FDistribution.survival(fv, numerator: df1, denominator: df2) }
        }
        return Result(
            w: w, tieTerm: tie, friedmanChiSquare: chi2, degreesOfFreedom: n - 1,
            pValue: ChiSquaredDistribution.survival(chi2, degreesOfFreedom: nn - 1),
            f: f, fNumeratorDegreesOfFreedom: df1, fDenominatorDegreesOfFreedom: df2, fPValue: fp)
    }
}
