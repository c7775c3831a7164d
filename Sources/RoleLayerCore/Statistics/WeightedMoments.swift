/// Running weighted mean and variance of one variable, mergeable across groups, chunks and threads.
///
/// Update (one observation x with weight w > 0; West 1979, "Updating mean and variance estimates:
/// an improved method", Comm. ACM 22:532–535, the weighted form of Welford 1962, Technometrics
/// 4:419–420):
///
///     W' = W + w;  δ = x − m;  m' = m + δ·w/W';  M2' = M2 + W·δ·(δ·w/W')
///
/// Merge of two states a and b (Chan, Golub & LeVeque 1983, Am. Stat. 37:242–247):
///
///     W = W_a + W_b;  δ = m_b − m_a;  m = m_a + δ·W_b/W;  M2 = M2_a + M2_b + δ²·W_a·W_b/W
///
/// M2 is the weighted sum of squared deviations Σ wᵢ(xᵢ − m)²; it is never formed as
/// Σwx² − W·m² (cancellation). Sums of weights use Neumaier compensation (``CompensatedSum``),
/// so a million-respondent column loses no precision in W.
///
/// Rules:
/// - `weight` must be finite and ≥ 0. A weight of 0 counts the observation in ``count`` (it is a
///   respondent) but leaves the moments unchanged.
/// - A non-finite `x` or an invalid weight is **not** added; it is counted in ``rejectedCount`` and
///   poisons the state: ``mean`` becomes nil and ``variance()`` throws ``StatisticError/nonFinite``.
///   Filter missing answers (nil) before adding; NaN is never a "missing" marker here.
/// - The result does not depend on the order of `add` calls beyond floating-point rounding, and
///   `merge` of two partial states equals adding all observations to one state (to rounding).
public struct WeightedMoments: Sendable, Hashable {
    /// Number of observations added (unweighted n, zero-weight observations included).
    public private(set) var count: Int = 0
    /// Number of observations refused because x or the weight was not finite (or weight < 0).
    public private(set) var rejectedCount: Int = 0
    private var weightSum = CompensatedSum()
    private var squaredWeightSum = CompensatedSum()
    private var runningMean: Double = 0
    private var m2: Double = 0

    /// An empty state (count 0, no mean).
    public init() {}

    /// A state holding `values`, each with weight 1 or with the matching entry of `weights`.
    ///
    /// - Throws: ``StatisticError/shape(_:)`` when `weights` has another length than `values`;
    ///   ``StatisticError/nonFinite`` when a value or weight is NaN/infinite, or a weight is negative.
    public init(_ values: [Double], weights: [Double]? = nil) throws(StatisticError) {
        if let weights, weights.count != values.count {
            throw .shape("\(values.count) values but \(weights.count) weights")
        }
        for i in values.indices {
            add(values[i], weight: weights?[i] ?? 1)
        }
        if rejectedCount > 0 { throw .nonFinite }
    }

    /// Adds one observation `x` (finite) with `weight` (finite, ≥ 0; default 1).
    /// O(1), no allocation. Invalid input is counted in ``rejectedCount`` (see the type's rules).
    public mutating func add(_ x: Double, weight: Double = 1) {
        guard x.isFinite, weight.isFinite, weight >= 0 else {
            rejectedCount += 1
            return
        }
        count += 1
        guard weight > 0 else { return }
        let previousWeight = weightSum.value
        weightSum.add(weight)
        squaredWeightSum.add(weight * weight)
        let newWeight = weightSum.value
        let delta = x - runningMean
        let r = delta * weight / newWeight
        runningMean += r
        m2 += previousWeight * delta * r
    }

    /// Merges another state into this one (Chan, Golub & LeVeque 1983). O(1).
    public mutating func merge(_ other: WeightedMoments) {
        count += other.count
        rejectedCount += other.rejectedCount
        let wa = weightSum.value, wb = other.weightSum.value
        weightSum.add(other.weightSum)
        squaredWeightSum.add(other.squaredWeightSum)
        guard wb > 0 else { return }
        guard wa > 0 else {
            runningMean = other.runningMean
            m2 = other.m2
            return
        }
        let w = wa + wb
        let delta = other.runningMean - runningMean
        runningMean += delta * wb / w
        m2 += other.m2 + delta * delta * wa * wb / w
    }

    /// Σ wᵢ over the added observations (compensated), ≥ 0.
    public var sumOfWeights: Double { weightSum.value }

    /// Σ wᵢ² over the added observations (compensated), ≥ 0; with ``sumOfWeights`` it gives
    /// Kish's effective sample size W²/Σw².
    public var sumOfSquaredWeights: Double { squaredWeightSum.value }

    /// The weighted mean Σwx/Σw, in the units of x; nil when no observation carries positive
    /// weight (count 0, or all weights 0) or when a rejected (non-finite) value was added.
    public var mean: Double? {
        guard rejectedCount == 0, weightSum.value > 0 else { return nil }
        return runningMean
    }

    /// The weighted sum of squared deviations about the mean, Σ wᵢ(xᵢ − m)² (≥ 0).
    public var sumOfSquaredDeviations: Double { max(0, m2) }

    /// The sample variance, in squared units of x.
    ///
    /// Rule (reliability weights, the unbiased estimator for weights that express relative
    /// precision or sampling design, scale-invariant): s² = M2 / (W − Σw²/W).
    /// With unit (or any equal) weights this is the ordinary M2/(n − 1). It is not the
    /// frequency-weight rule M2/(W − 1), which depends on the scale of the weights.
    ///
    /// - Returns: s² ≥ 0 (0 when all values are equal: zero variance is a value, not an error).
    /// - Throws: ``StatisticError/nonFinite`` if a rejected value was added; ``StatisticError/noData``
    ///   when no observation has positive weight; ``StatisticError/tooFew(_:_:)`` (2) when fewer than
    ///   two observations carry positive weight (W² = Σw²).
    public func variance() throws(StatisticError) -> Double {
        if rejectedCount > 0 { throw .nonFinite }
        let w = weightSum.value
        guard w > 0 else { throw .noData }
        let denominator = w - squaredWeightSum.value / w
        guard denominator > w * 1e-12 else { throw .tooFew(2, "observations with positive weight") }
        return max(0, m2) / denominator
    }

    /// The population (biased) variance M2 / W, in squared units of x, ≥ 0. This is Var_w used in
    /// influence-weighted misalignment (statistics.md §1e.5).
    ///
    /// - Throws: ``StatisticError/nonFinite`` if a rejected value was added; ``StatisticError/noData``
    ///   when no observation has positive weight.
    public func populationVariance() throws(StatisticError) -> Double {
        if rejectedCount > 0 { throw .nonFinite }
        let w = weightSum.value
        guard w > 0 else { throw .noData }
        return max(0, m2) / w
    }

    /// √``variance()``, in the units of x. Throws as ``variance()``.
    public func standardDeviation() throws(StatisticError) -> Double {
        try variance().squareRoot()
    }
}
