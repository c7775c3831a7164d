/// Sample cross-correlation of two equally spaced series, in the convention of statsmodels
/// `statsmodels.tsa.stattools.ccf(x, y, adjusted=True)` (Box & Jenkins 1976, §11.1):
///
///     CCF_k = [Σ_{t=0}^{n−1−k} (x_{t+k} − x̄)(y_t − ȳ) / d_k] / (σ_x·σ_y),   k = 0, 1, ..., L
///
/// with σ the population standard deviations (divisor n) and d_k = n − k (`adjusted`, the default)
/// or n. **Orientation**: CCF_k correlates x at time t + k with y at time t, so a peak at k > 0 means
/// **y leads x** by k periods. To ask whether a series `leader` leads `follower` by k, call
/// `ccf(follower, leader)` and look for the peak at k (O22: y_t = x_{t−2} gives the peak of
/// `ccf(y, x)` at k = 2). statsmodels' `nlags = L + 1` returns the same L + 1 values.
/// With `adjusted` the values can exceed 1 in magnitude at large lags (few terms).
public enum CrossCorrelation {
    /// CCF_0 ... CCF_L (L = `maximumLag`).
    ///
    /// - Parameters:
    ///   - x, y: same length n ≥ 2, finite.
    ///   - maximumLag: L in 0...n − 1.
    ///   - adjusted: divide lag k's sum by n − k (true, statsmodels' default) or by n.
    /// - Throws: ``StatisticError/shape(_:)`` for different lengths or L outside 0...n − 1;
    ///   ``StatisticError/tooFew(_:_:)`` for n < 2; ``StatisticError/nonFinite``;
    ///   ``StatisticError/zeroVariance`` when either series is constant (decided on the values,
    ///   ``ValueRange``: the computed variance of a constant 0.1 series is rounding noise, not 0).
    public static func ccf(_ x: [Double], _ y: [Double], maximumLag: Int, adjusted: Bool = true) throws(StatisticError) -> [Double] {
        guard x.count == y.count else { throw .shape("series of lengths \(x.count) and \(y.count)") }
        let n = x.count
        guard n >= 2 else { throw .tooFew(2, "time points") }
        guard maximumLag >= 0, maximumLag < n else { throw .shape("maximum lag must be in 0...\(n - 1)") }
        for i in 0..<n where !x[i].isFinite || !y[i].isFinite { throw .nonFinite }
        guard !ValueRange(x).allEqual, !ValueRange(y).allEqual else { throw .zeroVariance }
        let nn = Double(n)
        let mx = x.reduce(0, +) / nn, my = y.reduce(0, +) / nn
        let xo = x.map { $0 - mx }, yo = y.map { $0 - my }
        var vx = 0.0, vy = 0.0
        for i in 0..<n { vx += xo[i] * xo[i]; vy += yo[i] * yo[i] }
        guard vx > 0, vy > 0 else { throw .zeroVariance }
        let scale = (vx / nn).squareRoot() * (vy / nn).squareRoot()
        var result = [Double](repeating: 0, count: maximumLag + 1)
        for k in 0...maximumLag {
            var s = 0.0
            for t in 0..<(n - k) { s += xo[t + k] * yo[t] }
            let d = adjusted ? Double(n - k) : nn
            result[k] = s / d / scale
        }
        return result
    }

    /// The lag in 0...L with the largest CCF_k (the first one on exact ties): under the orientation
    /// above, the number of periods by which `y` leads `x`. Same inputs and errors as
    /// ``ccf(_:_:maximumLag:adjusted:)``.
    public static func peakLag(_ x: [Double], _ y: [Double], maximumLag: Int, adjusted: Bool = true) throws(StatisticError) -> Int {
        let c = try ccf(x, y, maximumLag: maximumLag, adjusted: adjusted)
        var best = 0
        for k in 1..<max(1, c.count) where c[k] > c[best] { best = k }
        return best
    }
}
