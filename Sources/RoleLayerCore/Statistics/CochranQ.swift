/// Cochran's Q test that k binary items (for example blockers) have the same share of "yes" over
/// the same N respondents (Cochran 1950, "The comparison of percentages in matched samples",
/// Biometrika 37:256–266):
///
///     Q = (k − 1)·[k·Σⱼ Cⱼ² − T²] / (k·T − Σᵢ Rᵢ²),  df = k − 1
///
/// with Cⱼ the column (item) totals, Rᵢ the row (respondent) totals and T the grand total. As
/// statsmodels `cochrans_q` and pingouin `cochran` (O13: Q = 4.666667, p = 0.096972).
public enum CochranQ {
    /// Q, its degrees of freedom and χ² p-value.
    public struct Result: Sendable, Hashable {
        /// Q ≥ 0.
        public var statistic: Double
        /// k − 1.
        public var degreesOfFreedom: Int
        /// P(χ²_{k−1} > Q), in 0...1.
        public var pValue: Double
    }

    /// Cochran's Q of a respondents × items 0/1 matrix.
    ///
    /// - Parameter responses: [respondent][item], every row the same length k ≥ 2, N ≥ 1 rows.
    /// - Throws: ``StatisticError/noData`` for no rows; ``StatisticError/tooFew(_:_:)`` for k < 2;
    ///   ``StatisticError/shape(_:)`` for ragged rows; ``StatisticError/zeroVariance`` when every row
    ///   is all 0 or all 1 (no respondent discriminates between items).
    public static func test(_ responses: [[Bool]]) throws(StatisticError) -> Result {
        guard let k = responses.first?.count else { throw .noData }
        guard k >= 2 else { throw .tooFew(2, "items") }
        var columns = [Double](repeating: 0, count: k)
        var sumRowSquares = 0.0, total = 0.0
        for row in responses {
            guard row.count == k else { throw .shape("rows of different lengths") }
            var r = 0.0
            for j in 0..<k where row[j] { columns[j] += 1; r += 1 }
            sumRowSquares += r * r
            total += r
        }
        let kk = Double(k)
        let denominator = kk * total - sumRowSquares
        guard denominator > 0 else { throw .zeroVariance }
        var sumColumnSquares = 0.0
        for c in columns { sumColumnSquares += c * c }
        let q = max(0, (kk - 1) * (kk * sumColumnSquares - total * total) / denominator)
        return Result(statistic: q, degreesOfFreedom: k - 1,
                      pValue: ChiSquaredDistribution.survival(q, degreesOfFreedom: kk - 1))
    }
}
