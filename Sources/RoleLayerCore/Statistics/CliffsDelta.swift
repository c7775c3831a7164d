/// Cliff's δ = P(X > Y) − P(X < Y) over all n_x·n_y pairs, an ordinal effect size in −1...1
/// (Cliff 1993, "Dominance statistics", Psych. Bull. 114:494–509). The Vargha–Delaney A is
/// (δ + 1)/2. Ties count in neither term.
public enum CliffsDelta {
    /// δ of sample `x` against sample `y` (positive: x tends to be larger).
    ///
    /// - Parameters: x, y: independent samples, each n ≥ 1, finite. O((n_x + n_y) log n_y).
    /// - Returns: δ in −1...1; antisymmetric: δ(x, y) = −δ(y, x).
    /// - Throws: ``StatisticError/noData`` when either sample is empty; ``StatisticError/nonFinite``.
    public static func delta(_ x: [Double], _ y: [Double]) throws(StatisticError) -> Double {
        guard !x.isEmpty, !y.isEmpty else { throw .noData }
        for v in x where !v.isFinite { throw .nonFinite }
        for v in y where !v.isFinite { throw .nonFinite }
        let sortedY = y.sorted()
        var balance = 0
        for v in x {
            let less = lowerBound(sortedY, v)           // y < v
            let greater = sortedY.count - upperBound(sortedY, v)  // y > v
            balance += less - greater
        }
        return Double(balance) / (Double(x.count) * Double(y.count))
    }

    static func lowerBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func upperBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
