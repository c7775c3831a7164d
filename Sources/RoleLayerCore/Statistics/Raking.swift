/// Survey weighting by raking, i.e. iterative proportional fitting (Deming & Stephan 1940,
/// Ann. Math. Stat. 11:427-444): repeat over margins m and their categories c,
/// w_i ← w_i · T_mc / Σ_{i ∈ c} w_i, until every margin matches its targets.
///
/// When the targets are consistent (every margin has the same total) and no category is empty,
/// the fixed point is the unique table closest to the base weights in Kullback-Leibler divergence
/// (Ireland & Kullback 1968, Biometrika 55:179-188), so any correct implementation (ipfn, samplics,
/// R `survey::rake`) gives the same weights. Where the targets cannot be met, raking throws:
/// it never returns weights that miss their margins silently.
///
/// Constructs.md and statistics.md §2.1: rake at organisation level (industry, size, region),
/// never role counts.
public enum Raking {
    /// Raked weights and how they were reached.
    public struct Result: Sendable, Hashable, Codable {
        /// The raked weights, count = n, >= 0 (0 exactly where the base weight was 0).
        public var weights: [Double]
        /// Full sweeps over all margins performed.
        public var sweeps: Int
        /// The largest |Σ_{i ∈ c} w_i − T_mc| / T_mc over all margins and categories at the end (< tolerance).
        public var maximumRelativeError: Double
    }

    /// Rakes base weights to target totals on several margins.
    ///
    /// - Parameters:
    ///   - baseWeights: n >= 1 design weights, finite and >= 0, with a positive sum (use 1s for none).
    ///   - categories: shape margins x n: `categories[m][i]` is respondent i's category on margin m,
    ///     in `0..<targets[m].count`.
    ///   - targets: shape margins x categories: the population total of each category, finite and > 0.
    ///     Every margin must have the same grand total (within 1e-9 relative).
    ///   - tolerance: stop when the maximum relative margin error is below it (> 0; default 1e-10,
    ///     tighter than the 1e-6 usually quoted so that the weights themselves agree to about 1e-9).
    ///   - maximumIterations: full sweeps allowed (> 0).
    /// - Returns: the raked weights (``Result``).
    /// - Throws: `.noData` for n = 0 or no margin; `.shape` for mismatched counts or a category index
    ///   out of range; `.nonFinite`; `StatisticError` with a reason for a negative weight, a non-positive
    ///   target, inconsistent margin totals, an empty category (a positive target but no respondent with a
    ///   positive base weight), or no convergence within `maximumIterations` (for example targets that
    ///   the pattern of empty cells makes unreachable).
    public static func rake(baseWeights: [Double], categories: [[Int]], targets: [[Double]],
                            tolerance: Double = 1e-10, maximumIterations: Int = 1000) throws(StatisticError) -> Result {
        let n = baseWeights.count
        guard n > 0, !categories.isEmpty else { throw .noData }
        guard categories.count == targets.count else {
            throw .shape("\(categories.count) category margins but \(targets.count) target margins")
        }
        guard tolerance > 0, maximumIterations > 0 else { throw StatisticError("tolerance and maximumIterations must be positive") }
        var baseTotal = 0.0
        for w in baseWeights {
            guard w.isFinite else { throw .nonFinite }
            guard w >= 0 else { throw StatisticError("negative base weight \(w)") }
            baseTotal += w
        }
        guard baseTotal > 0 else { throw StatisticError("base weights sum to 0") }
        let margins = categories.count
        var grandTotal: Double?
        for m in 0..<margins {
            guard categories[m].count == n else {
                throw .shape("margin \(m) gives categories for \(categories[m].count) respondents, expected \(n)")
            }
            guard !targets[m].isEmpty else { throw .shape("margin \(m) has no categories") }
            var total = 0.0
            for t in targets[m] {
                guard t.isFinite else { throw .nonFinite }
                guard t > 0 else { throw StatisticError("margin \(m) has a non-positive target \(t)") }
                total += t
            }
            if let g = grandTotal, abs(total - g) > 1e-9 * max(abs(g), abs(total)) {
                throw StatisticError("margins are inconsistent: margin 0 totals \(g), margin \(m) totals \(total)")
            }
            if grandTotal == nil { grandTotal = total }
            var populated = [Bool](repeating: false, count: targets[m].count)
            for (i, c) in categories[m].enumerated() {
                guard c >= 0, c < targets[m].count else {
                    throw .shape("respondent \(i) has category \(c) on margin \(m), outside 0..<\(targets[m].count)")
                }
                if baseWeights[i] > 0 { populated[c] = true }
            }
            if let empty = populated.firstIndex(of: false) {
                throw StatisticError("category \(empty) of margin \(m) is empty: no respondent to carry its target")
            }
        }

        var weights = baseWeights
        var sums = [Double]()
        func totals(_ m: Int) -> [Double] {
            sums = [Double](repeating: 0, count: targets[m].count)
            let cats = categories[m]
            for i in 0..<n { sums[cats[i]] += weights[i] }
            return sums
        }
        func maximumError() -> Double {
            var worst = 0.0
            for m in 0..<margins {
                let s = totals(m)
                for c in 0..<s.count { worst = max(worst, abs(s[c] - targets[m][c]) / targets[m][c]) }
            }
            return worst
        }
        var error = maximumError()
        if error < tolerance { return Result(weights: weights, sweeps: 0, maximumRelativeError: error) }
        for sweep in 1...maximumIterations {
            for m in 0..<margins {
                let s = totals(m)
                var factor = [Double](repeating: 0, count: s.count)
                for c in 0..<s.count { factor[c] = targets[m][c] / s[c] }  // s[c] > 0: no empty category
                let cats = categories[m]
                for i in 0..<n { weights[i] *= factor[cats[i]] }
            }
            error = maximumError()
            guard error.isFinite else { throw StatisticError("raking diverged (a category total reached 0)") }
            if error < tolerance { return Result(weights: weights, sweeps: sweep, maximumRelativeError: error) }
        }
        throw StatisticError("raking did not converge in \(maximumIterations) sweeps (largest relative margin error \(error))")
    }

    /// Two-way iterative proportional fitting of a table to row and column totals (the ipfn / Deming &
    /// Stephan classic): ``rake(baseWeights:categories:targets:tolerance:maximumIterations:)`` with the
    /// cells as respondents.
    ///
    /// - Parameters:
    ///   - seed: R x C cells, finite and >= 0 (a zero cell stays zero).
    ///   - rowTargets: R positive totals; `columnTargets`: C positive totals with the same sum.
    /// - Returns: the fitted R x C table.
    /// - Throws: as ``rake(baseWeights:categories:targets:tolerance:maximumIterations:)``, plus `.shape`
    ///   for a ragged seed or target counts that do not fit it.
    public static func fitTable(seed: [[Double]], rowTargets: [Double], columnTargets: [Double],
                                tolerance: Double = 1e-10, maximumIterations: Int = 1000) throws(StatisticError) -> [[Double]] {
        let rows = seed.count
        guard rows == rowTargets.count else { throw .shape("\(rows) rows but \(rowTargets.count) row targets") }
        let columns = columnTargets.count
        var cells = [Double](), rowOf = [Int](), columnOf = [Int]()
        for r in 0..<rows {
            guard seed[r].count == columns else { throw .shape("row \(r) has \(seed[r].count) cells, expected \(columns)") }
            for c in 0..<columns { cells.append(seed[r][c]); rowOf.append(r); columnOf.append(c) }
        }
        let fitted = try rake(baseWeights: cells, categories: [rowOf, columnOf], targets: [rowTargets, columnTargets],
                              tolerance: tolerance, maximumIterations: maximumIterations).weights
        return (0..<rows).map { r in Array(fitted[(r * columns)..<((r + 1) * columns)]) }
    }
}

/// Kish's diagnostics of a set of weights (Kish 1965, *Survey Sampling*; Kish 1992, J. Off. Stat.
/// 8:183-200): the design effect due to unequal weighting deff_w = n Σw² / (Σw)² = 1 + CV²_pop and
/// the effective sample size n_eff = (Σw)² / Σw² = n / deff_w (samplics `calculate_deff_weight`).
public struct WeightDiagnostics: Sendable, Hashable, Codable {
    /// Number of weights n (zeros included).
    public var count: Int
    /// Σw, > 0.
    public var sumOfWeights: Double
    /// n_eff = (Σw)² / Σw², in (0, n]; n exactly for equal weights.
    public var effectiveSampleSize: Double
    /// deff_w = n Σw² / (Σw)², >= 1; 1 exactly for equal weights.
    public var designEffect: Double
    /// The population coefficient of variation of the weights, √(deff_w − 1), >= 0.
    public var coefficientOfVariation: Double

    /// Diagnostics of `weights` (count n >= 1, finite, >= 0, positive sum).
    /// - Throws: `.noData` for no weights; `.nonFinite`; `StatisticError` for a negative weight or a zero sum.
    public init(weights: [Double]) throws(StatisticError) {
        guard !weights.isEmpty else { throw .noData }
        var sum = 0.0, sumOfSquares = 0.0
        for w in weights {
            guard w.isFinite else { throw .nonFinite }
            guard w >= 0 else { throw StatisticError("negative weight \(w)") }
            sum += w
            sumOfSquares += w * w
        }
        guard sum > 0 else { throw StatisticError("weights sum to 0") }
        count = weights.count
        sumOfWeights = sum
        effectiveSampleSize = sum * sum / sumOfSquares
        designEffect = Double(weights.count) * sumOfSquares / (sum * sum)
        coefficientOfVariation = max(0, designEffect - 1).squareRoot()
    }
}
