/// Type-7 quantiles of a bootstrap replicate of organisation-level values without expanding it:
/// the values are sorted once, and a replicate only gives each value its multiplicity.
///
/// The result equals ``Quantile/type7(_:_:)`` on the list in which the i-th sorted value appears
/// `counts[i]` times (Hyndman & Fan 1996, type 7: h = (N − 1)·p,
/// Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)), for several p in one O(values) walk.
enum ResampledQuantile {
    /// The type-7 quantiles at `ps` (each in 0...1, ascending) of `sorted` (ascending, finite)
    /// repeated `counts[i]` times (counts ≥ 0, same length); `nil` when every count is 0.
    static func type7(sorted: [Double], counts: [Int32], ps: [Double]) -> [Double]? {
        var total = 0
        for k in counts { total += Int(k) }
        guard total > 0 else { return nil }
        var result = [Double](repeating: 0, count: ps.count)
        var q = 0
        var cumulative = 0   // expanded positions covered by values 0..<i
        var i = 0
        while q < ps.count {
            let h = Double(total - 1) * ps[q]
            let lo = Int(h.rounded(.down))
            let fraction = h - Double(lo)
            // Advance to the value holding expanded position `lo`.
            while cumulative + Int(counts[i]) <= lo { cumulative += Int(counts[i]); i += 1 }
            let low = sorted[i]
            if fraction == 0 || cumulative + Int(counts[i]) > lo + 1 {
                result[q] = low
            } else {
                var j = i + 1
                while counts[j] == 0 { j += 1 }
                result[q] = low + fraction * (sorted[j] - low)
            }
            q += 1
        }
        return result
    }
}
