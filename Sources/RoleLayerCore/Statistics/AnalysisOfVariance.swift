/// Analysis of variance: the one-way decomposition with its effect sizes, and (in
/// `AnalysisOfVariance+TwoFactor.swift`) the additive two-factor model with Type II sums of squares
/// and the Shapley (LMG) split of R².
public enum AnalysisOfVariance {
    /// The one-way ANOVA table of values by group, with effect sizes.
    public struct OneWayResult: Sendable, Hashable, Codable {
        /// N, the number of observations.
        public var observationCount: Int
        /// G, the number of non-empty groups.
        public var groupCount: Int
        /// Σ_j n_j², for the n₀ group-size rule of ICC(1).
        public var sumOfSquaredGroupSizes: Double
        /// SS_between = Σ_j n_j (ȳ_j − ȳ)², ≥ 0; exactly 0 when it is rounding noise (equal group
        /// means, ``RoundingNoise``).
        public var ssBetween: Double
        /// SS_within = Σ_j Σ_i (y_ij − ȳ_j)², ≥ 0; exactly 0 when it is rounding noise.
        public var ssWithin: Double
        /// SS_total = SS_between + SS_within, > 0.
        public var ssTotal: Double
        /// G − 1.
        public var dfBetween: Int
        /// N − G, ≥ 1.
        public var dfWithin: Int
        /// MSB = SS_between / (G − 1).
        public var msBetween: Double
        /// MSW = SS_within / (N − G).
        public var msWithin: Double
        /// F = MSB / MSW; nil when MSW = 0 (no variance within groups, up to rounding).
        public var f: Double?
        /// P(F(G−1, N−G) > F), the upper tail; nil when `f` is nil.
        public var pValue: Double?
        /// η² = SS_between / SS_total, 0...1.
        public var etaSquared: Double
        /// ω² = (SS_between − (G−1)·MSW) / (SS_total + MSW) (Hays 1963); can be negative, reported as is.
        public var omegaSquared: Double
        /// ε² = (SS_between − (G−1)·MSW) / SS_total (Kelley 1935); can be negative, reported as is.
        public var epsilonSquared: Double
    }

    /// One-way ANOVA of `values` by `groups` (Fisher 1925; effect sizes: Hays 1963 for ω²,
    /// Kelley 1935 for ε²). One pass with a Welford state per group (Welford 1962), so
    /// SS_within never suffers the cancellation of Σy² − nȳ².
    ///
    /// "All values equal" is decided on the values, not on the computed SS_total, which is
    /// rounding noise (about 1e-30) when every value is, say, 0.1: Welford's update keeps the
    /// mean of a constant group exact and its SS at exactly 0, so the values are all equal exactly
    /// when every group has SS_j = 0 and all group means are equal (min == max, see
    /// ``oneWay(counts:means:sumsOfSquares:)``). A computed SS_between or SS_within at the
    /// rounding level of the data is reported as 0 (``RoundingNoise``), so equal group means
    /// give η² = 0 and ICC(2) not available.
    ///
    /// - Parameters:
    ///   - values: the outcome of each observation, finite.
    ///   - groups: the group index of each observation, same count, each in 0..<2²⁶ (dense
    ///     indices such as an organisation or role index; indices with no observation are ignored).
    /// - Throws: `.shape` (counts differ, negative or huge index), `.noData` (no observations),
    ///   `.nonFinite`, `.tooFew(2, "groups")`, `StatisticError` when every group has a single
    ///   observation (N = G: no within-group variance), `.zeroVariance` when all values are equal
    ///   (or SS_between and SS_within are both rounding noise).
    public static func oneWay(values: [Double], groups: [Int]) throws(StatisticError) -> OneWayResult {
        guard values.count == groups.count else {
            throw .shape("\(values.count) values but \(groups.count) group indices")
        }
        guard !values.isEmpty else { throw .noData }
        var maxGroup = 0
        for g in groups {
            guard g >= 0, g < 1 << 26 else { throw .shape("group index \(g) outside 0..<2^26") }
            maxGroup = max(maxGroup, g)
        }
        var counts = [Int](repeating: 0, count: maxGroup + 1)
        var means = [Double](repeating: 0, count: maxGroup + 1)
        var squares = [Double](repeating: 0, count: maxGroup + 1)
        for i in values.indices {
            let y = values[i]
            guard y.isFinite else { throw .nonFinite }
            let g = groups[i]
            counts[g] += 1
            let delta = y - means[g]
            means[g] += delta / Double(counts[g])
            squares[g] += delta * (y - means[g])
        }
        return try oneWay(counts: counts, means: means, sumsOfSquares: squares)
    }

    /// One-way ANOVA from per-group sufficient statistics (for example per-organisation states
    /// combined in a bootstrap replicate): the same table as ``oneWay(values:groups:)``.
    ///
    /// - Parameters:
    ///   - counts: n_j ≥ 0 per group (groups with n_j = 0 are ignored).
    ///   - means: ȳ_j per group, finite where n_j > 0.
    ///   - sumsOfSquares: Σ_i (y_ij − ȳ_j)² per group, ≥ 0 (Welford's M2).
    /// "All values equal" is decided on these inputs: every SS_j is 0 and every non-empty group
    /// has the same mean (min == max). Means combined from states in floating point may differ in
    /// the last bits; the rounding-noise rule (``RoundingNoise``, Σy² = Σ_j (SS_j + n_j ȳ_j²))
    /// then makes SS_between and SS_within 0 and the table not available as well.
    ///
    /// - Throws: as ``oneWay(values:groups:)``.
    public static func oneWay(counts: [Int], means: [Double], sumsOfSquares: [Double]) throws(StatisticError) -> OneWayResult {
        guard counts.count == means.count, counts.count == sumsOfSquares.count else {
            throw .shape("counts, means and sums of squares differ in length")
        }
        var n = 0, g = 0
        var weightedSum = 0.0, ssWithin = 0.0, sizeSquares = 0.0, squaredValues = 0.0
        var meanRange = ValueRange()
        for j in counts.indices where counts[j] != 0 {
            guard counts[j] > 0 else { throw .shape("negative count in group \(j)") }
            guard means[j].isFinite, sumsOfSquares[j].isFinite else { throw .nonFinite }
            guard sumsOfSquares[j] >= 0 else { throw .shape("negative sum of squares in group \(j)") }
            n += counts[j]; g += 1
            weightedSum += Double(counts[j]) * means[j]
            ssWithin += sumsOfSquares[j]
            squaredValues += sumsOfSquares[j] + Double(counts[j]) * means[j] * means[j]
            sizeSquares += Double(counts[j]) * Double(counts[j])
            meanRange.add(means[j])
        }
        guard n > 0 else { throw .noData }
        guard g >= 2 else { throw .tooFew(2, "groups") }
        guard n > g else { throw StatisticError("every group has a single observation: no within-group variance") }
        guard ssWithin > 0 || !meanRange.allEqual else { throw .zeroVariance }
        let grandMean = weightedSum / Double(n)
        var ssBetween = 0.0
        for j in counts.indices where counts[j] > 0 {
            let d = means[j] - grandMean
            ssBetween += Double(counts[j]) * d * d
        }
        ssBetween = RoundingNoise.removed(from: ssBetween, sumOfSquaredValues: squaredValues)
        ssWithin = RoundingNoise.removed(from: ssWithin, sumOfSquaredValues: squaredValues)
        let ssTotal = ssBetween + ssWithin
        guard ssTotal > 0 else { throw .zeroVariance }
        let dfB = g - 1, dfW = n - g
        let msB = ssBetween / Double(dfB), msW = ssWithin / Double(dfW)
        var f: Double? = nil, p: Double? = nil
        if msW > 0 {
            f = msB / msW
            p = FDistribution.survival(msB / msW, numerator: Double(dfB), denominator: Double(dfW))
        }
        let adjusted = ssBetween - Double(dfB) * msW
        return OneWayResult(
            observationCount: n, groupCount: g, sumOfSquaredGroupSizes: sizeSquares,
            ssBetween: ssBetween, ssWithin: ssWithin, ssTotal: ssTotal,
            dfBetween: dfB, dfWithin: dfW, msBetween: msB, msWithin: msW, f: f, pValue: p,
            etaSquared: ssBetween / ssTotal,
            omegaSquared: adjusted / (ssTotal + msW),
            epsilonSquared: adjusted / ssTotal)
    }
}
