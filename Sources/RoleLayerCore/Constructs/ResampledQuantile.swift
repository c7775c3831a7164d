/// Type-7 quantiles of a bootstrap replicate of organisation-level values without expanding it:
/// the values are sorted once, and a replicate only gives each organisation its multiplicity.
///
/// The result equals ``Quantile/type7(_:_:)`` on the list in which value i appears
/// `multiplicities[order[i]]` times (Hyndman & Fan 1996, type 7: h = (N − 1)·p,
/// Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)), in O(values) per call.
enum ResampledQuantile {
    /// The type-7 quantile at `p` (0...1) of `sorted` (ascending, finite) repeated by `weightOf(i)`
    /// (a non-negative integer count for the i-th sorted value); `nil` when every count is 0.
    static func type7(sorted: [Double], p: Double, count weightOf: (Int) -> Int) -> Double? {
        var total = 0
        for i in sorted.indices { total += weightOf(i) }
        guard total > 0 else { return nil }
        let h = Double(total - 1) * p
        let lo = Int(h.rounded(.down))
        let fraction = h - Double(lo)
        // Value at expanded position `lo` and at `lo + 1`.
        var cumulative = 0
        var low: Double? = nil
        for i in sorted.indices {
            let k = weightOf(i)
            if k == 0 { continue }
            cumulative += k
            if low == nil, cumulative > lo {
                low = sorted[i]
                if cumulative > lo + 1 || fraction == 0 { return sorted[i] }
                continue
            }
            if low != nil { return low! + fraction * (sorted[i] - low!) }
        }
        return low
    }
}
