/// How kernels decide "all values equal" (zero variance) and "exact fit" without trusting a
/// computed sum of squares to come out as exactly 0.
///
/// When every value is 0.1, 2.7 or 1/3 (or 3.0 under survey weights), the computed mean carries
/// rounding, and a sum of squared deviations from it is noise of order n·(u·|x|)² (about 1e-30)
/// rather than 0 (u = 2⁻⁵³, the unit roundoff). Testing such a sum for `> 0` then turns a statistic
/// that is not available (η², ICC, R², a slope over constant x) into a number built from noise
/// (η² = 1, an F of 1e30, a slope SE of 1e16). Two rules replace that test:
///
/// 1. **All values equal** is decided on the inputs, exactly: ``ValueRange`` keeps min and max
///    of the values that count (for example those with positive weight), and the values are all
///    equal when min == max. No tolerance is involved.
/// 2. **A sum of squares that is zero up to rounding** (an exact fit of a model, equal group means
///    computed from different groups) is compared with the scale of the data it came from:
///    ``RoundingNoise/isNegligible(_:sumOfSquaredValues:)`` treats SS as 0 when
///    SS ≤ ε·Σ wᵢyᵢ² = ε·W·RMS(y)², with ε = ``RoundingNoise/relativeSumOfSquares`` = 2⁻⁸⁰
///    (about 8.3e-25): the root mean square of the deviations is then at most 2⁻⁴⁰ ≈ 9.1e-13 of
///    the root mean square of the values, 8192 units of roundoff (2⁻⁵³ each). Rounding in a mean
///    or a fitted value is relative to |y| (not to y − ȳ), so the scale is the uncentred Σ w y².
///    This is the backward-error test of numerical linear algebra (a residual is zero when it is
///    below a small multiple of u·‖y‖; Higham 2002, *Accuracy and Stability of Numerical
///    Algorithms*, 2nd ed., §1.10 and ch. 20), with a fixed multiple rather than one growing with
///    n, since the kernels accumulate per group or per cell (Welford), not over all n terms.
///
///    Measured (RMS deviation over RMS value, in units of roundoff, 3,000 random cases each):
///    equal group means in a one-way table, at most 6; exact additive two-factor fits with
///    2–10 × 2–7 levels and n = 10...20,000, 5–55 unweighted or with weights in 0.2...3, at most
///    645 with log-normal weights (σ = 2, ratios up to 10⁵) on 10 observations; means of a
///    constant group formed as Σx/m for m ≤ 2,000 (not Welford), at most 331. 8192 leaves a
///    margin of 12 over the worst of these. A genuine spread below 9.1e-13 of the values'
///    magnitude cannot be told from the rounding in the means it is computed from.
public enum RoundingNoise {
    /// ε = 2⁻⁸⁰ ≈ 8.27e-25: a sum of squares at most ε·Σ wᵢyᵢ² is rounding noise.
    public static let relativeSumOfSquares: Double = 0x1p-80

    /// Whether `sumOfSquares` (≥ 0, a weighted sum of squared deviations, residuals or fitted
    /// differences) is zero up to rounding, given Σ wᵢyᵢ² of the values it was computed from
    /// (`sumOfSquaredValues` ≥ 0, uncentred, same weights).
    @inlinable
    public static func isNegligible(_ sumOfSquares: Double, sumOfSquaredValues: Double) -> Bool {
        sumOfSquares <= relativeSumOfSquares * sumOfSquaredValues
    }

    /// `sumOfSquares`, or exactly 0 when it is ``isNegligible(_:sumOfSquaredValues:)``.
    @inlinable
    public static func removed(from sumOfSquares: Double, sumOfSquaredValues: Double) -> Double {
        return isNegligible(sumOfSquares, sumOfSquaredValues: sumOfSquaredValues) ? 0 : sumOfSquares
    }
}

/// The smallest and largest of the values seen, to decide on the inputs themselves (exactly,
/// no tolerance) whether they are all equal. O(1) per value, no allocation: fold ``add(_:)``
/// into a kernel's existing pass over its data.
public struct ValueRange: Sendable, Hashable {
    /// The smallest value added; +∞ while empty.
    public var lowest: Double = .infinity
    /// The largest value added; −∞ while empty.
    public var highest: Double = -.infinity

    /// An empty range.
    @inlinable
    public init() {}

    /// Adds one finite value (NaN is ignored: kernels reject it before).
    @inlinable
    public mutating func add(_ x: Double) {
        if x < lowest { lowest = x }
        if x > highest { highest = x }
    }

    /// True when no value was added.
    @inlinable
    public var isEmpty: Bool { lowest > highest }

    /// True when at least one value was added and all are the same number (min == max; −0 and +0
    /// count as equal).
    @inlinable
    public var allEqual: Bool { lowest == highest }

    /// The range of `values`, counting only those whose weight is > 0 when `weights` is given
    /// (same length; a zero weight takes a value out of the statistic).
    public init(_ values: [Double], weights: [Double]? = nil) {
        if let weights {
            for i in values.indices where weights[i] > 0 { add(values[i]) }
        } else {
            for x in values { add(x) }
        }
    }
}
