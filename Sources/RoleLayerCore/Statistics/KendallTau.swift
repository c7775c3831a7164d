/// Kendall's rank correlation τ_b with ties and its two-sided p-value, as scipy
/// `scipy.stats.kendalltau(x, y)` computes them (method "auto", variant "b"; O11).
///
///     τ_b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))
///
/// n₀ = n(n−1)/2, n₁ = Σ t(t−1)/2 over tie groups of x, n₂ likewise for y (Kendall 1938, Biometrika
/// 30:81–93; ties: Kendall 1945, Biometrika 33:239–251).
///
/// p-value (scipy's rule): **exact** when neither variable has ties and n ≤ 33 (or min(n_d, n₀ − n_d) ≤ 1),
/// from the distribution of the number of inversions (Kendall 1970, *Rank Correlation Methods*,
/// 4th ed.); otherwise the **normal approximation** to S = n_c − n_d with the tie-corrected variance
///
///     Var S = [v₀ − v_x − v_y]/18 + 2·n₁·n₂/(n(n−1)) + x₀·y₀/(9·n(n−1)(n−2))
///
/// v₀ = n(n−1)(2n+5), v_x = Σ t(t−1)(2t+5), x₀ = Σ t(t−1)(t−2) (Kendall 1970 eq. 4.4), without a
/// continuity correction. O(n²) pair counting: fine for ranks of roles (n ≈ 10) and up to a few
/// thousand points.
public enum KendallTau {
    /// τ_b and its p-value.
    public struct Result: Sendable, Hashable {
        /// τ_b in −1...1.
        public var tau: Double
        /// Two-sided p-value in 0...1 for H₀: τ = 0.
        public var pValue: Double
        /// True when the p-value is exact (no ties, small n), false for the normal approximation.
        public var isExact: Bool
    }

    /// Kendall's τ_b of paired observations (x[i], y[i]).
    ///
    /// - Parameters: x, y: same length n ≥ 2, finite.
    /// - Throws: ``StatisticError/shape(_:)`` for different lengths; ``StatisticError/tooFew(_:_:)``
    ///   (2) for n < 2; ``StatisticError/nonFinite``; ``StatisticError/zeroVariance`` when x or y is
    ///   constant (a constant ranking has no τ).
    public static func tauB(_ x: [Double], _ y: [Double]) throws(StatisticError) -> Result {
        let n = try Ranking.checkPairs(x, y)
        var concordant = 0, discordant = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let s = Ranking.order(x[i], x[j]) * Ranking.order(y[i], y[j])
                if s > 0 { concordant += 1 } else if s < 0 { discordant += 1 }
            }
        }
        let tx = tieStatistics(x), ty = tieStatistics(y)
        let total = n * (n - 1) / 2
        guard tx.pairs < total, ty.pairs < total else { throw .zeroVariance }
        let s = Double(concordant - discordant)
        let tau = min(1, max(-1, s / (Double(total - tx.pairs).squareRoot() * Double(total - ty.pairs).squareRoot())))

        if tx.pairs == 0, ty.pairs == 0, n <= 33 || min(discordant, total - discordant) <= 1 {
            return Result(tau: tau, pValue: exactPValue(n: n, concordant: total - discordant), isExact: true)
        }
        let nn = Double(n), m = nn * (nn - 1)
        var variance = (m * (2 * nn + 5) - tx.v1 - ty.v1) / 18 + 2 * Double(tx.pairs) * Double(ty.pairs) / m
        if n > 2 { variance += tx.v0 * ty.v0 / (9 * m * (nn - 2)) }
        let z = s / variance.squareRoot()
        let p = min(1, 2 * NormalDistribution.survival(abs(z)))
        return Result(tau: tau, pValue: p, isExact: false)
    }

    // MARK: - Internal

    /// Tie statistics of one variable: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5).
    static func tieStatistics(_ v: [Double]) -> (pairs: Int, v0: Double, v1: Double) {
        var pairs = 0, v0 = 0.0, v1 = 0.0
        for t in Ranking.tieGroupSizes(v) where t > 1 {
            let td = Double(t)
            pairs += t * (t - 1) / 2
            v0 += td * (td - 1) * (td - 2)
            v1 += td * (td - 1) * (2 * td + 5)
        }
        return (pairs, v0, v1)
    }

    /// Two-sided exact p-value 2·P(C ≤ min(c, n₀ − c)) under H₀ for n untied pairs with c
    /// concordant pairs (scipy `_kendall_p_exact`, the inversion-count recursion, normalised by j at
    /// each step so it does not overflow), clipped to 0...1.
    static func exactPValue(n: Int, concordant c0: Int) -> Double {
        let total = n * (n - 1) / 2
        let c = min(c0, total - c0)
        if n <= 2 { return 1 }
        if 4 * c == n * (n - 1) { return 1 }
        var counts = [Double](repeating: 0, count: c + 1)
        counts[0] = 1
        if c >= 1 { counts[1] = 1 }
        if n >= 3 {
            for j in 3...n {
                var running = 0.0
                for i in 0...c {
                    running += counts[i]
                    counts[i] = running / Double(j)
                }
                if j <= c {
                    // counts[i] -= counts_old_cumsum[i - j], processed from the top so the source
                    // entries are still the pre-subtraction values.
                    for i in stride(from: c, through: j, by: -1) { counts[i] -= counts[i - j] }
                }
            }
        }
        return min(1, max(0, counts.reduce(0, +)))
    }
}
