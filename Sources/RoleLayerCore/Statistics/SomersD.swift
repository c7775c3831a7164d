/// Somers' D, the asymmetric ordinal association of a dependent variable Y with an independent
/// variable X (Somers 1962, "A new asymmetric measure of association for ordinal variables",
/// Am. Sociol. Rev. 27:799–811):
///
///     D(Y|X) = (n_c − n_d) / (number of pairs not tied on X)
///
/// As scipy `scipy.stats.somersd(table)`, whose rows are X and columns Y (O11: 0.6032766111513396).
public enum SomersD {
    /// D(Y|X) from a contingency table.
    ///
    /// - Parameter table: [x category][y category] counts, both in ascending order; finite, ≥ 0,
    ///   rectangular. O(r²c²) (tables of a few categories).
    /// - Returns: D in −1...1.
    /// - Throws: ``StatisticError/noData`` for an empty table; ``StatisticError/shape(_:)`` for
    ///   ragged rows; ``StatisticError/nonFinite``; `StatisticError("counts must be non-negative")`;
    ///   ``StatisticError/zeroVariance`` when no pair is untied on X (one non-empty row).
    public static func fromTable(_ table: [[Double]]) throws(StatisticError) -> Double {
        let c = try ChiSquare.checkCountTable(table)
        let r = table.count
        var concordant = 0.0, discordant = 0.0
        for i in 0..<r {
            for j in 0..<c where table[i][j] > 0 {
                var below = 0.0, belowLeft = 0.0
                for k in (i + 1)..<max(i + 1, r) {
                    for l in 0..<c {
                        if l > j { below += table[k][l] } else if l < j { belowLeft += table[k][l] }
                    }
                }
                concordant += table[i][j] * below
                discordant += table[i][j] * belowLeft
            }
        }
        let rowTotals = table.map { $0.reduce(0, +) }
        let n = rowTotals.reduce(0, +)
        var sumSquares = 0.0
        for t in rowTotals { sumSquares += t * t }
        let untiedOnX = (n * n - sumSquares) / 2
        guard untiedOnX > 0 else { throw .zeroVariance }
        return min(1, max(-1, (concordant - discordant) / untiedOnX))
    }

    /// D(Y|X) from paired observations (x[i], y[i]). O(n²).
    ///
    /// - Throws: ``StatisticError/shape(_:)`` for different lengths; ``StatisticError/tooFew(_:_:)``
    ///   for n < 2; ``StatisticError/nonFinite``; ``StatisticError/zeroVariance`` when x is constant.
    public static func d(y: [Double], x: [Double]) throws(StatisticError) -> Double {
        let n = try Ranking.checkPairs(x, y)
        var s = 0, untied = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let sx = Ranking.order(x[i], x[j])
                guard sx != 0 else { continue }
                untied += 1
                s += sx * Ranking.order(y[i], y[j])
            }
        }
        guard untied > 0 else { throw .zeroVariance }
        return Double(s) / Double(untied)
    }
}
