/// Ranks with ties averaged ("fractional" or mid-ranks), the ranking used by Kendall's W,
/// Friedman's test and the lead-lag rank of constructs.md §5.
public enum Ranking {
    /// The average rank of each value: 1 = first (smallest, or largest when `descending`), tied
    /// values share the mean of the positions they occupy (scipy `rankdata(method="average")`).
    ///
    /// - Parameters:
    ///   - values: any order; must not contain NaN (remove missing values first: NaN never reaches
    ///     a comparison sort). Infinities rank as extremes.
    ///   - descending: true ranks the largest value 1 (e.g. RSI: 1 = most advanced).
    /// - Returns: one rank per input, in input order, each in 1...n; the ranks sum to n(n+1)/2.
    ///   Empty input gives an empty array. O(n log n).
    /// - Precondition: no value is NaN.
    public static func averageRanks(_ values: [Double], descending: Bool) -> [Double] {
        precondition(!values.contains { $0.isNaN }, "averageRanks: NaN cannot be ranked; remove missing values first")
        let n = values.count
        var ranks = [Double](repeating: 0, count: n)
        guard n > 0 else { return ranks }
        let order: [Int] = descending
            ? values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            : values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + 1 + end) / 2  // mean of positions start+1 ... end
            for i in start..<end { ranks[order[i]] = rank }
            start = end
        }
        return ranks
    }

    /// The tie term Σ (t³ − t) over the groups of equal values (t = group size), used in the tie
    /// corrections of Kendall's W and Friedman's χ² (Kendall & Babington Smith 1939). 0 without ties.
    /// - Precondition: no value is NaN.
    public static func tieTerm(_ values: [Double]) -> Double {
        precondition(!values.contains { $0.isNaN }, "tieTerm: NaN cannot be compared")
        var total = 0.0
        for size in tieGroupSizes(values) {
            let t = Double(size)
            total += t * t * t - t
        }
        return total
    }
}

extension Ranking {
    /// −1, 0 or 1 as a < b, a == b, a > b (finite inputs). Used by pair-counting statistics.
    @inline(__always)
    static func order(_ a: Double, _ b: Double) -> Int {
        a < b ? -1 : (a > b ? 1 : 0)
    }

    /// Checks paired observations (x[i], y[i]) for the pair-counting statistics (Kendall's τ_b,
    /// Somers' D) and returns n.
    /// - Throws: ``StatisticError/shape(_:)`` for different lengths; ``StatisticError/tooFew(_:_:)``
    ///   (2) for n < 2; ``StatisticError/nonFinite`` for a NaN or infinite value, in that order.
    static func checkPairs(_ x: [Double], _ y: [Double]) throws(StatisticError) -> Int {
        guard x.count == y.count else { throw .shape("\(x.count) x values but \(y.count) y values") }
        let n = x.count
        guard n >= 2 else { throw .tooFew(2) }
        for i in 0..<n where !x[i].isFinite || !y[i].isFinite { throw .nonFinite }
        return n
    }

    /// The sizes t of the groups of equal values (ties, singletons included), in ascending order
    /// of value; they sum to `values.count`. The input of every tie correction (``tieTerm(_:)``,
    /// Kendall's τ_b variance). O(n log n). - Precondition: no value is NaN (the caller checks).
    static func tieGroupSizes(_ values: [Double]) -> [Int] {
        let sorted = values.sorted()
        var sizes = [Int]()
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            sizes.append(end - start)
            start = end
        }
        return sizes
    }
}
