/// The Wilson score interval for a proportion (Wilson 1927, "Probable inference, the law of
/// succession, and statistical inference", JASA 22:209–212):
///
///     centre = (p + z²/2n) / (1 + z²/n)
///     half   = z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n)
///
/// It stays inside 0...1 and behaves at p = 0 and p = 1, where the Wald interval collapses.
/// Matches statsmodels `proportion_confint(count, nobs, method="wilson")`.
/// constructs.md §3: RoleLayer passes the *weighted* share and the *unweighted* n.
public struct WilsonInterval: Sendable {
    /// Interval for `successes` out of `n` trials.
    ///
    /// - Parameters:
    ///   - successes: 0...n; may be fractional (a weighted share × n).
    ///   - n: number of trials (respondents), ≥ 1.
    ///   - level: confidence level in (0, 1), default 0.95 (z = 1.959964).
    /// - Returns: (lower, upper) with 0 ≤ lower ≤ upper ≤ 1.
    /// - Throws: ``StatisticError/noData`` when n = 0 (or negative); ``StatisticError/nonFinite`` when
    ///   `successes` is not finite; `StatisticError("successes must be in 0...n")`;
    ///   `StatisticError("confidence level must be in (0, 1)")`.
    public static func interval(successes: Double, n: Int, level: Double = 0.95) throws(StatisticError)
        -> (lower: Double, upper: Double)
    {
        guard n > 0 else { throw .noData }
        guard successes.isFinite else { throw .nonFinite }
        guard successes >= 0, successes <= Double(n) else { throw StatisticError("successes must be in 0...n") }
        return try interval(proportion: successes / Double(n), n: n, level: level)
    }

    /// Interval for an observed `proportion` (0...1) from `n` trials; same formula and errors as
    /// ``interval(successes:n:level:)`` (`StatisticError("proportion must be in 0...1")` when out of range).
    public static func interval(proportion p: Double, n: Int, level: Double = 0.95) throws(StatisticError)
        -> (lower: Double, upper: Double)
    {
        guard n > 0 else { throw .noData }
        guard p.isFinite else { throw .nonFinite }
        guard p >= 0, p <= 1 else { throw StatisticError("proportion must be in 0...1") }
        let z = try NormalDistribution.twoSidedCriticalValue(level: level)
        let nn = Double(n)
        let z2 = z * z
        let denominator = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denominator
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / denominator
        // At p = 0 (p = 1) the lower (upper) end is exactly 0 (1); rounding would leave ~1e-17.
        let lower = p == 0 ? 0 : max(0, centre - half)
        let upper = p == 1 ? 1 : min(1, centre + half)
        return (lower, upper)
    }
}
