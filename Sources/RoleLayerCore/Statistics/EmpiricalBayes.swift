/// Empirical-Bayes shrinkage of group means towards their common mean, the correction for the
/// winner's curse when noisy group means are ranked or their range is taken (Efron & Morris 1975,
/// "Data analysis using Stein's estimator and its generalizations", *JASA* 70:311–319).
///
/// ȳ*_r = ȳ + B_r (ȳ_r − ȳ), B_r = τ² / (τ² + s_r²/n_r),
/// τ² = max(0, Var_r(ȳ_r) − mean_r(s_r²/n_r)) (the method-of-moments between-group variance),
/// where ȳ is the unweighted mean of the R group means and Var_r their sample variance
/// (denominator R − 1).
public enum EmpiricalBayes {
    /// Shrunk means with the quantities behind them.
    public struct Shrinkage: Sendable, Hashable, Codable {
        /// ȳ, the unweighted mean of the group means (the shrinkage target).
        public var grandMean: Double
        /// τ², the estimated variance of the true group means, ≥ 0.
        public var betweenVariance: Double
        /// B_r per group, 0...1 (1 = kept as observed, 0 = pulled fully to ȳ).
        public var factors: [Double]
        /// ȳ*_r per group, in the units of the means.
        public var means: [Double]
    }

    /// Empirical-Bayes shrinkage of R group means.
    ///
    /// - Parameters:
    ///   - means: ȳ_r per group, finite; R ≥ 2.
    ///   - variances: s_r² per group (the sample variance of the group's observations), finite, ≥ 0.
    ///   - counts: n_r per group, ≥ 1.
    /// - Returns: the shrunk means and their factors. A group whose sampling variance s_r²/n_r is 0
    ///   keeps its mean (B_r = 1). When τ² = 0 every other group is pulled to ȳ.
    /// - Throws: `.tooFew(2, "groups")`, `.shape` (lengths differ, a count < 1, a negative
    ///   variance), `.nonFinite`.
    public static func estimate(means: [Double], variances: [Double], counts: [Int]) throws(StatisticError) -> Shrinkage {
        let r = means.count
        guard variances.count == r, counts.count == r else { throw .shape("means, variances and counts differ in length") }
        guard r >= 2 else { throw .tooFew(2, "groups") }
        var samplingVariances = [Double](repeating: 0, count: r)
        var sum = 0.0, meanSampling = 0.0
        for i in 0..<r {
            guard means[i].isFinite, variances[i].isFinite else { throw .nonFinite }
            guard variances[i] >= 0 else { throw .shape("negative variance in group \(i)") }
            guard counts[i] >= 1 else { throw .shape("group \(i) has count \(counts[i])") }
            samplingVariances[i] = variances[i] / Double(counts[i])
            sum += means[i]
            meanSampling += samplingVariances[i]
        }
        let grand = sum / Double(r)
        meanSampling /= Double(r)
        var squares = 0.0
        for m in means { squares += (m - grand) * (m - grand) }
        let tau2 = max(0, squares / Double(r - 1) - meanSampling)
        var factors = [Double](repeating: 1, count: r), shrunk = means
        for i in 0..<r where samplingVariances[i] > 0 {
            factors[i] = tau2 / (tau2 + samplingVariances[i])
            shrunk[i] = grand + factors[i] * (means[i] - grand)
        }
        return Shrinkage(grandMean: grand, betweenVariance: tau2, factors: factors, means: shrunk)
    }

    /// The shrunk means ȳ*_r; see ``estimate(means:variances:counts:)`` for shapes and errors.
    public static func shrink(means: [Double], variances: [Double], counts: [Int]) throws(StatisticError) -> [Double] {
        try estimate(means: means, variances: variances, counts: counts).means
    }
}
