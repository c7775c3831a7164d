/// Ordinary (and weighted) least squares: the straight line of constructs.md §5 (convergence
/// slopes of a gap over waves, σ-convergence) and small multiple regressions (the Granger test).
public enum OrdinaryLeastSquares {
    /// A fitted straight line y = intercept + slope·x.
    public struct LineFit: Sendable, Hashable {
        /// Change in y per unit of x (e.g. points per wave).
        public var slope: Double
        /// Fitted y at x = 0.
        public var intercept: Double
        /// Number of points n.
        public var count: Int
        /// Residual standard error √(Σ wᵢeᵢ²/(n − 2)), in y's units; nil when n < 3.
        public var residualStandardError: Double?
        /// Standard error of the slope, residual SE/√Sxx; nil when n < 3.
        public var slopeStandardError: Double?
        /// R² = 1 − RSS/Syy in 0...1; nil when y is constant (all y with positive weight equal,
        /// decided on the values, not on the computed Syy).
        public var rSquared: Double?

        /// A t-based confidence interval for the slope (df = n − 2), nil when n < 3.
        /// - Throws: `StatisticError("confidence level must be in (0, 1)")`.
        public func slopeInterval(level: Double = 0.95) throws(StatisticError) -> (lower: Double, upper: Double)? {
            guard level > 0, level < 1 else { throw StatisticError("confidence level must be in (0, 1)") }
            guard let se = slopeStandardError else { return nil }
            let t = StudentTDistribution.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(count - 2))
            return (slope - t * se, slope + t * se)
        }
    }

    /// Slope and intercept of the least-squares line of y on x (Legendre 1805; Gauss 1809), from
    /// centred sums: slope = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)², intercept = ȳ − slope·x̄.
    ///
    /// - Parameters: x, y: same length n ≥ 2, finite.
    /// - Throws: as ``fit(x:y:weights:)``.
    public static func slope(x: [Double], y: [Double]) throws(StatisticError) -> (slope: Double, intercept: Double) {
        let f = try fit(x: x, y: y)
        return (f.slope, f.intercept)
    }

    /// The full straight-line fit, optionally weighted (weights as inverse variances: WLS).
    ///
    /// - Parameters:
    ///   - x, y: same length n ≥ 2, finite.
    ///   - weights: nil (all 1) or n finite weights ≥ 0 with at least two positive.
    /// - Throws: ``StatisticError/shape(_:)`` on different lengths; ``StatisticError/tooFew(_:_:)`` (2)
    ///   for n < 2; ``StatisticError/nonFinite``; ``StatisticError/zeroVariance`` when all x with
    ///   positive weight are equal (no slope; decided on the x values themselves, ``ValueRange``,
    ///   because a computed Sxx of equal non-dyadic x such as 0.1 is rounding noise, not 0);
    ///   `StatisticError("weights must be non-negative")`.
    public static func fit(x: [Double], y: [Double], weights: [Double]? = nil) throws(StatisticError) -> LineFit {
        guard x.count == y.count else { throw .shape("\(x.count) x values but \(y.count) y values") }
        if let weights, weights.count != x.count { throw .shape("\(x.count) points but \(weights.count) weights") }
        let n = x.count
        guard n >= 2 else { throw .tooFew(2, "points") }
        var sw = 0.0, sx = 0.0, sy = 0.0
        var rangeX = ValueRange(), rangeY = ValueRange()
        for i in 0..<n {
            let w = weights?[i] ?? 1
            guard x[i].isFinite, y[i].isFinite, w.isFinite else { throw .nonFinite }
            guard w >= 0 else { throw StatisticError("weights must be non-negative") }
            sw += w; sx += w * x[i]; sy += w * y[i]
            if w > 0 { rangeX.add(x[i]); rangeY.add(y[i]) }
        }
        guard sw > 0 else { throw .noData }
        guard !rangeX.allEqual else { throw .zeroVariance }
        let mx = sx / sw, my = sy / sw
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            let dx = x[i] - mx, dy = y[i] - my
            sxx += w * dx * dx; sxy += w * dx * dy; syy += w * dy * dy
        }
        guard sxx > 0 else { throw .zeroVariance }
        let b = sxy / sxx
        let a = my - b * mx
        var rss = 0.0
        for i in 0..<n {
            let e = y[i] - a - b * x[i]
            rss += (weights?[i] ?? 1) * e * e
        }
        var residualSE: Double? = nil, slopeSE: Double? = nil
        if n >= 3 {
            let s = (rss / Double(n - 2)).squareRoot()
            residualSE = s
            slopeSE = s / sxx.squareRoot()
        }
        let r2: Double? = !rangeY.allEqual && syy > 0 ? min(1, max(0, 1 - rss / syy)) : nil
        return LineFit(slope: b, intercept: a, count: n, residualStandardError: residualSE,
                       slopeStandardError: slopeSE, rSquared: r2)
    }

    /// A multiple regression fit.
    public struct Fit: Sendable, Hashable {
        /// One coefficient per design column, in the given order (the intercept last when added).
        public var coefficients: [Double]
        /// Residual sum of squares Σeᵢ², ≥ 0.
        public var residualSumOfSquares: Double
        /// n − (number of coefficients).
        public var residualDegreesOfFreedom: Int
    }

    /// Least squares of y on the given columns by Householder QR (Golub & Van Loan 2013,
    /// *Matrix Computations* 4th ed. §5.2–5.3), which avoids the squared condition number of the
    /// normal equations.
    ///
    /// - Parameters:
    ///   - columns: p design columns, each of length n (column-major).
    ///   - y: n responses.
    ///   - addIntercept: appends a column of ones (its coefficient is last).
    /// - Throws: ``StatisticError/shape(_:)`` when lengths differ; ``StatisticError/tooFew(_:_:)``
    ///   when n ≤ p (no residual degree of freedom); ``StatisticError/nonFinite``;
    ///   `StatisticError("design matrix is rank deficient")` for collinear columns.
    public static func fit(columns: [[Double]], y: [Double], addIntercept: Bool = true) throws(StatisticError) -> Fit {
        let n = y.count
        var a = columns
        if addIntercept { a.append([Double](repeating: 1, count: n)) }
        let p = a.count
        guard p >= 1 else { throw .shape("no design columns") }
        for col in a {
            guard col.count == n else { throw .shape("a column has \(col.count) rows, y has \(n)") }
            for v in col where !v.isFinite { throw .nonFinite }
        }
        for v in y where !v.isFinite { throw .nonFinite }
        guard n > p else { throw .tooFew(p + 1, "observations") }
        var b = y
        for k in 0..<p {
            var norm2 = 0.0
            for i in k..<n { norm2 += a[k][i] * a[k][i] }
            var originalNorm2 = 0.0
            for i in 0..<n { originalNorm2 += a[k][i] * a[k][i] }
            let norm = norm2.squareRoot()
            guard norm > 1e-12 * max(originalNorm2.squareRoot(), .leastNormalMagnitude) else {
                throw StatisticError("design matrix is rank deficient")
            }
            let alpha = a[k][k] > 0 ? -norm : norm
            var v = Array(a[k][k..<n])
            v[0] -= alpha
            var vNorm2 = 0.0
            for e in v { vNorm2 += e * e }
            guard vNorm2 > 0 else { continue }
            for j in k..<p {
                var dot = 0.0
                for i in 0..<v.count { dot += v[i] * a[j][k + i] }
                let f = 2 * dot / vNorm2
                for i in 0..<v.count { a[j][k + i] -= f * v[i] }
            }
            var dot = 0.0
            for i in 0..<v.count { dot += v[i] * b[k + i] }
            let f = 2 * dot / vNorm2
            for i in 0..<v.count { b[k + i] -= f * v[i] }
        }
        var beta = [Double](repeating: 0, count: p)
        for k in stride(from: p - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<max(k + 1, p) { s -= a[j][k] * beta[j] }
            beta[k] = s / a[k][k]
        }
        var rss = 0.0
        for i in p..<n { rss += b[i] * b[i] }
        return Fit(coefficients: beta, residualSumOfSquares: rss, residualDegreesOfFreedom: n - p)
    }
}
