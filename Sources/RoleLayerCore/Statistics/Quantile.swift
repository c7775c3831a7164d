/// Quantiles and medians (constructs.md, "Settled conventions": medians over respondents are
/// weighted lower medians; every other median or quartile is the type-7 quantile).
///
/// NaN and infinities are rejected before any sort (``StatisticError/nonFinite``).
public enum Quantile {
    /// Type-7 quantile (Hyndman & Fan 1996, "Sample quantiles in statistical packages",
    /// Am. Stat. 50:361–365; R's default, numpy's `linear`): with the sorted values x₍₀₎…x₍ₙ₋₁₎,
    /// h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
    ///
    /// - Parameters:
    ///   - values: any order, finite, n ≥ 1. O(n log n) (one sort of a copy).
    ///   - p: probability in 0...1 (0 gives the minimum, 1 the maximum).
    /// - Returns: a value between the minimum and maximum of `values`, in their units.
    /// - Throws: ``StatisticError/noData`` for empty input; ``StatisticError/nonFinite`` for a NaN or
    ///   infinite value; `StatisticError("p must be in 0...1")` otherwise.
    public static func type7(_ values: [Double], _ p: Double) throws(StatisticError) -> Double {
        try checkProbability(p)
        let sorted = try sortedFinite(values)
        return type7(sorted: sorted, p)
    }

    /// Type-7 quantiles at several probabilities with one sort (same rules as ``type7(_:_:)``).
    /// Returns one value per entry of `ps`, in the same order.
    public static func type7(_ values: [Double], _ ps: [Double]) throws(StatisticError) -> [Double] {
        for p in ps { try checkProbability(p) }
        let sorted = try sortedFinite(values)
        return ps.map { type7(sorted: sorted, $0) }
    }

    /// The ordinary median: type-7 at p = 0.5 (the mean of the two middle values for an even count).
    /// Throws as ``type7(_:_:)``.
    public static func median(_ values: [Double]) throws(StatisticError) -> Double {
        try type7(values, 0.5)
    }

    /// Weighted lower median: the smallest value whose cumulative weight (values in ascending
    /// order) reaches half the total weight. With unit weights and an even count this is the lower
    /// of the two middle values. Cumulative weight within 1e-12·total of the half counts as
    /// reaching it (floating-point sums of fractional weights).
    ///
    /// - Parameters:
    ///   - values: finite, n ≥ 1 (for example stages 0...6 of a role's respondents).
    ///   - weights: same length, finite, ≥ 0, positive total.
    /// - Returns: one of `values`.
    /// - Throws: ``StatisticError/shape(_:)`` when lengths differ; ``StatisticError/noData`` when empty
    ///   or the total weight is 0; ``StatisticError/nonFinite`` for NaN/infinite values or weights,
    ///   or a negative weight.
    public static func weightedLowerMedian(_ values: [Double], weights: [Double]) throws(StatisticError) -> Double {
        guard values.count == weights.count else {
            throw .shape("\(values.count) values but \(weights.count) weights")
        }
        guard !values.isEmpty else { throw .noData }
        var total = CompensatedSum()
        for i in values.indices {
            guard values[i].isFinite, weights[i].isFinite, weights[i] >= 0 else { throw .nonFinite }
            total.add(weights[i])
        }
        let w = total.value
        guard w > 0 else { throw .noData }
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let half = w / 2
        var cumulative = CompensatedSum()
        for i in order {
            cumulative.add(weights[i])
            if weights[i] > 0, cumulative.value >= half - 1e-12 * w { return values[i] }
        }
        return values[order[order.count - 1]]  // unreachable: the full total reaches the half
    }

    /// Type-7 quantile of values that are **already sorted ascending** (no copy, no sort: O(1)), for
    /// callers that take several quantiles of one sorted column (e.g. bootstrap percentiles).
    ///
    /// - Precondition: `sorted` is non-empty, finite and ascending; p in 0...1. (Not checked
    ///   element-wise; use ``type7(_:_:)`` for unchecked input.)
    public static func type7(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "type7(sorted:) needs values")
        return type7(count: sorted.count, p) { sorted[$0] }
    }

    /// Type-7 quantile of `count` ascending values given by position: `value(i)` is the i-th
    /// smallest (0-based). With h = (count - 1)·p it reads only positions ⌊h⌋ and ⌊h⌋ + 1
    /// (``type7Positions(count:_:)``), so a sample stored compressed (for example distinct values
    /// with multiplicities) needs no expansion. ``type7(sorted:_:)`` is this with `{ sorted[$0] }`.
    ///
    /// - Precondition: count >= 1, p in 0...1.
    @inlinable
    public static func type7(count n: Int, _ p: Double, value: (Int) -> Double) -> Double {
        precondition(n >= 1 && p >= 0 && p <= 1, "type7(count:) needs values and p in 0...1")
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        if lo >= n - 1 { return value(n - 1) }
        let fraction = h - Double(lo)
        let a = value(lo)
        return a + fraction * (value(lo + 1) - a)
    }

    /// The positions (0-based, ascending, at most two) that ``type7(count:_:value:)`` reads.
    public static func type7Positions(count n: Int, _ p: Double) -> [Int] {
        precondition(n >= 1 && p >= 0 && p <= 1, "type7Positions needs values and p in 0...1")
        let lo = Int((Double(n - 1) * p).rounded(.down))
        return lo >= n - 1 ? [n - 1] : [lo, lo + 1]
    }

    // MARK: - Internal

    static func sortedFinite(_ values: [Double]) throws(StatisticError) -> [Double] {
        guard !values.isEmpty else { throw .noData }
        for x in values where !x.isFinite { throw .nonFinite }
        return values.sorted()
    }

    static func checkProbability(_ p: Double) throws(StatisticError) {
        guard p >= 0, p <= 1 else { throw StatisticError("p must be in 0...1") }
    }
}
