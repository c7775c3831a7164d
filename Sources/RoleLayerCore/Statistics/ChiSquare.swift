#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pearson's chi-square test of independence for an r × c table of counts, with its effect sizes.
///
/// Conventions (constructs.md "Settled conventions"; statistics.md §1c):
/// - All-zero rows and columns are dropped first; the kept indices are reported.
/// - **No continuity correction**, also for 2 × 2 tables (scipy `chi2_contingency` and pingouin
///   apply Yates' correction to 2 × 2 tables by default; RoleLayer does not: O10's heart table gives
///   χ² = 23.914384, not the Yates 22.717).
/// - Exact p-values from the regularised incomplete gamma function (``ChiSquaredDistribution``).
public enum ChiSquare {
    /// Everything the test of independence reports. Matrices are in the shape of the *input*
    /// table; cells of dropped (all-zero) rows or columns hold expected 0 and adjusted residual 0.
    public struct Result: Sendable, Hashable {
        /// Pearson's X² = Σ (O − E)²/E over the kept cells (Pearson 1900), ≥ 0.
        public var statistic: Double
        /// (r − 1)(c − 1) of the kept table, ≥ 1.
        public var degreesOfFreedom: Int
        /// P(χ²_df > X²), in 0...1.
        public var pValue: Double
        /// Cramér's V = √(X²/(n·(min(r, c) − 1))), in 0...1 (Cramér 1946, *Mathematical Methods of
        /// Statistics*, §21.9); scipy `contingency.association(method="cramer")`.
        public var cramersV: Double
        /// Bergsma's bias-corrected V (Bergsma 2013, J. Korean Stat. Soc. 42:323–328):
        /// φ̃² = max(0, X²/n − (r−1)(c−1)/(n−1)), r̃ = r − (r−1)²/(n−1), c̃ likewise,
        /// Ṽ = √(φ̃²/min(r̃ − 1, c̃ − 1)); in 0...1. nil when n ≤ 1 or min(r̃, c̃) ≤ 1 (too few counts
        /// for the correction).
        public var biasCorrectedCramersV: Double?
        /// Pearson's contingency coefficient C = √(X²/(X² + n)), in 0...<1.
        public var pearsonsC: Double
        /// Tschuprow's T = √((X²/n)/√((r−1)(c−1))), in 0...1 (Tschuprow 1939).
        public var tschuprowsT: Double
        /// The G (log-likelihood ratio) statistic 2·Σ O·ln(O/E), 0·ln 0 = 0 (Woolf 1957;
        /// scipy `chi2_contingency(lambda_="log-likelihood")`), ≥ 0.
        public var gStatistic: Double
        /// P(χ²_df > G), in 0...1.
        public var gPValue: Double
        /// Haberman's (1973, Biometrics 29:205–220) adjusted standardised residuals
        /// (O − E)/√(E·(1 − Rᵢ/n)·(1 − Cⱼ/n)), approximately N(0, 1) per cell under independence;
        /// |z| > 1.96 marks a cell that departs at the 5% level. Input shape [row][column].
        public var adjustedResiduals: [[Double]]
        /// Expected counts Rᵢ·Cⱼ/n, input shape [row][column].
        public var expected: [[Double]]
        /// True when any kept cell has an expected count below 5 (the spec's small-cell flag).
        public var hasSmallExpected: Bool
        /// Share of kept cells with expected count below 5, in 0...1 (Cochran 1954: the χ²
        /// approximation is doubtful above 0.2).
        public var smallExpectedShare: Double
        /// Total count n of the table.
        public var n: Double
        /// Indices of the input rows kept (not all zero), ascending.
        public var keptRows: [Int]
        /// Indices of the input columns kept (not all zero), ascending.
        public var keptColumns: [Int]
    }

    /// Chi-square test of independence of the table's row and column variables.
    ///
    /// - Parameter table: [row][column] counts, finite and ≥ 0 (may be non-integer, e.g. weighted;
    ///   the spec passes unweighted counts). All rows the same length. O(r·c).
    /// - Returns: the ``Result``.
    /// - Throws: ``StatisticError/noData`` when the table is empty or sums to 0;
    ///   ``StatisticError/shape(_:)`` for ragged rows; ``StatisticError/nonFinite`` for NaN/∞;
    ///   `StatisticError("counts must be non-negative")`; `StatisticError("needs at least two non-empty
    ///   rows and two non-empty columns")` when fewer remain after dropping all-zero ones.
    public static func independence(_ table: [[Double]]) throws(StatisticError) -> Result {
        let columnCount = try checkCountTable(table)
        let rowTotals = table.map { CompensatedSum.sum($0) }
        var columnTotals = [Double](repeating: 0, count: columnCount)
        for j in 0..<columnCount {
            columnTotals[j] = CompensatedSum.sum(table.lazy.map { $0[j] })
        }
        let n = CompensatedSum.sum(rowTotals)
        guard n > 0 else { throw .noData }
        let keptRows = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let keptColumns = columnTotals.indices.filter { columnTotals[$0] > 0 }
        let r = keptRows.count, c = keptColumns.count
        guard r >= 2, c >= 2 else {
            throw StatisticError("needs at least two non-empty rows and two non-empty columns")
        }

        var expected = [[Double]](repeating: [Double](repeating: 0, count: columnCount), count: table.count)
        var residuals = expected
        var x2 = CompensatedSum(), g = CompensatedSum()
        var smallCells = 0
        for i in keptRows {
            for j in keptColumns {
                let o = table[i][j]
                let e = rowTotals[i] * columnTotals[j] / n
                expected[i][j] = e
                if e < 5 { smallCells += 1 }
                let d = o - e
                x2.add(d * d / e)
                if o > 0 { g.add(o * log(o / e)) }
                let v = e * (1 - rowTotals[i] / n) * (1 - columnTotals[j] / n)
                residuals[i][j] = d / v.squareRoot()
            }
        }
        let statistic = max(0, x2.value)
        let gStatistic = max(0, 2 * g.value)
        let df = (r - 1) * (c - 1)
        let dfD = Double(df)
        let minimumDimension = Double(min(r, c))
        let phi2 = statistic / n
        let cramersV = min(1, (phi2 / (minimumDimension - 1)).squareRoot())

        var biasCorrected: Double? = nil
        if n > 1 {
            let phi2Tilde = max(0, phi2 - dfD / (n - 1))
            let rTilde = Double(r) - Double((r - 1) * (r - 1)) / (n - 1)
            let cTilde = Double(c) - Double((c - 1) * (c - 1)) / (n - 1)
            let m = min(rTilde, cTilde) - 1
            if m > 0 { biasCorrected = min(1, (phi2Tilde / m).squareRoot()) }
        }

        return Result(
            statistic: statistic,
            degreesOfFreedom: df,
            pValue: ChiSquaredDistribution.survival(statistic, degreesOfFreedom: dfD),
            cramersV: cramersV,
            biasCorrectedCramersV: biasCorrected,
            pearsonsC: (statistic / (statistic + n)).squareRoot(),
            tschuprowsT: min(1, (phi2 / dfD.squareRoot()).squareRoot()),
            gStatistic: gStatistic,
            gPValue: ChiSquaredDistribution.survival(gStatistic, degreesOfFreedom: dfD),
            adjustedResiduals: residuals,
            expected: expected,
            hasSmallExpected: smallCells > 0,
            smallExpectedShare: Double(smallCells) / Double(r * c),
            n: n,
            keptRows: keptRows,
            keptColumns: keptColumns)
    }
}

extension ChiSquare {
    /// Checks a [row][column] table of counts (used here and by ``SomersD/fromTable(_:)``) and returns
    /// its column count: at least one row, rows of one non-zero length, counts finite and ≥ 0.
    ///
    /// - Throws: ``StatisticError/noData`` for no rows or empty rows; ``StatisticError/shape(_:)``
    ///   "rows of different lengths"; ``StatisticError/nonFinite``; `StatisticError("counts must be
    ///   non-negative")`, in that order of checking.
    static func checkCountTable(_ table: [[Double]]) throws(StatisticError) -> Int {
        guard let columnCount = table.first?.count, columnCount > 0 else { throw .noData }
        for row in table {
            guard row.count == columnCount else { throw .shape("rows of different lengths") }
            for x in row {
                guard x.isFinite else { throw .nonFinite }
                guard x >= 0 else { throw StatisticError("counts must be non-negative") }
            }
        }
        return columnCount
    }
}

extension ChiSquare {
    /// Pearson's X² of the 2 × c table of integer counts whose row 0 is `x` and row 1 is `t − x`
    /// (for example: respondents citing a blocker and not citing it, per role, with `t` the
    /// role's respondents), without allocating: for the permutation loops that need only the
    /// statistic.
    ///
    /// Bit for bit the ``independence(_:)`` statistic of `[x, t − x]`: with integer counts below
    /// 2⁵³ every row, column and grand total is exact (so equal to the compensated totals), and
    /// the terms (O − E)²/E are added in the same order (row 0 then row 1, columns ascending,
    /// all-zero columns left out) with the same ``CompensatedSum``.
    ///
    /// - Parameters:
    ///   - x: row 0, counts ≥ 0; count = c.
    ///   - t: column totals, `t[j] >= x[j]`; count = c.
    /// - Returns: X² ≥ 0, or `nil` where ``independence(_:)`` throws (a table summing to 0, or fewer
    ///   than two non-empty rows or columns).
    static func independenceStatistic(x: UnsafeBufferPointer<Int>, t: UnsafeBufferPointer<Int>) -> Double? {
        let c = x.count
        var row0 = 0, row1 = 0, keptColumns = 0
        for j in 0..<c {
            row0 += x[j]
            row1 += t[j] - x[j]
            if t[j] > 0 { keptColumns += 1 }
        }
        guard row0 > 0, row1 > 0, keptColumns >= 2 else { return nil }
        let n = Double(row0 + row1), r0 = Double(row0), r1 = Double(row1)
        var x2 = CompensatedSum()
        for j in 0..<c where t[j] > 0 {
            let e = r0 * Double(t[j]) / n
            let d = Double(x[j]) - e
            x2.add(d * d / e)
        }
        for j in 0..<c where t[j] > 0 {
            let e = r1 * Double(t[j]) / n
            let d = Double(t[j] - x[j]) - e
            x2.add(d * d / e)
        }
        return max(0, x2.value)
    }
}
