/// Granger's (1969, "Investigating causal relations by econometric models and cross-spectral
/// methods", Econometrica 37:424–438) F test of whether lags of `cause` improve the prediction of
/// `effect` beyond its own lags, as statsmodels `grangercausalitytests(df[[effect, cause]], p)`
/// reports it as "ssr based F test":
///
///     restricted:   effect_t = a + Σ_{i=1..p} bᵢ·effect_{t−i} + e
///     unrestricted: effect_t = a + Σ bᵢ·effect_{t−i} + Σ cᵢ·cause_{t−i} + e,   t = p ... T − 1
///     F = [(RSS_r − RSS_u)/p] / [RSS_u/(T − p − 2p − 1)],  df = (p, T − 3p − 1)
///
/// statistics.md §1d: with 4–8 quarterly waves the test is not usable per role series (it needs
/// T well above 3p + 1); it is here for long simulated series and for panel pooling by the caller.
public enum GrangerCausality {
    /// The F test.
    public struct Result: Sendable, Hashable {
        /// F ≥ 0; +∞ when the unrestricted model fits exactly (RSS_u = 0) and the restricted one not.
        public var statistic: Double
        /// p (numerator degrees of freedom).
        public var numeratorDegreesOfFreedom: Int
        /// T − 3p − 1 (denominator degrees of freedom).
        public var denominatorDegreesOfFreedom: Int
        /// P(F > statistic), in 0...1 (0 when the statistic is +∞).
        public var pValue: Double
        /// Residual sum of squares of the restricted model (own lags only), ≥ 0.
        public var restrictedResidualSumOfSquares: Double
        /// Residual sum of squares of the unrestricted model (own lags and the cause's lags), ≥ 0.
        public var unrestrictedResidualSumOfSquares: Double
    }

    /// The F test at lag order `lags`.
    ///
    /// - Parameters:
    ///   - effect: the series to predict (statsmodels' first column), length T, finite.
    ///   - cause: the candidate cause (second column), length T, finite.
    ///   - lags: p ≥ 1.
    /// - Throws: ``StatisticError/shape(_:)`` on different lengths or p < 1;
    ///   ``StatisticError/tooFew(_:_:)`` when T − 3p − 1 < 1; ``StatisticError/nonFinite``;
    ///   `StatisticError("design matrix is rank deficient")` (e.g. a constant series);
    ///   ``StatisticError/zeroVariance`` when both models fit exactly. A residual sum of squares
    ///   at the rounding level of the response (``RoundingNoise``, scale Σ y²) counts as an exact
    ///   fit: the QR solve leaves noise of about 1e-30 there, which would give F ≈ 1e30.
    public static func test(effect: [Double], cause: [Double], lags p: Int) throws(StatisticError) -> Result {
        guard effect.count == cause.count else { throw .shape("series of lengths \(effect.count) and \(cause.count)") }
        guard p >= 1 else { throw .shape("lag order must be at least 1") }
        let t = effect.count
        let rows = t - p
        let df2 = rows - 2 * p - 1
        guard df2 >= 1 else { throw .tooFew(3 * p + 2, "time points") }
        let response = Array(effect[p..<t])
        var own = [[Double]]()
        var other = [[Double]]()
        for i in 1...p {
            own.append(Array(effect[(p - i)..<(t - i)]))
            other.append(Array(cause[(p - i)..<(t - i)]))
        }
        let restricted = try OrdinaryLeastSquares.fit(columns: own, y: response)
        let unrestricted = try OrdinaryLeastSquares.fit(columns: own + other, y: response)
        var squaredValues = 0.0
        for v in response { squaredValues += v * v }
        let rssR = RoundingNoise.removed(from: restricted.residualSumOfSquares, sumOfSquaredValues: squaredValues)
        let rssU = RoundingNoise.removed(from: unrestricted.residualSumOfSquares, sumOfSquaredValues: squaredValues)
        let numerator = max(0, rssR - rssU) / Double(p)
        let statistic: Double
        if rssU > 0 {
            statistic = numerator / (rssU / Double(df2))
        } else {
            guard numerator > 0 else { throw .zeroVariance }
            statistic = .infinity
        }
        return Result(
            statistic: statistic, numeratorDegreesOfFreedom: p, denominatorDegreesOfFreedom: df2,
            pValue: FDistribution.survival(statistic, numerator: Double(p), denominator: Double(df2)),
            restrictedResidualSumOfSquares: rssR, unrestrictedResidualSumOfSquares: rssU)
    }
}
